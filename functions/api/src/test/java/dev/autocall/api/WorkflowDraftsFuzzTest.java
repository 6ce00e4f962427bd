package dev.autocall.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.domain.compliance.ComplianceGate;
import dev.autocall.domain.compliance.ComplianceRules;
import dev.autocall.domain.setup.WorkspaceSetup;
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
import dev.autocall.testing.Fuzz;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.autocall.testing.SampleWorkspaces.WORKSPACE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz tests of PUT and publish of workflows: any body is saved (200) or refused (400), and a draft that was
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

    private static final List<String> INSERTS = List.of("\\u0080", "\\u0085", "\\ufffe", "\\ud800", "\\u2028",
            "\u0085", "\u2028", "\u00a0", "\uFEFF", "\\n", "\n", "\t", "\"", "{", "}", ",", ": ", "- ", "#", "&a", "*a",
            "!!binary ", "P999999999D", "-PT1H", "4294967326");

    record Put(String contentType, String body) {
    }

    @Test
    void anyBody_should_saveOrBeRefused_and_aSavedDraftPublishesAsSaved() {
        Fuzz.forAll(WorkflowDraftsFuzzTest::put, put -> new Api().savesOrRefuses_and_publishesAsSaved(put));
    }

    /** A fresh workspace for every try, so one try replays alone. */
    private static final class Api {
        private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T15:00:00Z"));
        private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
        private final InMemoryContactStore contacts = new InMemoryContactStore();
        private final InMemoryWorkflowStore workflows = new InMemoryWorkflowStore();
        private final ManagementApi api = new ManagementApi(workspaces, contacts, workflows, new InMemoryFlowStore(), new InMemoryRunStore(),
                new RecordingEventPublisher(),
                new ComplianceGate(workspaces, contacts, new InMemoryCapStore(), new ComplianceRules(), clock),
            new InMemoryWebhookSecrets(), ApiFixture.NO_SERVER, clock);
        private final String apiKey = new WorkspaceSetup(workspaces, workflows, clock).create(SampleWorkspaces.acme());

        void savesOrRefuses_and_publishesAsSaved(Put request) {
            ApiResponse put = call("PUT", "/v1/workflows/fuzzed", request.contentType(), request.body());

            assertTrue(put.status() == 200 || put.status() == 400, put.status() + " " + put.body());
            if (put.status() == 200) {
                ApiResponse publish = call("POST", "/v1/workflows/fuzzed/publish", "application/json", "");
                int version = Json.tree(publish.body()).path("version").asInt();
                JsonNode published = Json.tree(workflows.version(WORKSPACE_ID, "fuzzed", version).orElseThrow().definitionJson());

                assertEquals(200, publish.status(), publish.body());
                assertEquals(Json.tree(put.body()).path("definition"), published);
            }
        }

        private ApiResponse call(String method, String path, String contentType, String body) {
            return api.handle(new ApiRequest(method, path, Map.of(), Optional.of(apiKey), Optional.of(contentType), body));
        }
    }

    /** A seed workflow, JSON or YAML, with characters or tokens inserted, cut or replaced, under any Content-Type. */
    private static Put put(Fuzz fuzz) {
        String seed = fuzz.pick(SEEDS);
        String body = fuzz.oneOf(() -> {
            int i = Math.min(fuzz.intBetween(0, 2000), seed.length());
            String insert = fuzz.oneOf(() -> fuzz.string(3), () -> fuzz.pick(INSERTS));
            return seed.substring(0, i) + insert + seed.substring(Math.min(seed.length(), i + fuzz.intBetween(0, 3)));
        }, () -> fuzz.mutate(seed, INSERTS, 1, 2));
        return new Put(fuzz.pick("application/json", "application/yaml", "text/plain",
                "application/x-www-form-urlencoded"), body);
    }
}
