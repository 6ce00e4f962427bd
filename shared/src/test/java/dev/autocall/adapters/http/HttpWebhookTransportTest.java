package dev.autocall.adapters.http;

import com.sun.net.httpserver.HttpServer;
import dev.autocall.domain.webhook.WebhookTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpWebhookTransportTest {
    private final AtomicInteger redirectedTo = new AtomicInteger();
    private HttpServer server;
    private String base;

    @BeforeEach
    void receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/elsewhere");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/elsewhere", exchange -> {
            redirectedTo.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aRedirectComesBackAsItsStatusAndIsNotFollowed() {
        WebhookTransport.Result result = new HttpWebhookTransport(new AddressPolicy(true)).post(base + "/moved", Map.of(), "{}");

        assertEquals(302, result.status());
        assertEquals(0, redirectedTo.get());
    }

    @Test
    void inAwsPlainHttpAndPrivateAddressesAreRefusedWithoutARequest() {
        HttpWebhookTransport aws = new HttpWebhookTransport(new AddressPolicy(false));

        WebhookTransport.Result loopback = aws.post(base + "/elsewhere", Map.of(), "{}");
        WebhookTransport.Result metadata = aws.post("https://169.254.169.254/latest", Map.of(), "{}");

        assertNull(loopback.status());
        assertTrue(loopback.error().startsWith("not allowed"), loopback.error());
        assertTrue(metadata.error().startsWith("not allowed"), metadata.error());
        assertEquals(0, redirectedTo.get());
    }
}
