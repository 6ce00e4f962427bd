package dev.autocall.adapters.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.autocall.domain.ivr.Fetcher;
import dev.autocall.domain.webhook.WebhookSecrets;
import dev.autocall.domain.webhook.WebhookSigner;
import dev.autocall.testing.InMemoryWebhookSecrets;
import dev.autocall.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fetcher against a real HTTP server on 127.0.0.1, as the local runtime allows. */
class HttpFetcherTest {
    private static final String WS = "ws_fetch";
    private static final String BODY = "{\"call\":{\"sid\":\"CA1\"},\"keys\":\"1\"}";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
    private final InMemoryWebhookSecrets secrets = new InMemoryWebhookSecrets();
    private final HttpFetcher fetcher = new HttpFetcher(secrets, new AddressPolicy(true), clock);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicReference<Headers> received = new AtomicReference<>();
    private final AtomicReference<String> receivedBody = new AtomicReference<>();
    private ExecutorService executor;
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(r -> Thread.ofPlatform().daemon().unstarted(r));
        server.setExecutor(executor);
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private String serve(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            received.set(exchange.getRequestHeaders());
            receivedBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            handler.handle(exchange);
        });
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void post_should_returnTheServersJsonAnswer_when_itAnswers200() {
        String url = serve("/hooks/cancel", exchange -> answer(exchange, 200, "{\"say\":\"Cancelled.\",\"next\":\"bye\"}"));

        Fetcher.Response response = fetcher.post(WS, url + "?visit=42", BODY, TIMEOUT);

        assertTrue(response.ok());
        assertEquals(200, response.status());
        assertEquals("{\"say\":\"Cancelled.\",\"next\":\"bye\"}", response.body());
        assertNull(response.error());
        assertEquals(BODY, receivedBody.get());
    }

    @Test
    void post_should_sendAJsonBodySignedWithTheWorkspacesSecret_thatAStandardWebhooksReceiverVerifies() {
        String url = serve("/hook", exchange -> answer(exchange, 200, "{}"));

        fetcher.post(WS, url, BODY, TIMEOUT);

        Headers headers = received.get();
        assertEquals("application/json", headers.getFirst("Content-Type"));
        assertEquals("Autocall", headers.getFirst("User-Agent"));
        String id = headers.getFirst("webhook-id");
        assertTrue(id.startsWith("msg_"), id);
        assertEquals(Long.toString(clock.instant().getEpochSecond()), headers.getFirst("webhook-timestamp"));
        String secret = secrets.signing(WS, clock.instant()).get(0);
        assertEquals(WebhookSigner.sign(id, clock.instant().getEpochSecond(), BODY, secret), headers.getFirst("webhook-signature"));
    }

    @Test
    void post_should_signWithTheOldAndTheNewSecret_duringARotationsGrace_andGiveEachRequestItsOwnId() {
        String url = serve("/hook", exchange -> answer(exchange, 200, "{}"));
        String old = secrets.ensure(WS, clock.instant()).get(0);
        String current = secrets.rotate(WS, clock.instant()).secret();

        fetcher.post(WS, url, BODY, TIMEOUT);
        String firstId = received.get().getFirst("webhook-id");
        String[] signatures = received.get().getFirst("webhook-signature").split(" ");
        long at = clock.instant().getEpochSecond();
        assertEquals(List.of(WebhookSigner.sign(firstId, at, BODY, current), WebhookSigner.sign(firstId, at, BODY, old)),
                List.of(signatures));

        clock.advance(Duration.ofHours(24));
        fetcher.post(WS, url, BODY, TIMEOUT);
        String secondId = received.get().getFirst("webhook-id");
        assertNotEquals(firstId, secondId);
        assertEquals(WebhookSigner.sign(secondId, clock.instant().getEpochSecond(), BODY, current),
                received.get().getFirst("webhook-signature"));
    }

    @Test
    void post_should_returnTheStatus_notOk_when_theServerFails() {
        String url = serve("/hook", exchange -> answer(exchange, 500, "{\"error\":\"boom\"}"));

        Fetcher.Response response = fetcher.post(WS, url, BODY, TIMEOUT);

        assertFalse(response.ok());
        assertEquals(500, response.status());
        assertNull(response.error());
    }

    @Test
    void post_should_notFollowARedirect() {
        String url = serve("/hook", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://127.0.0.1:" + server.getAddress().getPort() + "/other");
            answer(exchange, 302, "");
        });
        serve("/other", exchange -> answer(exchange, 200, "{\"say\":\"followed\"}"));

        Fetcher.Response response = fetcher.post(WS, url, BODY, TIMEOUT);

        assertEquals(302, response.status());
        assertFalse(response.ok());
    }

    @Test
    void post_should_giveUpAtTheTimeout_when_theServerTakesLonger() {
        String url = serve("/slow", exchange -> {
            await(release);
            answer(exchange, 200, "{}");
        });

        long started = System.nanoTime();
        Fetcher.Response response = fetcher.post(WS, url, BODY, Duration.ofSeconds(1));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertEquals(new Fetcher.Response(0, "", "timeout"), response);
        assertTrue(millis >= 900 && millis < 1500, "returned after " + millis + " ms");
    }

    @Test
    void post_should_giveUpAtTheTimeout_when_theAnswerStartsButNeverEnds() {
        String url = serve("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 100);
            exchange.getResponseBody().write("{\"say\":".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            await(release);
        });

        long started = System.nanoTime();
        Fetcher.Response response = fetcher.post(WS, url, BODY, Duration.ofSeconds(1));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertEquals("timeout", response.error());
        assertTrue(millis < 1500, "returned after " + millis + " ms");
    }

    @Test
    void post_should_reportARefusedConnection() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        Fetcher.Response response = fetcher.post(WS, "http://127.0.0.1:" + port + "/hook", BODY, TIMEOUT);

        assertEquals(new Fetcher.Response(0, "", "connection refused"), response);
    }

    @Test
    void post_should_refuseAnAnswerLargerThan64KB() {
        String url = serve("/big", exchange -> answer(exchange, 200, "{\"say\":\"" + "a".repeat(70 * 1024) + "\"}"));

        Fetcher.Response response = fetcher.post(WS, url, BODY, TIMEOUT);

        assertEquals(0, response.status());
        assertFalse(response.ok());
        assertTrue(response.error().startsWith("answer too large"), response.error());
    }

    @Test
    void post_should_acceptAnAnswerOfExactly64KB() {
        String say = "a".repeat(64 * 1024 - "{\"say\":\"\"}".length());
        String url = serve("/edge", exchange -> answer(exchange, 200, "{\"say\":\"" + say + "\"}"));

        Fetcher.Response response = fetcher.post(WS, url, BODY, TIMEOUT);

        assertTrue(response.ok(), String.valueOf(response.error()));
        assertEquals(64 * 1024, response.body().length());
    }

    @Test
    void post_should_refuseWithoutSending_when_theAddressIsNotAllowed() {
        String url = serve("/hook", exchange -> answer(exchange, 200, "{}"));
        HttpFetcher deployed = new HttpFetcher(secrets, new AddressPolicy(false), clock);

        Fetcher.Response response = deployed.post(WS, url, BODY, TIMEOUT);

        assertEquals(0, response.status());
        assertTrue(response.error().startsWith("not allowed"), response.error());
        assertNull(received.get(), "nothing was sent");
    }

    @Test
    void post_should_answerWithAnError_andSendNothing_when_theSecretsCannotBeRead() {
        String url = serve("/hook", exchange -> answer(exchange, 200, "{}"));
        WebhookSecrets unavailable = new WebhookSecrets() {
            @Override
            public List<String> signing(String workspaceId, Instant now) {
                throw new IllegalStateException("table unreachable");
            }

            @Override
            public List<String> ensure(String workspaceId, Instant now) {
                throw new IllegalStateException("table unreachable");
            }

            @Override
            public Rotation rotate(String workspaceId, Instant now) {
                throw new IllegalStateException("table unreachable");
            }
        };

        Fetcher.Response response = new HttpFetcher(unavailable, new AddressPolicy(true), clock).post(WS, url, BODY, TIMEOUT);

        assertEquals(new Fetcher.Response(0, "", "could not sign the request"), response);
        assertNull(received.get(), "nothing was sent unsigned");
    }

    @Test
    void post_should_answerWithAnError_when_theUrlIsNotAUrl() {
        Fetcher.Response response = fetcher.post(WS, "http://exa mple.com/ hook", BODY, TIMEOUT);

        assertEquals(0, response.status());
        assertTrue(response.error().startsWith("not allowed"), response.error());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
