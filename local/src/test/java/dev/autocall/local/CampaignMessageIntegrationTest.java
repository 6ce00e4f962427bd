package dev.autocall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A campaign's spoken message end to end: its template is filled in per person, from the CSV row's name and columns,
 * or from the stored contact when the row only gives a number, before the callee hears it.
 */
class CampaignMessageIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static LocalRuntime runtime;
    private static LocalClient client;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(0));
        client = new LocalClient(runtime.url(), runtime.apiKey());
        JsonNode workspace = client.api("GET", "/v1/workspace", null).body();
        ((ObjectNode) workspace).remove("id");
        ((ObjectNode) workspace.path("compliance")).putObject("caps")
                .put("perMinute", 100).put("perDay", 1000).put("perNumberPerDay", 2).put("perNumberPer14Days", 4);
        assertEquals(200, client.api("PUT", "/v1/workspace", workspace.toString()).status());
        Instant now = Instant.parse(client.sim("GET", "/_sim/clock", null).body().path("now").asText());
        ZonedDateTime chicago = now.atZone(ZoneId.of("America/Chicago")).plusDays(1).withHour(11).withMinute(0);
        client.sim("POST", "/_sim/clock", Map.of("set", chicago.toInstant().toString()));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void aMessageCampaign_speaksEachPersonsOwnWords_fromTheRowOrTheStoredContact() {
        String fromRow = "+13125550181";
        String fromContact = "+13125550182";
        assertEquals(200, client.api("PUT", "/v1/contacts/" + LocalClient.encode(fromContact),
                "{\"firstName\": \"Rosa\", \"consent\": {\"voice\": {\"source\": \"form\", \"confirmed\": true}}}").status());
        assertEquals(201, client.api("POST", "/v1/campaigns", """
                {"id": "spoken", "name": "Spoken", "action": {"message": "Hi {{contact.firstName | \\"there\\"}}, this is {{workspace.name}}: see you on {{data.when | \\"your day\\"}}."},
                 "pace": {"callsPerMinute": 60, "maxConcurrent": 2}}""").status());
        assertEquals(200, client.rawPost("/v1/campaigns/spoken/targets", "text/csv", Map.of("Authorization", "Bearer " + runtime.apiKey()),
                "phone,firstName,when,voiceConsentSource\n" + fromRow + ",Ana,Friday,form\n").status());
        assertEquals(200, client.api("POST", "/v1/campaigns/spoken/targets", "[\"" + fromContact + "\"]").status());

        assertEquals(200, client.api("POST", "/v1/campaigns/spoken/start", "").status());

        assertTrue(LocalClient.waitFor(() -> client.api("GET", "/v1/campaigns/spoken", null).body().path("status").asText()
                .equals("completed"), WAIT), client.api("GET", "/v1/campaigns/spoken/progress", null).body().toString());
        assertEquals("Hi Ana, this is Acme Plumbing: see you on Friday.", said(fromRow));
        assertEquals("Hi Rosa, this is Acme Plumbing: see you on your day.", said(fromContact));
    }

    private static String said(String phone) {
        for (JsonNode call : client.sim("GET", "/_sim/calls", null).body()) {
            if (call.path("to").asText().equals(phone)) {
                return call.path("said").path(0).path("text").asText();
            }
        }
        return "(not called)";
    }
}
