package dev.autocall.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events about one contact that arrive together each keep what they say about the contact: the trigger
 * processes them concurrently, and none of its writes may undo another's.
 */
class ConcurrentContactEventsIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static LocalRuntime runtime;
    private static LocalClient client;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(new LocalRuntime.Options(0, Optional.of(1), 2));
        client = new LocalClient(runtime.url(), runtime.apiKey());
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void tenConcurrentEvents_eachWithItsOwnContactField_leaveTheContactWithAllTen() throws Exception {
        // GIVEN a contact the business already knows
        String phone = "+13125550190";
        assertEquals(200, client.api("PUT", "/v1/contacts/" + LocalClient.encode(phone), "{\"firstName\": \"Dana\"}").status());

        // WHEN ten applications each send an event that sets one field, at the same time
        List<Future<LocalClient.Reply>> replies = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < 10; i++) {
                String body = "{\"id\": \"fields-" + i + "\", \"type\": \"profile.updated\", \"contact\": {\"phone\": \""
                        + phone + "\", \"k" + i + "\": \"v" + i + "\"}}";
                replies.add(pool.submit((Callable<LocalClient.Reply>) () -> client.api("POST", "/v1/events", body)));
            }
        }
        for (Future<LocalClient.Reply> reply : replies) {
            assertEquals(202, reply.get().status(), reply.get().body().toString());
        }

        // THEN the contact keeps every field, and what it had before
        assertTrue(LocalClient.waitFor(() -> client.contact(phone).path("fields").size() == 10, WAIT),
                "all ten fields: " + client.contact(phone).path("fields"));
        JsonNode contact = client.contact(phone);
        for (int i = 0; i < 10; i++) {
            assertEquals("v" + i, contact.path("fields").path("k" + i).asText(), "field k" + i);
        }
        assertEquals("Dana", contact.path("firstName").asText());
        assertEquals("manual", contact.path("source").asText());
    }
}
