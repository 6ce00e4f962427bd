package dev.autocall.local;

import dev.autocall.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway answers every request, in the API's error shape when nothing else does. */
class GatewayTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aFunctionThatThrows_isAJson500WithARequestId_andTheCauseIsLoggedWithoutPhoneNumbers() throws Exception {
        // GIVEN a route whose function fails unexpectedly
        gateway = new Gateway(0, Clock.systemUTC());
        gateway.route("GET", "/boom", new LocalFunction("Boom", (event, context) -> {
            throw new IllegalStateException("lookup failed for +14155550123");
        }));
        gateway.start();
        List<String> logged = new ArrayList<>();
        Logger logger = Logger.getLogger(Gateway.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);

        // WHEN
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/boom")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } finally {
            logger.removeHandler(capture);
        }

        // THEN
        assertEquals(500, response.statusCode());
        String requestId = Json.tree(response.body()).at("/error/requestId").asText();
        assertEquals("internal", Json.tree(response.body()).at("/error/code").asText());
        assertFalse(requestId.isEmpty());
        assertTrue(logged.stream().anyMatch(l -> l.contains(requestId) && l.contains("IllegalStateException")), logged.toString());
        assertFalse(logged.stream().anyMatch(l -> l.contains("4155550123")), logged.toString());
    }

    @Test
    void aPathNoRouteTakes_isA404InTheErrorShape() throws Exception {
        gateway = new Gateway(0, Clock.systemUTC());
        gateway.start();

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/nowhere")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(404, response.statusCode());
        assertEquals("not_found", Json.tree(response.body()).at("/error/code").asText());
    }
}
