package dev.autocall.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.domain.compliance.ComplianceGate;
import dev.autocall.domain.compliance.ComplianceRules;
import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.setup.WorkspaceSetup;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.json.Json;
import dev.autocall.testing.InMemoryCapStore;
import dev.autocall.testing.InMemoryContactStore;
import dev.autocall.testing.InMemoryFlowStore;
import dev.autocall.testing.InMemoryRunStore;
import dev.autocall.testing.InMemoryWorkflowStore;
import dev.autocall.testing.InMemoryWebhookSecrets;
import dev.autocall.testing.InMemoryWorkspaceStore;
import dev.autocall.testing.MutableClock;
import dev.autocall.testing.RecordingEventPublisher;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** POST /v1/compliance/preflight answers the compliance gate's question without reserving anything. */
class PreflightTest {
    private static final String CONSENTED = "+13125550140";   // Chicago
    private static final String NO_CONSENT = "+13125550141";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T18:00:00Z"));   // 12:00 in Chicago
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final InMemoryContactStore contacts = new InMemoryContactStore();
    private final InMemoryCapStore caps = new InMemoryCapStore();
    private final ManagementApi api = new ManagementApi(workspaces, contacts, new InMemoryWorkflowStore(), new InMemoryFlowStore(), new InMemoryRunStore(),
            new RecordingEventPublisher(), new ComplianceGate(workspaces, contacts, caps, new ComplianceRules(), clock),
            new InMemoryWebhookSecrets(), ApiFixture.NO_SERVER, clock);
    private String key;

    @BeforeEach
    void setUp() {
        Workspace acme = SampleWorkspaces.acme();
        key = new WorkspaceSetup(workspaces, new InMemoryWorkflowStore(), clock).create(new Workspace(acme.id(), acme.name(),
                acme.numbers(), acme.forwarding(), acme.voicemail(), true, 1, null, acme.adminNumber(), null, null));
        Contact.Consents form = new Contact.Consents(new Contact.Consent("form", false, clock.instant()), null);
        contacts.save(acme.id(), new Contact(CONSENTED, "Dana", null, List.of(), null, form, null, null, Map.of(), "form", clock.instant()));
        contacts.save(acme.id(), new Contact(NO_CONSENT, "Sam", null, List.of(),
                null, new Contact.Consents(new Contact.Consent("import", false, clock.instant()), null), null, null, Map.of(),
                "import", clock.instant()));
    }

    @ParameterizedTest(name = "{0} at {1} → {2} {3} {4}")
    @CsvSource(nullValues = "-", value = {
            CONSENTED + ", -,                         PASS,  -,                 -",
            CONSENTED + ", 2026-11-24T07:30:00-06:00, DEFER, OUTSIDE_WINDOW,    2026-11-24T16:00:00Z",
            CONSENTED + ", 2026-11-24T18:00:00-06:00, DEFER, OUTSIDE_WINDOW,    2026-11-25T16:00:00Z",
            NO_CONSENT + ", -,                        FAIL,  NO_CONSENT,        -",
            "+1312555,     -,                         FAIL,  INVALID_NUMBER,    -",
            "+442079460000, -,                        FAIL,  COUNTRY_NOT_ALLOWED, -"})
    void preflight_should_answerTheDecisionReasonAndNextAllowedTime(String to, String at, String decision, String reason,
                                                                     String next) {
        ApiResponse response = preflight(at == null ? "{\"to\": \"" + to + "\"}" : "{\"to\": \"" + to + "\", \"at\": \"" + at + "\"}");

        assertEquals(200, response.status(), response.body());
        JsonNode body = Json.tree(response.body());
        assertEquals(decision, body.path("decision").asText());
        assertEquals(reason == null ? "" : reason, body.path("reason").asText(""));
        assertEquals(next == null ? "" : next, body.path("nextAllowedAt").asText(""));
    }

    @Test
    void preflight_should_reserveNothing_when_itPasses() {
        preflight("{\"to\": \"" + CONSENTED + "\"}");
        preflight("{\"to\": \"" + CONSENTED + "\"}");

        assertEquals(0, caps.reservations());
        assertEquals("PASS", Json.tree(preflight("{\"to\": \"" + CONSENTED + "\"}").body()).path("decision").asText());
    }

    @Test
    void preflight_should_explainBadInput() {
        ApiResponse badTime = preflight("{\"to\": \"" + CONSENTED + "\", \"at\": \"tomorrow\"}");
        ApiResponse badPurpose = preflight("{\"to\": \"" + CONSENTED + "\", \"purpose\": \"sales\"}");
        ApiResponse missing = preflight("{}");

        assertEquals(List.of(400, 400, 400), List.of(badTime.status(), badPurpose.status(), missing.status()));
        assertEquals("at", Json.tree(badTime.body()).path("error").path("field").asText());
        assertEquals("purpose", Json.tree(badPurpose.body()).path("error").path("field").asText());
        assertFalse(Json.tree(missing.body()).path("error").path("message").asText().isEmpty());
    }

    private ApiResponse preflight(String body) {
        return api.handle(new ApiRequest("POST", "/v1/compliance/preflight", Map.of(), Optional.of(key),
                Optional.of("application/json"), body));
    }
}
