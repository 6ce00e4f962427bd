package dev.autocall.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.domain.compliance.ComplianceGate;
import dev.autocall.domain.compliance.ComplianceRules;
import dev.autocall.domain.setup.WorkspaceSetup;
import dev.autocall.json.Json;
import dev.autocall.testing.InMemoryCapStore;
import dev.autocall.testing.InMemoryContactStore;
import dev.autocall.testing.InMemoryRunStore;
import dev.autocall.testing.InMemoryWorkflowStore;
import dev.autocall.testing.InMemoryWorkspaceStore;
import dev.autocall.testing.MutableClock;
import dev.autocall.testing.RecordingEventPublisher;
import dev.autocall.testing.SampleWorkspaces;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.autocall.testing.SampleWorkspaces.WORKSPACE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property tests of PUT and publish of workflows: any body is saved (200) or refused (400), and a draft that was
 * saved publishes (200) exactly as saved.
 */
class WorkflowDraftsFuzzTest {
    private static final List<String> SEEDS = List.of("""
            {"name": "Appointment booked", "trigger": "appointment.scheduled", "enabled": true, "testMode": false,
             "filters": [{"field": "data.service", "exists": true}, {"field": "contact.tags", "notContains": "x"}],
             "steps": [
               {"type": "sendSms", "body": "Hi {{contact.firstName | \\"there\\"}}, booked for {{data.when}}."},
               {"id": "call", "type": "makeCall", "agent": "+14155550111", "timeoutSeconds": 25,
                "ifNoAnswer": {"action": "retry", "maxAttempts": 3, "interval": "PT4H", "notReached": ["busy"]}},
               {"type": "branch", "cases": {"no_answer": "text"}, "otherwise": "end"},
               {"type": "wait", "until": "data.appointmentAt", "offset": "-PT24H"},
               {"id": "text", "type": "leaveVoicemail", "message": "Hi", "voice": "alice"},
               {"type": "addTag", "tag": "customer"}]}""", """
            name: Appointment reminder
            trigger: appointment.scheduled
            steps:
              - id: day-before
                type: wait
                until: data.appointmentAt
                offset: -PT24H
              - type: createTask
                title: 'Call {{contact.name | "a customer"}}'
                dueInMinutes: 60
              - type: notify
                body: "Missed: {{contact.phone}}"
            """);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T15:00:00Z"));
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final InMemoryContactStore contacts = new InMemoryContactStore();
    private final InMemoryWorkflowStore workflows = new InMemoryWorkflowStore();
    private final ManagementApi api = new ManagementApi(workspaces, contacts, workflows, new InMemoryRunStore(),
            new RecordingEventPublisher(),
            new ComplianceGate(workspaces, contacts, new InMemoryCapStore(), new ComplianceRules(), clock), clock);
    private final String apiKey = new WorkspaceSetup(workspaces, workflows, clock).create(SampleWorkspaces.acme());

    @Property
    void anyBody_should_saveOrBeRefused_and_aSavedDraftPublishesAsSaved(@ForAll("bodies") String body,
                                                                         @ForAll("contentTypes") String contentType) {
        ApiResponse put = call("PUT", "/v1/workflows/fuzzed", contentType, body);

        assertTrue(put.status() == 200 || put.status() == 400, put.status() + " " + put.body());
        if (put.status() == 200) {
            ApiResponse publish = call("POST", "/v1/workflows/fuzzed/publish", "application/json", "");
            int version = Json.tree(publish.body()).path("version").asInt();
            JsonNode published = Json.tree(workflows.version(WORKSPACE_ID, "fuzzed", version).orElseThrow().definitionJson());

            assertEquals(200, publish.status(), publish.body());
            assertEquals(Json.tree(put.body()).path("definition"), published);
        }
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "application/yaml", "text/plain", "application/x-www-form-urlencoded");
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> inserts = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(3),
                Arbitraries.of("\\u0080", "\\u0085", "\\ufffe", "\\ud800", "\\u2028", "\u0085", "\u2028", "\u00a0",
                        "\uFEFF", "\\n", "\n", "\t", "\"", "{", "}", ",", ": ", "- ", "#", "&a", "*a", "!!binary ",
                        "P999999999D", "-PT1H", "4294967326"));
        return Combinators.combine(Arbitraries.of(SEEDS), Arbitraries.integers().between(0, 2000), inserts,
                        Arbitraries.integers().between(0, 3))
                .as((seed, at, insert, cut) -> {
                    int i = Math.min(at, seed.length());
                    return seed.substring(0, i) + insert + seed.substring(Math.min(seed.length(), i + cut));
                });
    }

    private ApiResponse call(String method, String path, String contentType, String body) {
        return api.handle(new ApiRequest(method, path, Map.of(), Optional.of(apiKey), Optional.of(contentType), body));
    }
}
