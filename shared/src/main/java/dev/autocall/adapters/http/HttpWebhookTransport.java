package dev.autocall.adapters.http;

import dev.autocall.config.Environment;
import dev.autocall.config.Names;
import dev.autocall.domain.webhook.WebhookTransport;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts a signed webhook over java.net.http: 10 seconds for the whole exchange, redirects never followed (a 3xx comes
 * back as its status, a failure), and only to the addresses {@link AddressPolicy} allows: in AWS https to public
 * addresses, locally also plain http on loopback. The answer's body is
 * read within the same 10 seconds and dropped.
 */
public final class HttpWebhookTransport implements WebhookTransport {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final AddressPolicy policy;

    /** Builds its HTTP client: make one per container, not one per delivery. */
    public HttpWebhookTransport(AddressPolicy policy) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.policy = policy;
    }

    /** Loopback http only where the local runtime allows it. */
    public static HttpWebhookTransport fromEnvironment(Environment env) {
        boolean loopback = env.optional(Names.ALLOW_LOOPBACK_HTTP).map(Boolean::parseBoolean).orElse(false);
        return new HttpWebhookTransport(new AddressPolicy(loopback));
    }

    @Override
    public Result post(String url, Map<String, String> headers, String body) {
        long started = System.nanoTime();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Result.failed("not allowed: not a URL", millisSince(started));
        }
        String refusal = policy.refusal(uri).orElse(null);
        if (refusal != null) {
            return Result.failed(refusal, millisSince(started));
        }
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Autocall-Webhooks")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            headers.forEach(builder::header);
            request = builder.build();
        } catch (IllegalArgumentException e) {
            return Result.failed("not allowed: not a URL the client can call", millisSince(started));
        }
        CompletableFuture<HttpResponse<Void>> exchange = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            HttpResponse<Void> answer = exchange.get(TIMEOUT.toNanos() - (System.nanoTime() - started), TimeUnit.NANOSECONDS);
            return new Result(answer.statusCode(), null, millisSince(started));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return Result.failed("timeout", millisSince(started));
        } catch (ExecutionException e) {
            return Result.failed(HttpFetcher.describe(e.getCause()), millisSince(started));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return Result.failed("interrupted", millisSince(started));
        }
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
