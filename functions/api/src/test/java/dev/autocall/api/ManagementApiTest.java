package dev.autocall.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.setup.WorkspaceSetup;
import dev.autocall.domain.trigger.EventProcessor;
import dev.autocall.domain.trigger.Messenger;
import dev.autocall.domain.trigger.WorkflowRunner;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.json.Json;
import dev.autocall.domain.compliance.ComplianceGate;
import dev.autocall.domain.compliance.ComplianceRules;
import dev.autocall.testing.InMemoryCapStore;
import dev.autocall.testing.InMemoryContactStore;
import dev.autocall.testing.InMemoryFlowStore;
import dev.autocall.testing.InMemoryProcessedEvents;
import dev.autocall.testing.InMemoryRunStore;
import dev.autocall.testing.InMemoryWorkflowStore;
import dev.autocall.testing.InMemoryWebhookSecrets;
import dev.autocall.testing.InMemoryWorkspaceStore;
import dev.autocall.testing.MutableClock;
import dev.autocall.testing.RecordingEventPublisher;
import dev.autocall.testing.RecordingQueues;
import dev.autocall.testing.RecordingSmsSender;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.autocall.testing.SampleWorkspaces.CALLER;
import static dev.autocall.testing.SampleWorkspaces.WORKSPACE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManagementApiTest {
    private static final Instant NOW = Instant.parse("2026-11-02T15:00:00Z");

    /** The workspace example of docs/api.md, as written there (comments removed). */
    private static final String SPEC_WORKSPACE = """
            {"name": "Acme Plumbing", "numbers": ["+14155550100"],
             "forwarding": {"number": "+14155550111", "ringSeconds": 20},
             "voicemail": {"enabled": true, "greeting": "Sorry we missed you...", "audioUrl": null, "maxSeconds": 120},
             "outboundEnabled": true, "callsPerSecond": 1, "webhookUrl": null,
             "compliance": {"window": "strict",
                            "allowedCountries": ["US"],
                            "caps": {"perMinute": 1, "perDay": 100, "perNumberPerDay": 1, "perNumberPer14Days": 4},
                            "maxDeferralDays": 7}}
            """;

    /** The contact example of docs/api.md, with a real instant where the spec writes "...". */
    private static final String SPEC_CONTACT = """
            {"firstName": "Dana", "lastName": "Reyes", "tags": ["lead"], "timeZone": null,
             "consent": {"voice": {"source": "form", "confirmed": false, "at": "2026-11-02T15:04:05Z"},
                         "sms": {"source": "inbound_call", "confirmed": false, "at": "2026-11-02T15:04:05Z"}},
             "dnd": {"voice": false, "sms": false},
             "optOut": {"voice": null, "sms": "2026-11-03T09:00:00Z"},
             "fields": {"appointmentAt": "2026-11-25T16:00:00Z"}}
            """;

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final InMemoryContactStore contacts = new InMemoryContactStore();
    private final InMemoryWorkflowStore workflows = new InMemoryWorkflowStore();
    private final InMemoryRunStore runs = new InMemoryRunStore();
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private final ManagementApi api = new ManagementApi(workspaces, contacts, workflows, new InMemoryFlowStore(), runs, events,
            new ComplianceGate(workspaces, contacts, new InMemoryCapStore(), new ComplianceRules(), clock),
            new InMemoryWebhookSecrets(), ApiFixture.NO_SERVER, clock);
    private String apiKey;

    @BeforeEach
    void setUp() {
        apiKey = new WorkspaceSetup(workspaces, workflows, clock).create(SampleWorkspaces.acme());
    }

    // ---- authentication ----

    @Test
    void handle_should_answer401_when_noApiKeyIsSent() {
        // WHEN
        ApiResponse response = api.handle(new ApiRequest("GET", "/v1/workspace", Map.of(), Optional.empty(), Optional.empty(), ""));

        // THEN
        assertEquals(401, response.status());
        assertEquals("unauthorized", json(response).at("/error/code").asText());
        assertTrue(json(response).at("/error/message").asText().contains("Authorization: Bearer"));
    }

    @Test
    void handle_should_answer401AndChangeNothing_when_theApiKeyIsWrong() {
        // WHEN
        ApiResponse response = api.handle(new ApiRequest("PUT", "/v1/workspace", Map.of(), Optional.of("ak_not-a-key"),
                Optional.of("application/json"), SPEC_WORKSPACE.replace("Acme Plumbing", "Hijacked")));

        // THEN
        assertEquals(401, response.status());
        assertEquals("Acme Plumbing", workspaces.find(WORKSPACE_ID).orElseThrow().name());
    }

    // ---- workspace ----

    @Test
    void putWorkspace_should_acceptTheSpecExampleAndReadItBack() {
        // WHEN
        ApiResponse put = call("PUT", "/v1/workspace", SPEC_WORKSPACE);
        ApiResponse get = call("GET", "/v1/workspace", "");

        // THEN
        assertEquals(200, put.status(), put.body());
        assertEquals(200, get.status());
        JsonNode ws = json(get);
        assertEquals(WORKSPACE_ID, ws.path("id").asText());
        assertEquals("Acme Plumbing", ws.path("name").asText());
        assertEquals("+14155550100", ws.at("/numbers/0").asText());
        assertEquals("+14155550111", ws.at("/forwarding/number").asText());
        assertEquals(20, ws.at("/forwarding/ringSeconds").asInt());
        assertEquals("Sorry we missed you...", ws.at("/voicemail/greeting").asText());
        assertEquals(120, ws.at("/voicemail/maxSeconds").asInt());
        assertTrue(ws.path("outboundEnabled").asBoolean());
        assertEquals("strict", ws.at("/compliance/window").asText());
        assertEquals("US", ws.at("/compliance/allowedCountries/0").asText());
        assertEquals(100, ws.at("/compliance/caps/perDay").asInt());
        assertEquals(4, ws.at("/compliance/caps/perNumberPer14Days").asInt());
        assertEquals(7, ws.at("/compliance/maxDeferralDays").asInt());
        assertEquals(Optional.of(WORKSPACE_ID), workspaces.workspaceForNumber("+14155550100"));
    }

    @Test
    void putWorkspace_should_acceptWhatGetReturned_when_aClientReadsChangesAndWritesBack() {
        // GIVEN
        call("PUT", "/v1/workspace", SPEC_WORKSPACE);
        String read = call("GET", "/v1/workspace", "").body();

        // WHEN
        ApiResponse put = call("PUT", "/v1/workspace", read.replace("\"ringSeconds\":20", "\"ringSeconds\":30"));

        // THEN
        assertEquals(200, put.status(), put.body());
        assertEquals(30, workspaces.find(WORKSPACE_ID).orElseThrow().forwarding().ringSeconds());
    }

    @Test
    void putWorkspace_should_acceptACustomCallingWindow() {
        // WHEN
        ApiResponse put = call("PUT", "/v1/workspace",
                SPEC_WORKSPACE.replace("\"window\": \"strict\"", "\"window\": {\"start\": \"09:00\", \"end\": \"20:00\"}"));

        // THEN
        assertEquals(200, put.status(), put.body());
        assertEquals("09:00", json(call("GET", "/v1/workspace", "")).at("/compliance/window/start").asText());
    }

    @ParameterizedTest(name = "{0} → 400 on {2}")
    @CsvSource(delimiter = '|', value = {
            "a national number     | \"numbers\": [\"+14155550100\"]           | numbers[0]              | \"numbers\": [\"4155550100\"]",
            "a second bad number   | \"numbers\": [\"+14155550100\"]           | numbers[1]              | \"numbers\": [\"+14155550100\", \"+1 415 555 0101\"]",
            "a bad forwarding no.  | \"number\": \"+14155550111\"              | forwarding.number       | \"number\": \"555-0111\"",
            "ringSeconds as text   | \"ringSeconds\": 20                      | forwarding.ringSeconds  | \"ringSeconds\": \"abc\"",
            "ringSeconds quoted    | \"ringSeconds\": 20                      | forwarding.ringSeconds  | \"ringSeconds\": \"20\"",
            "ringSeconds too long  | \"ringSeconds\": 20                      | forwarding.ringSeconds  | \"ringSeconds\": 3600",
            "an unknown field      | \"name\": \"Acme Plumbing\"               | nmae                    | \"nmae\": \"Acme Plumbing\"",
            "a nested unknown      | \"maxSeconds\": 120                      | voicemail.maxSecs       | \"maxSecs\": 120",
            "numbers not a list    | \"numbers\": [\"+14155550100\"]           | numbers                 | \"numbers\": \"+14155550100\"",
            "an unknown window     | \"window\": \"strict\"                    | compliance.window       | \"window\": \"always\"",
            "an unknown country    | \"allowedCountries\": [\"US\"]            | compliance.allowedCountries[1] | \"allowedCountries\": [\"US\", \"XX\"]",
            "a bad webhook URL     | \"webhookUrl\": null                     | webhookUrl              | \"webhookUrl\": \"ftp://x\"",
            "an unknown time zone  | \"webhookUrl\": null                     | timeZone                | \"webhookUrl\": null, \"timeZone\": \"Mars/Olympus\""})
    void putWorkspace_should_answer400NamingTheFieldAndSaveNothing_when_aFieldIsWrong(String what, String from, String field, String to) {
        // GIVEN
        String body = SPEC_WORKSPACE.replace(from, to);
        assertFalse(body.equals(SPEC_WORKSPACE), "the test must change the body");

        // WHEN
        ApiResponse response = call("PUT", "/v1/workspace", body);

        // THEN
        assertEquals(400, response.status(), response.body());
        assertEquals("invalid_input", json(response).at("/error/code").asText());
        assertEquals(field, json(response).at("/error/field").asText(), response.body());
        assertEquals(SampleWorkspaces.acme(), workspaces.find(WORKSPACE_ID).orElseThrow());
    }

    @ParameterizedTest(name = "[{0}] is malformed")
    @ValueSource(strings = {"{\"name\": \"Acme\",", "not json", "[1, 2]", "null", " "})
    void putWorkspace_should_answer400AndSaveNothing_when_theBodyIsNotAJsonObject(String body) {
        // WHEN
        ApiResponse response = call("PUT", "/v1/workspace", body);

        // THEN
        assertEquals(400, response.status(), response.body());
        assertFalse(json(response).at("/error/message").asText().isBlank());
        assertEquals(SampleWorkspaces.acme(), workspaces.find(WORKSPACE_ID).orElseThrow());
    }

    @Test
    void putWorkspace_should_answer409_when_aNumberBelongsToAnotherWorkspace() {
        // GIVEN
        workspaces.save(new Workspace("ws_other", "Other", List.of("+14155550200"), null, null, null, null, null, null, null, null));

        // WHEN
        ApiResponse response = call("PUT", "/v1/workspace", SPEC_WORKSPACE.replace("+14155550100", "+14155550200"));

        // THEN
        assertEquals(409, response.status(), response.body());
        assertEquals(Optional.of("ws_other"), workspaces.workspaceForNumber("+14155550200"));
    }

    // ---- contacts ----

    @Test
    void putContact_should_storeTheSpecExampleAndReadItBack() {
        // WHEN
        ApiResponse put = call("PUT", "/v1/contacts/" + CALLER, SPEC_CONTACT);
        ApiResponse get = call("GET", "/v1/contacts/%2B14155550123", "");

        // THEN
        assertEquals(200, put.status(), put.body());
        assertEquals(200, get.status());
        JsonNode contact = json(get);
        assertEquals(CALLER, contact.path("phone").asText());
        assertEquals("Dana", contact.path("firstName").asText());
        assertEquals("lead", contact.at("/tags/0").asText());
        assertEquals("form", contact.at("/consent/voice/source").asText());
        assertEquals("2026-11-03T09:00:00Z", contact.at("/optOut/sms").asText());
        assertEquals("2026-11-25T16:00:00Z", contact.at("/fields/appointmentAt").asText());
        assertEquals("manual", contact.path("source").asText());
    }

    @Test
    void getContact_should_answer404_when_theContactIsNotInTheWorkspace() {
        // GIVEN a contact of another workspace
        call("PUT", "/v1/contacts/" + CALLER, SPEC_CONTACT);
        String otherKey = new WorkspaceSetup(workspaces, workflows, clock).create(
                new Workspace("ws_other", "Other", List.of("+14155550200"), null, null, null, null, null, null, null, null));

        // WHEN
        ApiResponse response = api.handle(new ApiRequest("GET", "/v1/contacts/" + CALLER, Map.of(), Optional.of(otherKey),
                Optional.empty(), ""));

        // THEN
        assertEquals(404, response.status(), response.body());
        assertEquals("not_found", json(response).at("/error/code").asText());
        assertFalse(response.body().contains(CALLER), "the error does not echo the whole number");
    }

    @Test
    void putContact_should_answer400_when_thePathIsNotAnE164Number() {
        // WHEN
        ApiResponse response = call("PUT", "/v1/contacts/4155550123", SPEC_CONTACT);

        // THEN
        assertEquals(400, response.status());
        assertEquals("phone", json(response).at("/error/field").asText());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "\"timeZone\": null              | timeZone            | \"timeZone\": \"Mars/Olympus\"",
            "\"source\": \"form\"            | consent.voice.source | \"source\": \"rumour\"",
            "\"sms\": \"2026-11-03T09:00:00Z\" | optOut.sms        | \"sms\": \"yesterday\""})
    void putContact_should_answer400NamingTheFieldAndSaveNothing_when_aFieldIsWrong(String from, String field, String to) {
        // WHEN
        ApiResponse response = call("PUT", "/v1/contacts/" + CALLER, SPEC_CONTACT.replace(from, to));

        // THEN
        assertEquals(400, response.status(), response.body());
        assertEquals(field, json(response).at("/error/field").asText(), response.body());
        assertEquals(Optional.empty(), contacts.find(WORKSPACE_ID, CALLER));
    }

    private static String tags(String prefix, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> "\"" + prefix + i + "\"")
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    @Test
    void putContact_should_answer400NamingTheTagsAndSaveNothing_when_theContactHasMoreThan40Tags() {
        // WHEN
        ApiResponse response = call("PUT", "/v1/contacts/" + CALLER, SPEC_CONTACT.replace("[\"lead\"]", tags("t", 41)));

        // THEN
        assertEquals(400, response.status(), response.body());
        assertEquals("tags", json(response).at("/error/field").asText(), response.body());
        assertEquals(Optional.empty(), contacts.find(WORKSPACE_ID, CALLER));
    }

    @Test
    void putContact_should_replace40TagsBy40Others() {
        // GIVEN
        call("PUT", "/v1/contacts/" + CALLER, SPEC_CONTACT.replace("[\"lead\"]", tags("old", 40)));

        // WHEN
        ApiResponse response = call("PUT", "/v1/contacts/" + CALLER, SPEC_CONTACT.replace("[\"lead\"]", tags("new", 40)));

        // THEN
        assertEquals(200, response.status(), response.body());
        assertEquals(List.of(CALLER), contacts.phonesWithTag(WORKSPACE_ID, "new39", null, 10).phones());
        assertEquals(List.of(), contacts.phonesWithTag(WORKSPACE_ID, "old0", null, 10).phones());
    }

    // ---- workflows ----

    @Test
    void workflows_should_saveJsonOrYamlPublishAndListRuns() {
        // GIVEN
        String json = """
                {"trigger": "lead.created", "steps": [{"type": "sendSms", "body": "Hi {{contact.firstName | \\"there\\"}}!"}]}""";
        String yaml = """
                trigger: lead.created
                steps:
                  - type: sendSms
                    body: 'Hi {{contact.firstName | "there"}}!'
                """;

        // WHEN
        ApiResponse putJson = call("PUT", "/v1/workflows/welcome-json", json);
        ApiResponse putYaml = call("PUT", "/v1/workflows/welcome-yaml", yaml);
        ApiResponse publish = call("POST", "/v1/workflows/welcome-yaml/publish", "");

        // THEN
        assertEquals(200, putJson.status(), putJson.body());
        assertEquals(200, putYaml.status(), putYaml.body());
        assertEquals(json(putJson).path("definition"), json(putYaml).path("definition"));
        assertEquals("lead.created", json(putYaml).path("trigger").asText());
        assertEquals(0, json(putYaml).path("publishedVersion").asInt());
        assertEquals(200, publish.status(), publish.body());
        assertEquals(1, json(publish).path("version").asInt());
        assertEquals(1, json(call("GET", "/v1/workflows/welcome-yaml", "")).path("publishedVersion").asInt());

        // WHEN an event triggers the published workflow
        assertEquals(List.of(), json(call("GET", "/v1/workflows/welcome-yaml/runs", "")).path("runs").findValuesAsText("runId"));
        RecordingSmsSender sms = new RecordingSmsSender();
        Messenger messenger = new Messenger(sms, contacts, clock);
        new EventProcessor(workspaces, contacts, new InMemoryProcessedEvents(clock),
                new WorkflowRunner(workflows, runs, contacts, messenger, RecordingQueues.callSteps(clock), clock), messenger, clock)
                .process(new DomainEvent("api:lead-1", "lead.created", WORKSPACE_ID, NOW, CALLER, null, Map.of(),
                        Map.of("firstName", "Dana")));

        // THEN its run is listed, and the unpublished JSON draft did not run
        JsonNode listed = json(call("GET", "/v1/workflows/welcome-yaml/runs", "")).path("runs");
        assertEquals(1, listed.size());
        assertEquals("completed", listed.get(0).path("status").asText());
        assertEquals("done", listed.get(0).at("/steps/0/result").asText());
        assertEquals(0, json(call("GET", "/v1/workflows/welcome-json/runs", "")).path("runs").size());
        assertEquals(1, json(call("GET", "/v1/contacts/" + CALLER + "/runs", "")).path("runs").size());
        assertEquals("Hi Dana!", sms.sent().get(0).body());
    }

    @Test
    void putWorkflow_should_answer400NamingTheStepFieldAndSaveNothing_when_theDefinitionIsInvalid() {
        // WHEN
        ApiResponse response = call("PUT", "/v1/workflows/broken", """
                {"trigger": "call.missed", "steps": [{"type": "createTask", "title": "x"}, {"type": "sendSms", "body": "Hi {{who}}"}]}""");

        // THEN
        assertEquals(400, response.status());
        assertEquals("steps[1].body", json(response).at("/error/field").asText());
        assertEquals(404, call("GET", "/v1/workflows/broken", "").status());
    }

    @Test
    void publish_should_answer404_when_theWorkflowDoesNotExist() {
        // WHEN / THEN
        assertEquals(404, call("POST", "/v1/workflows/nope/publish", "").status());
        assertEquals(404, call("GET", "/v1/workflows/nope/runs", "").status());
    }

    // ---- events ----

    @Test
    void postEvent_should_acceptAndPublishTheEvent_when_itIsAnApplicationEvent() {
        // WHEN
        ApiResponse response = call("POST", "/v1/events", """
                {"id": "lead-1", "type": "lead.created",
                 "contact": {"phone": "+14155550123", "firstName": "Dana"},
                 "data": {"source": "web", "budget": 5000}}""");

        // THEN
        assertEquals(202, response.status(), response.body());
        assertEquals("lead-1", json(response).path("id").asText());
        DomainEvent event = events.published().get(0);
        assertEquals(new DomainEvent("api:lead-1", "lead.created", WORKSPACE_ID, NOW, CALLER, null,
                Map.of("source", "web", "budget", 5000), Map.of("phone", CALLER, "firstName", "Dana")), event);
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"call.missed", "call.received", "sms.received", "voicemail.received", "ivr.sms", "ivr.completed",
            "contact.opted_out"})
    void postEvent_should_answer400AndPublishNothing_when_theTypeIsATelephonyEvent(String type) {
        // WHEN
        ApiResponse response = call("POST", "/v1/events",
                "{\"id\": \"x1\", \"type\": \"" + type + "\", \"contact\": {\"phone\": \"+14155550123\"}}");

        // THEN
        assertEquals(400, response.status());
        assertEquals("type", json(response).at("/error/field").asText());
        assertEquals(List.of(), events.published());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{\"type\": \"lead.created\", \"contact\": {\"phone\": \"+14155550123\"}}                      | id",
            "{\"id\": \"1\", \"type\": \"Lead Created\", \"contact\": {\"phone\": \"+14155550123\"}}       | type",
            "{\"id\": \"1\", \"type\": \"lead.created\"}                                                 | contact",
            "{\"id\": \"1\", \"type\": \"lead.created\", \"contact\": {\"phone\": \"4155550123\"}}         | contact.phone",
            "{\"id\": \"1\", \"type\": \"lead.created\", \"contact\": {\"phone\": \"+14155550123\"}, \"data\": [1]} | data",
            "{\"id\": \"1\", \"type\": \"lead.created\", \"contact\": {\"phone\": \"+14155550123\"}, \"when\": 1}  | when"})
    void postEvent_should_answer400NamingTheField_when_theEventIsIncomplete(String body, String field) {
        // WHEN
        ApiResponse response = call("POST", "/v1/events", body);

        // THEN
        assertEquals(400, response.status(), response.body());
        assertEquals(field, json(response).at("/error/field").asText(), response.body());
        assertEquals(List.of(), events.published());
    }

    @Test
    void handle_should_answer404_when_theRouteDoesNotExist() {
        // WHEN
        ApiResponse response = call("GET", "/v1/nothing-here", "");

        // THEN
        assertEquals(404, response.status());
    }

    // ---- helpers ----

    private ApiResponse call(String method, String path, String body) {
        return api.handle(new ApiRequest(method, path, Map.of(), Optional.of(apiKey), Optional.of("application/json"), body));
    }

    private static JsonNode json(ApiResponse response) {
        return Json.tree(response.body());
    }
}
