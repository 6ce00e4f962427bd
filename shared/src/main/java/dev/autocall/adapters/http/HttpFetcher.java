package dev.autocall.adapters.http;

import dev.autocall.config.Environment;
import dev.autocall.config.Names;
import dev.autocall.domain.ivr.Fetcher;
import dev.autocall.domain.webhook.WebhookSecrets;
import dev.autocall.domain.webhook.WebhookSigner;
import dev.autocall.phone.Redact;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A fetch node's POST over java.net.http, signed the Standard Webhooks way with the workspace's secrets. The whole
 * exchange, answer included, is bounded by the node's timeout, because a caller on the line hears silence meanwhile;
 * whatever the server or the network does comes back as a {@link Response}, never as an exception.
 */
public final class HttpFetcher implements Fetcher {
    private static final Logger LOG = Logger.getLogger(HttpFetcher.class.getName());
    /** The longest a fetch node may wait; also the client's connect timeout, which no request's deadline exceeds. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpClient client;
    private final WebhookSecrets secrets;
    private final AddressPolicy policy;
    private final Clock clock;

    /** Builds its HTTP client: make one per container, not one per call. */
    public HttpFetcher(WebhookSecrets secrets, AddressPolicy policy, Clock clock) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(MAX_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.secrets = secrets;
        this.policy = policy;
        this.clock = clock;
    }

    /** The address policy from the environment: loopback http only where the local runtime allows it. */
    public static HttpFetcher fromEnvironment(Environment env, WebhookSecrets secrets, Clock clock) {
        boolean loopback = env.optional(Names.ALLOW_LOOPBACK_HTTP).map(Boolean::parseBoolean).orElse(false);
        return new HttpFetcher(secrets, new AddressPolicy(loopback), clock);
    }

    @Override
    public Response post(String workspaceId, String url, String json, Duration timeout) {
        long started = System.nanoTime();
        Duration limit = timeout.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT
                : timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout;
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return failed(null, started, "not allowed: not a URL");
        }
        String host = uri.getHost();
        String refusal = policy.refusal(uri).orElse(null);
        if (refusal != null) {
            return failed(host, started, refusal);
        }
        HttpRequest request;
        try {
            request = signed(workspaceId, uri, json, limit);
        } catch (IllegalArgumentException e) {
            return failed(host, started, "not allowed: not a URL the client can call");
        } catch (RuntimeException e) {
            // The caller is on the line: the flow's onError path serves them better than a failed turn.
            LOG.log(Level.WARNING, () -> "fetch host=" + host + " not sent, its signing secrets could not be read: "
                    + Redact.failure(e));
            return new Response(0, "", "could not sign the request");
        }
        return exchange(request, host, started, limit);
    }

    private HttpRequest signed(String workspaceId, URI uri, String json, Duration limit) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(limit)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Autocall")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        List<String> signing = secrets.ensure(workspaceId, clock.instant());
        WebhookSigner.headers(messageId(), clock.instant(), json, signing).forEach(request::header);
        return request.build();
    }

    /** Sends and waits for the whole answer until the deadline, then gives up on it. */
    private Response exchange(HttpRequest request, String host, long started, Duration limit) {
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, info -> new LimitedBody(MAX_ANSWER_BYTES));
        long remaining = limit.toNanos() - (System.nanoTime() - started);
        try {
            HttpResponse<byte[]> answer = exchange.get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
            LOG.info(() -> "fetch host=" + host + " status=" + answer.statusCode() + " ms=" + millisSince(started));
            return new Response(answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8), null);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return failed(host, started, "timeout");
        } catch (ExecutionException e) {
            return failed(host, started, describe(e.getCause()));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return failed(host, started, "interrupted");
        }
    }

    /** Unique per request, so a receiver can drop a request it has already seen; no dots (they delimit what is signed). */
    private static String messageId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The error a flow's onError path and the simulator show: what happened, in a few words. */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof LimitedBody.TooLarge) {
                return "answer too large (more than " + MAX_ANSWER_BYTES / 1024 + " KB)";
            }
            if (t instanceof HttpTimeoutException) {
                return "timeout";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof SSLException) {
                return "TLS handshake failed";
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return failure instanceof IOException ? "network error" : "failed (" + failure.getClass().getSimpleName() + ")";
    }

    private static Response failed(String host, long started, String error) {
        // The host only: a query string may carry what a business put there, and the body what the caller said.
        LOG.log(Level.INFO, () -> "fetch host=" + host + " error=" + error + " ms=" + millisSince(started));
        return new Response(0, "", error);
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
