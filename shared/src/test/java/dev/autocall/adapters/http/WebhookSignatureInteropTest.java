package dev.autocall.adapters.http;

import com.sun.net.httpserver.HttpServer;
import dev.autocall.domain.webhook.WebhookDeliveries;
import dev.autocall.domain.webhook.WebhookDelivery;
import dev.autocall.domain.webhook.WebhookMessage;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.json.Json;
import dev.autocall.testing.InMemoryWebhookDeliveries;
import dev.autocall.testing.InMemoryWebhookSecrets;
import dev.autocall.testing.InMemoryWorkspaceStore;
import dev.autocall.testing.MutableClock;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Real deliveries (the HTTP transport to a receiver on loopback) checked by the verification snippets of
 * docs/webhooks.md, run as they are printed with python3 and node: implementations that share no code with the signer.
 */
class WebhookSignatureInteropTest {
    private static final String WS = SampleWorkspaces.WORKSPACE_ID;
    private static final Pattern BLOCK = Pattern.compile("```(python|javascript)\\n(.*?)```", Pattern.DOTALL);

    private record Received(Map<String, String> headers, byte[] body) {
    }

    private final List<Received> received = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.now());
    private final InMemoryWebhookSecrets secrets = new InMemoryWebhookSecrets();
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private HttpServer server;
    private WebhookDeliveries deliveries;
    private Path dir;

    @BeforeEach
    void receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks", exchange -> {
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature", "content-type")) {
                headers.put(name, exchange.getRequestHeaders().getFirst(name));
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            synchronized (received) {
                received.add(new Received(headers, body));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        Workspace w = SampleWorkspaces.acme();
        workspaces.save(new Workspace(w.id(), w.name(), w.numbers(), w.forwarding(), w.voicemail(), w.outboundEnabled(),
                w.callsPerSecond(), "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks", w.adminNumber(),
                w.helpText(), w.compliance()));
        deliveries = new WebhookDeliveries(new InMemoryWebhookDeliveries(), workspaces, secrets,
                new HttpWebhookTransport(new AddressPolicy(true)), (body, dedup, when) -> { }, clock);
        dir = Files.createTempDirectory("webhook-interop");
        String doc = Files.readString(Path.of("..", "docs", "webhooks.md"));
        Matcher blocks = BLOCK.matcher(doc);
        while (blocks.find()) {
            if (blocks.group(1).equals("python")) {
                Files.writeString(dir.resolve("verify.py"), blocks.group(2) + """

                        import json, sys
                        case = json.load(open(sys.argv[1]))
                        print("valid" if verify(case["secret"], case["headers"], base64.b64decode(case["body"])) else "invalid")
                        """);
            } else {
                Files.writeString(dir.resolve("verify.js"), blocks.group(2) + """

                        const c = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
                        console.log(verify(c.secret, c.headers, Buffer.from(c.body, "base64")) ? "valid" : "invalid");
                        """);
            }
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Received deliver(String id) {
        deliveries.handle(WebhookMessage.event(WS, id, "run.completed", clock.instant(),
                Map.of("runId", "run_1", "contact", "+14155550123", "note", "café ✓ \"quoted\"")));
        assertEquals(WebhookDelivery.Status.DELIVERED, deliveries.find(WS, id).status());
        synchronized (received) {
            return received.getLast();
        }
    }

    /** What python3 and node say of the delivery with that secret, e.g. [valid, valid]. */
    private List<String> verdicts(String secret, Map<String, String> headers, byte[] body) throws Exception {
        Path input = Files.createTempFile(dir, "case", ".json");
        Files.writeString(input, Json.write(Map.of("secret", secret, "headers", headers,
                "body", Base64.getEncoder().encodeToString(body))));
        return List.of(run("python3", dir.resolve("verify.py"), input), run("node", dir.resolve("verify.js"), input));
    }

    private static String run(String interpreter, Path script, Path input) throws Exception {
        Process process = new ProcessBuilder(interpreter, script.toString(), input.toString()).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(interpreter + " did not finish");
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    @Test
    void aRealDeliveryVerifiesInPythonAndNode() throws Exception {
        String secret = secrets.ensure(WS, clock.instant()).getFirst();
        Received delivery = deliver("run:ws_acme:run_1:completed");

        assertEquals("application/json", delivery.headers().get("content-type"));
        assertEquals(List.of("valid", "valid"), verdicts(secret, delivery.headers(), delivery.body()));
    }

    @Test
    void aTamperedBodyOrAnotherSecretIsRefused() throws Exception {
        String secret = secrets.ensure(WS, clock.instant()).getFirst();
        Received delivery = deliver("evt_1");
        byte[] tampered = new String(delivery.body(), StandardCharsets.UTF_8).replace("run_1", "run_2").getBytes(StandardCharsets.UTF_8);

        assertEquals(List.of("invalid", "invalid"), verdicts(secret, delivery.headers(), tampered));
        assertEquals(List.of("invalid", "invalid"), verdicts(dev.autocall.domain.webhook.SigningSecrets.newSecret(),
                delivery.headers(), delivery.body()));
    }

    @Test
    void aDeliverySignedMoreThanFiveMinutesAgoIsRefused() throws Exception {
        String secret = secrets.ensure(WS, clock.instant()).getFirst();
        clock.set(Instant.now().minus(Duration.ofMinutes(6)));
        Received delivery = deliver("evt_old");

        assertEquals(List.of("invalid", "invalid"), verdicts(secret, delivery.headers(), delivery.body()));
    }

    @Test
    void duringARotationsGraceBothSecretsVerifyAndAfterItOnlyTheNewOne() throws Exception {
        String old = secrets.ensure(WS, clock.instant()).getFirst();
        String current = secrets.rotate(WS, clock.instant()).secret();
        Received inGrace = deliver("evt_grace");
        assertEquals(2, inGrace.headers().get("webhook-signature").split(" ").length);
        assertEquals(List.of("valid", "valid"), verdicts(old, inGrace.headers(), inGrace.body()));
        assertEquals(List.of("valid", "valid"), verdicts(current, inGrace.headers(), inGrace.body()));

        // A rotation 25 hours ago: its grace is over, only the new secret signs.
        InMemoryWebhookSecrets rotatedLongAgo = new InMemoryWebhookSecrets();
        String older = rotatedLongAgo.ensure(WS, clock.instant()).getFirst();
        String newer = rotatedLongAgo.rotate(WS, clock.instant().minus(Duration.ofHours(25))).secret();
        deliveries = new WebhookDeliveries(new InMemoryWebhookDeliveries(), workspaces, rotatedLongAgo,
                new HttpWebhookTransport(new AddressPolicy(true)), (body, dedup, when) -> { }, clock);
        Received after = deliver("evt_after");
        assertEquals(List.of("invalid", "invalid"), verdicts(older, after.headers(), after.body()));
        assertEquals(List.of("valid", "valid"), verdicts(newer, after.headers(), after.body()));
    }
}
