package dev.autocall.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.domain.setup.WorkspaceSetup;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.autocall.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IVR flow definitions through the management API, and the workspace's inbound flow. */
class FlowsApiTest {
    private static final String FLOW = """
            {"name": "Front desk", "start": "menu",
             "nodes": {
               "menu": {"type": "gather", "prompt": "Press 1 for the front desk.", "choices": {"1": "desk"}, "noInput": "bye"},
               "desk": {"type": "dial", "noAnswer": "bye"},
               "bye":  {"type": "hangup", "say": "Goodbye."}}}""";
    private static final String FLOW_YAML = """
            name: Front desk
            start: menu
            nodes:
              menu:
                type: gather
                prompt: Press 1 for the front desk.
                choices: {"1": desk}
                noInput: bye
              desk: {type: dial, noAnswer: bye}
              bye: {type: hangup, say: Goodbye.}
            """;

    private final ApiFixture f = new ApiFixture();

    private ApiResponse call(String method, String path, String body, String contentType) {
        return f.api.handle(new ApiRequest(method, path, Map.of(), Optional.of(f.apiKey), Optional.of(contentType), body));
    }

    @Test
    void put_should_saveTheDraft_andGetShouldShowIt_unpublished() {
        ApiResponse put = f.call("PUT", "/v1/flows/front-desk", FLOW);
        ApiResponse get = f.call("GET", "/v1/flows/front-desk", null);

        assertEquals(200, put.status(), put.body());
        assertEquals(json(put), json(get));
        JsonNode flow = json(get);
        assertEquals("front-desk", flow.get("id").asText());
        assertEquals("Front desk", flow.at("/definition/name").asText());
        assertEquals("dial", flow.at("/definition/nodes/desk/type").asText());
        assertEquals(1, flow.get("draftRevision").asInt());
        assertEquals(0, flow.get("publishedVersion").asInt());
        assertEquals(ApiFixture.NOW.toString(), flow.get("updatedAt").asText());
        assertTrue(flow.path("publishedAt").isMissingNode());
    }

    @Test
    void put_should_storeTheSameDefinition_when_sentAsYaml() {
        f.call("PUT", "/v1/flows/json", FLOW);
        ApiResponse yaml = call("PUT", "/v1/flows/yaml", FLOW_YAML, "application/yaml");

        assertEquals(200, yaml.status(), yaml.body());
        assertEquals(json(f.call("GET", "/v1/flows/json", null)).get("definition"), json(yaml).get("definition"));
    }

    @Test
    void put_should_answer400NamingTheNode_andSaveNothing_when_aChoiceGoesNowhere() {
        ApiResponse response = f.call("PUT", "/v1/flows/front-desk", FLOW.replace("\"1\": \"desk\"", "\"1\": \"desks\""));

        assertEquals(400, response.status());
        assertEquals("nodes.menu.choices", json(response).at("/error/field").asText());
        assertTrue(json(response).at("/error/message").asText().contains("node 'menu' (gather)"), response.body());
        assertEquals(404, f.call("GET", "/v1/flows/front-desk", null).status());
    }

    @Test
    void put_should_answer413_when_theBodyIsOver64KB() {
        String big = FLOW.replace("Goodbye.", "Goodbye." + " ".repeat(70_000));

        assertEquals(413, f.call("PUT", "/v1/flows/front-desk", big).status());
    }

    @Test
    void put_should_answer400_when_theIdIsNotAnId() {
        ApiResponse response = f.call("PUT", "/v1/flows/-bad", FLOW);

        assertEquals(400, response.status());
        assertEquals("id", json(response).at("/error/field").asText());
    }

    @Test
    void publish_should_freezeTheDraftAsVersion1_thenVersion2() {
        f.call("PUT", "/v1/flows/front-desk", FLOW);

        ApiResponse first = f.call("POST", "/v1/flows/front-desk/publish", null);
        f.call("PUT", "/v1/flows/front-desk", FLOW.replace("Goodbye.", "Bye now."));
        ApiResponse second = f.call("POST", "/v1/flows/front-desk/publish", null);

        assertEquals(200, first.status(), first.body());
        assertEquals(Map.of("id", "front-desk", "version", 1), Map.of("id", json(first).get("id").asText(),
                "version", json(first).get("version").asInt()));
        assertEquals(2, json(first).size());
        assertEquals(2, json(second).get("version").asInt());
        JsonNode flow = json(f.call("GET", "/v1/flows/front-desk", null));
        assertEquals(2, flow.get("publishedVersion").asInt());
        assertEquals(ApiFixture.NOW.toString(), flow.get("publishedAt").asText());
        assertEquals(Optional.of(true), f.flows.version(SampleWorkspaces.WORKSPACE_ID, "front-desk", 2).map(v -> v.contains("Bye now.")));
    }

    @Test
    void publish_should_answer404_when_thereIsNoDraft() {
        ApiResponse response = f.call("POST", "/v1/flows/nothing/publish", null);

        assertEquals(404, response.status());
        assertEquals("not_found", json(response).at("/error/code").asText());
    }

    @Test
    void list_should_giveEveryFlowOfTheWorkspace() {
        f.call("PUT", "/v1/flows/b", FLOW);
        f.call("PUT", "/v1/flows/a", FLOW);

        JsonNode list = json(f.call("GET", "/v1/flows", null));

        assertEquals(List.of("a", "b"), list.get("flows").findValuesAsText("id"));
    }

    @Test
    void twoWorkspaces_should_neverSeeEachOthersFlow_when_theyUseTheSameId() {
        // GIVEN another workspace with its own key
        String otherKey = new WorkspaceSetup(f.workspaces, f.workflows, f.clock).create(
                new Workspace("ws_other", "Other", List.of("+14155550200"), null, null, null, null, null, null, null, null));
        f.call("PUT", "/v1/flows/front-desk", FLOW);
        f.call("POST", "/v1/flows/front-desk/publish", null);

        // WHEN the other workspace reads, publishes and saves the same id
        ApiResponse read = asOther(otherKey, "GET", "/v1/flows/front-desk", null);
        ApiResponse publish = asOther(otherKey, "POST", "/v1/flows/front-desk/publish", null);
        asOther(otherKey, "PUT", "/v1/flows/front-desk", FLOW.replace("Goodbye.", "Theirs."));

        // THEN it saw nothing of the first, and the first's flow is untouched
        assertEquals(404, read.status());
        assertEquals(404, publish.status());
        JsonNode mine = json(f.call("GET", "/v1/flows/front-desk", null));
        assertEquals("Goodbye.", mine.at("/definition/nodes/bye/say").asText());
        assertEquals(1, mine.get("publishedVersion").asInt());
        assertEquals(0, json(asOther(otherKey, "GET", "/v1/flows/front-desk", null)).get("publishedVersion").asInt());
        assertEquals(1, json(asOther(otherKey, "GET", "/v1/flows", null)).get("flows").size());
    }

    @Test
    void otherMethods_should_answer405WithAllow() {
        ApiResponse response = f.call("DELETE", "/v1/flows/front-desk", null);

        assertEquals(405, response.status());
        assertEquals("GET, HEAD, PUT", response.headers().get("Allow"));
        assertEquals("POST", f.call("GET", "/v1/flows/front-desk/publish", null).headers().get("Allow"));
    }

    @Test
    void workspace_should_showNoInboundFlow_byDefault() {
        JsonNode workspace = json(f.call("GET", "/v1/workspace", null));

        assertTrue(workspace.at("/inbound/flow").isNull(), workspace.toString());
    }

    @Test
    void putWorkspace_should_refuseAnInboundFlow_untilItIsPublished() {
        f.call("PUT", "/v1/flows/front-desk", FLOW);

        ApiResponse unpublished = f.call("PUT", "/v1/workspace", "{\"inbound\": {\"flow\": \"front-desk\"}}");
        ApiResponse unknown = f.call("PUT", "/v1/workspace", "{\"inbound\": {\"flow\": \"nothing\"}}");
        f.call("POST", "/v1/flows/front-desk/publish", null);
        ApiResponse published = f.call("PUT", "/v1/workspace", "{\"inbound\": {\"flow\": \"front-desk\"}}");

        assertEquals(400, unpublished.status());
        assertEquals("inbound.flow", json(unpublished).at("/error/field").asText());
        assertTrue(json(unpublished).at("/error/message").asText().contains("publish it first"), unpublished.body());
        assertEquals(400, unknown.status());
        assertEquals("inbound.flow", json(unknown).at("/error/field").asText());
        assertEquals(200, published.status(), published.body());
        assertEquals("front-desk", json(f.call("GET", "/v1/workspace", null)).at("/inbound/flow").asText());
        assertEquals(Optional.of("front-desk"), f.workspaces.find(SampleWorkspaces.WORKSPACE_ID).orElseThrow().inbound().flowId());
    }

    @Test
    void putWorkspace_should_turnTheInboundFlowOff_when_itIsNull() {
        f.call("PUT", "/v1/flows/front-desk", FLOW);
        f.call("POST", "/v1/flows/front-desk/publish", null);
        f.call("PUT", "/v1/workspace", "{\"inbound\": {\"flow\": \"front-desk\"}}");

        ApiResponse off = f.call("PUT", "/v1/workspace", "{\"inbound\": {\"flow\": null}}");
        ApiResponse unknownField = f.call("PUT", "/v1/workspace", "{\"inbound\": {\"flows\": \"front-desk\"}}");
        ApiResponse nullInbound = f.call("PUT", "/v1/workspace", "{\"inbound\": null}");

        assertEquals(200, off.status(), off.body());
        assertTrue(json(f.call("GET", "/v1/workspace", null)).at("/inbound/flow").isNull());
        assertEquals(400, unknownField.status());
        assertEquals(400, nullInbound.status());
        assertEquals("inbound", json(nullInbound).at("/error/field").asText());
    }

    private ApiResponse asOther(String key, String method, String path, String body) {
        return f.api.handle(new ApiRequest(method, path, Map.of(), Optional.of(key), Optional.of("application/json"), body));
    }
}
