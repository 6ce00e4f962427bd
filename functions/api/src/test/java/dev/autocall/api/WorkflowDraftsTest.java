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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static dev.autocall.testing.SampleWorkspaces.WORKSPACE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A draft that saves is one that publishes, unaltered; one that cannot publish does not save. */
class WorkflowDraftsTest {
    private static final Instant NOW = Instant.parse("2026-11-02T15:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final InMemoryContactStore contacts = new InMemoryContactStore();
    private final InMemoryWorkflowStore workflows = new InMemoryWorkflowStore();
    private final ManagementApi api = new ManagementApi(workspaces, contacts, workflows, new InMemoryFlowStore(), new InMemoryRunStore(),
            new RecordingEventPublisher(),
            new ComplianceGate(workspaces, contacts, new InMemoryCapStore(), new ComplianceRules(), clock),
            new InMemoryWebhookSecrets(), ApiFixture.NO_SERVER, clock);
    private String apiKey;

    @BeforeEach
    void setUp() {
        apiKey = new WorkspaceSetup(workspaces, workflows, clock).create(SampleWorkspaces.acme());
    }

    @Test
    void putWorkflow_should_answer400AndSaveNothing_when_aTagHoldsAControlCharacter() {
        // WHEN a JSON escape puts U+0080 in a tag (it used to save, then fail to publish)
        ApiResponse put = call("PUT", "/v1/workflows/tagger", "application/json", """
                {"trigger": "lead.created", "steps": [{"type": "addTag", "tag": "vip\\u0080"}]}""");

        // THEN
        assertEquals(400, put.status(), put.body());
        assertEquals("steps[0].tag", json(put).at("/error/field").asText());
        assertEquals(404, call("GET", "/v1/workflows/tagger", "application/json", "").status());
    }

    @Test
    void publish_should_publishTheDraftUnaltered_when_itSaved() {
        // GIVEN a body with a line separator, which a YAML reader folds into a space
        String body = "Hi\u2028there \u00e9\ud83d\ude00";
        ApiResponse put = call("PUT", "/v1/workflows/welcome", "application/json",
                "{\"trigger\": \"lead.created\", \"steps\": [{\"type\": \"sendSms\", \"body\": \"" + body + "\"}]}");

        // WHEN
        ApiResponse publish = call("POST", "/v1/workflows/welcome/publish", "application/json", "");

        // THEN
        assertEquals(200, put.status(), put.body());
        assertEquals(200, publish.status(), publish.body());
        assertEquals(body, json(put).at("/definition/steps/0/body").asText());
        assertEquals(body, Json.tree(workflows.version(WORKSPACE_ID, "welcome", 1).orElseThrow().definitionJson())
                .at("/steps/0/body").asText());
    }

    @Test
    void putWorkflow_should_answer400_when_aJsonKeyIsRepeated() {
        // WHEN
        ApiResponse put = call("PUT", "/v1/workflows/twice", "application/json", """
                {"trigger": "lead.created", "steps": [{"type": "addTag", "tag": "a", "tag": "b"}]}""");

        // THEN
        assertEquals(400, put.status(), put.body());
        assertTrue(json(put).at("/error/message").asText().contains("tag"), put.body());
    }

    @Test
    void putWorkflow_should_readYaml_when_theContentTypeSaysYaml() {
        // WHEN a YAML flow mapping, which starts like JSON
        ApiResponse put = call("PUT", "/v1/workflows/flow", "application/yaml",
                "{trigger: lead.created, steps: [{type: addTag, tag: vip}]}");

        // THEN
        assertEquals(200, put.status(), put.body());
        assertEquals("vip", json(put).at("/definition/steps/0/tag").asText());
    }

    @Test
    void publish_should_notBlameTheCallersEmptyBody_when_theStoredDraftIsCorrupt() {
        // GIVEN a stored draft that is not JSON (never written by PUT, but stores outlive code)
        workflows.saveDraft(WORKSPACE_ID, "corrupt", "trigger: lead.created\nsteps: [{type: addTag, tag: x}]", NOW);

        // WHEN
        int status;
        String answer;
        try {
            ApiResponse publish = call("POST", "/v1/workflows/corrupt/publish", "application/json", "");
            status = publish.status();
            answer = publish.body();
        } catch (IllegalStateException e) {
            // the function's handler answers an escaped failure with a JSON 500 and logs its cause
            status = 500;
            answer = e.getMessage();
        }

        // THEN
        assertNotEquals(400, status, answer);
        assertEquals(500, status, answer);
        assertTrue(answer.contains("stored draft of workflow corrupt"), answer);
    }

    private ApiResponse call(String method, String path, String contentType, String body) {
        return api.handle(new ApiRequest(method, path, Map.of(), Optional.of(apiKey), Optional.of(contentType), body));
    }

    private static JsonNode json(ApiResponse response) {
        return Json.tree(response.body());
    }
}
