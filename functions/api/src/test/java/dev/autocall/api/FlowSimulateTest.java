package dev.autocall.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /v1/flows/{id}/simulate: a flow played without a phone, on the interpreter that serves Twilio. */
class FlowSimulateTest {
    private static final String FLOW = """
            {"name": "Appointment confirmation", "start": "greet",
             "nodes": {
               "greet": {"type": "say", "text": "Hi {{contact.firstName | \\"there\\"}}, this is {{workspace.name}} about {{data.when}}.", "next": "menu"},
               "menu": {"type": "gather", "prompt": "Press 1 to confirm, 2 to reschedule, 3 to cancel.",
                        "choices": {"1": "yes", "2": "move", "3": "cancel"}, "noInput": "bye"},
               "yes": {"type": "hangup", "say": "Thank you.", "outcome": "confirmed"},
               "move": {"type": "sms", "body": "Pick a new time: {{data.link}}", "next": "moved"},
               "moved": {"type": "hangup", "outcome": "rescheduled"},
               "cancel": {"type": "fetch", "url": "https://example.com/cancel", "next": "cancelled", "onError": "sorry"},
               "cancelled": {"type": "hangup", "outcome": "declined"},
               "sorry": {"type": "hangup", "say": "We could not cancel it; we will call you.", "outcome": "cancel_failed"},
               "bye": {"type": "hangup", "say": "Goodbye.", "outcome": "no_input"}}}
            """;
    private final ApiFixture f = new ApiFixture();

    @BeforeEach
    void saveTheDraft() {
        assertEquals(200, f.call("PUT", "/v1/flows/confirm", FLOW).status());
    }

    @Test
    void silenceThen1_replaysTheMenu_andConfirms_withWhatWasSaidAtEachNode() {
        JsonNode answer = simulate("{\"keys\": [\"\", \"1\"], \"contact\": {\"firstName\": \"Dana\"}, \"data\": {\"when\": \"Tuesday\"}}", 200);

        assertEquals("confirmed", answer.path("outcome").asText());
        assertEquals("draft", answer.path("version").asText());
        assertEquals(List.of("greet:say", "menu:gather", "menu:gather", "yes:hangup"), path(answer));
        assertEquals("Hi Dana, this is Acme Plumbing about Tuesday.", answer.path("path").get(0).path("said").asText());
        assertEquals("", answer.path("path").get(1).path("keys").asText());
        assertEquals("1", answer.path("path").get(2).path("keys").asText());
        assertEquals("[\"1\"]", answer.path("keys").toString());
    }

    @Test
    void anSmsNode_isListed_andAFetchThatFails_takesOnError() {
        JsonNode moved = simulate("{\"keys\": [\"2\"], \"data\": {\"link\": \"https://example.com/book\"}}", 200);
        JsonNode cancelled = simulate("{\"keys\": [\"3\"]}", 200);

        assertEquals("rescheduled", moved.path("outcome").asText());
        assertEquals("[\"Pick a new time: https://example.com/book\"]", moved.path("sms").toString());
        assertEquals("cancel_failed", cancelled.path("outcome").asText());
        assertEquals("connection refused", cancelled.path("fetches").get(0).path("error").asText());
        assertTrue(cancelled.path("path").toString().contains("We could not cancel it"), cancelled.toString());
    }

    @Test
    void aPublishedVersion_isPlayedAsPublished_whileTheDraftChanges() {
        assertEquals(200, f.call("POST", "/v1/flows/confirm/publish", "").status());
        assertEquals(200, f.call("PUT", "/v1/flows/confirm", FLOW.replace("\"outcome\": \"confirmed\"", "\"outcome\": \"booked\"")).status());

        assertEquals("confirmed", simulate("{\"keys\": [\"1\"], \"version\": 1}", 200).path("outcome").asText());
        assertEquals("booked", simulate("{\"keys\": [\"1\"]}", 200).path("outcome").asText());
    }

    @Test
    void badRequests_areRefused_namingWhatIsWrong() {
        assertEquals("keys[0]", simulate("{\"keys\": [\"1a\"]}", 400).path("error").path("field").asText());
        assertEquals("keys[1]", simulate("{\"keys\": [\"1\", 2]}", 400).path("error").path("field").asText());
        assertEquals("color", simulate("{\"color\": \"red\"}", 400).path("error").path("field").asText());
        assertEquals("version", simulate("{\"version\": \"latest\"}", 400).path("error").path("field").asText());
        assertEquals("contact", simulate("{\"contact\": \"Dana\"}", 400).path("error").path("field").asText());
        assertEquals(404, f.call("POST", "/v1/flows/confirm/simulate", "{\"version\": 3}").status());
        // Found by schemathesis: a version number past an int is a version that does not exist, not bad input.
        assertEquals(404, f.call("POST", "/v1/flows/confirm/simulate", "{\"version\": 11565801373856313344}").status());
        assertEquals("version", simulate("{\"version\": 0}", 400).path("error").path("field").asText());
        assertEquals(404, f.call("POST", "/v1/flows/nothing/simulate", "{}").status());
        assertEquals(400, f.call("POST", "/v1/flows/confirm/simulate", "[]").status());
    }

    private JsonNode simulate(String body, int status) {
        ApiResponse response = f.call("POST", "/v1/flows/confirm/simulate", body);
        assertEquals(status, response.status(), response.body());
        return ApiFixture.json(response);
    }

    private static List<String> path(JsonNode answer) {
        List<String> nodes = new ArrayList<>();
        answer.path("path").forEach(step -> nodes.add(step.path("node").asText() + ":" + step.path("type").asText()));
        return nodes;
    }
}
