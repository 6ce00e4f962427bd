package dev.autocall.local;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocall.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every documented operation of the management API, with valid and invalid input, through real HTTP to a
 * started local runtime; each answer must have the status the test expects and match docs/openapi.yaml.
 */
class ManagementApiContractTest {
    private static final String PHONE = "%2B14155550123";
    private static LocalRuntime runtime;
    private static OpenApiInteractionValidator contract;
    private static JsonNode spec;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Set<String> OPERATIONS_DRIVEN = new TreeSet<>();
    private final List<String> violations = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(new LocalRuntime.Options(0, Optional.empty(), 1));
        Path openapi = LocalRuntimeAccess.projectRoot().resolve("docs/openapi.yaml");
        spec = new ObjectMapper(new YAMLFactory()).readTree(openapi.toFile());
        contract = OpenApiInteractionValidator.createForSpecificationUrl(openapi.toUri().toString()).build();
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void everyDocumentedOperation_answersAsDocumented_withValidAndInvalidInput() throws Exception {
        // workspace
        JsonNode workspace = call("GET", "/v1/workspace", null, 200);
        ((ObjectNode) workspace).remove("id");
        call("PUT", "/v1/workspace", workspace.toString(), 200);
        call("PUT", "/v1/workspace", "{\"callsPerSecond\": 1.5}", 400);
        call("PUT", "/v1/workspace", "{\"name\": \"" + "x".repeat(40_000) + "\"}", 413);
        callWithKey("GET", "/v1/workspace", null, 401, "ak_wrong");

        // contacts
        String contact = """
                {"firstName": "Dana", "tags": ["lead"], "timeZone": null,
                 "consent": {"voice": {"source": "form", "confirmed": true, "at": "2026-11-02T15:04:05Z"}},
                 "optOut": {"voice": null}, "fields": {"plan": "gold", "visits": 3}}""";
        call("PUT", "/v1/contacts/" + PHONE, contact, 200);
        call("PUT", "/v1/contacts/" + PHONE, "{\"firstName\": 5}", 400);
        call("PUT", "/v1/contacts/" + PHONE, "{\"fields\": {\"notes\": \"" + "x".repeat(40_000) + "\"}}", 413);
        call("GET", "/v1/contacts/" + PHONE, null, 200);
        call("GET", "/v1/contacts/%2B14155550198", null, 404);
        call("GET", "/v1/contacts/12345", null, 400);
        call("GET", "/v1/contacts/" + PHONE + "/thread", null, 200);
        call("GET", "/v1/contacts/" + PHONE + "/runs?limit=5", null, 200);
        call("GET", "/v1/contacts/" + PHONE + "/runs?limit=0", null, 400);

        // workflows
        call("GET", "/v1/workflows", null, 200);
        JsonNode seeded = call("GET", "/v1/workflows/missed-call-text-back", null, 200);
        call("GET", "/v1/workflows/no-such-flow", null, 404);
        call("GET", "/v1/workflows/-bad", null, 400);
        call("PUT", "/v1/workflows/contract-test", seeded.path("definition").toString(), 200);
        call("PUT", "/v1/workflows/contract-test", "{\"steps\": []}", 400);
        call("POST", "/v1/workflows/contract-test/publish", null, 200);
        call("POST", "/v1/workflows/no-such-flow/publish", null, 404);
        call("GET", "/v1/workflows/contract-test/runs?limit=3", null, 200);
        call("GET", "/v1/workflows/contract-test/runs?limit=x", null, 400);
        call("GET", "/v1/workflows/no-such-flow/runs", null, 404);

        // IVR flows
        String flow = """
                {"start": "menu", "nodes": {
                  "menu": {"type": "gather", "prompt": "Press 1.", "choices": {"1": "bye"}},
                  "bye": {"type": "hangup", "say": "Goodbye.", "outcome": "confirmed"}}}""";
        call("PUT", "/v1/flows/contract-flow", flow, 200);
        call("PUT", "/v1/flows/contract-flow", flow.replace("\"1\": \"bye\"", "\"1\": \"nowhere\""), 400);
        call("PUT", "/v1/flows/contract-flow", flow.replace("Goodbye.", "x".repeat(70_000)), 413);
        call("GET", "/v1/flows/contract-flow", null, 200);
        call("GET", "/v1/flows/no-such-flow", null, 404);
        call("GET", "/v1/flows", null, 200);
        call("POST", "/v1/flows/contract-flow/publish", null, 200);
        call("POST", "/v1/flows/no-such-flow/publish", null, 404);
        call("POST", "/v1/flows/contract-flow/simulate", "{\"keys\": [\"\", \"1\"], \"contact\": {\"firstName\": \"Dana\"}}", 200);
        call("POST", "/v1/flows/contract-flow/simulate", "{\"keys\": [\"\", \"1\"], \"version\": 1}", 200);
        call("POST", "/v1/flows/contract-flow/simulate", "{\"keys\": [\"x\"]}", 400);
        call("POST", "/v1/flows/contract-flow/simulate", "{\"version\": 9}", 404);
        call("POST", "/v1/flows/no-such-flow/simulate", "{}", 404);

        // tasks, events, preflight
        call("GET", "/v1/tasks", null, 200);
        call("POST", "/v1/events", """
                {"id": "contract-1", "type": "lead.created", "contact": {"phone": "+14155550123", "company": null},
                 "data": {"source": "web", "utm": {"campaign": null}}}""", 202);
        call("POST", "/v1/events", "{\"id\": \"contract-2\", \"type\": \"call.missed\", \"contact\": {\"phone\": \"+14155550123\"}}", 400);
        call("POST", "/v1/events", "{\"id\": \"x\", \"type\": \"a.b\", \"contact\": {\"phone\": \"+14155550123\"}, \"data\": {\"x\": \""
                + "y".repeat(70_000) + "\"}}", 413);
        call("POST", "/v1/compliance/preflight", "{\"to\": \"+14155550123\", \"purpose\": \"marketing\"}", 200);
        call("POST", "/v1/compliance/preflight", "{\"to\": \"+14155550123\", \"at\": \"+999999999-12-31T10:00:00Z\"}", 400);

        // webhook signing secret: created, then rotated with the previous one's grace
        call("POST", "/v1/webhooks/secret", null, 200);
        call("POST", "/v1/webhooks/secret", "{}", 200);
        call("POST", "/v1/webhooks/secret", "{\"secret\": \"whsec_mine\"}", 400);

        // webhook deliveries: none yet (the workspace has no webhookUrl); unknown ids; a bad filter
        call("GET", "/v1/webhooks/deliveries", null, 200);
        call("GET", "/v1/webhooks/deliveries?status=parked&limit=5", null, 200);
        call("GET", "/v1/webhooks/deliveries?status=lost", null, 400);
        call("GET", "/v1/webhooks/deliveries?cursor=bm90LWEtY3Vyc29y", null, 400);
        call("GET", "/v1/webhooks/deliveries/no-such-delivery", null, 404);
        call("POST", "/v1/webhooks/deliveries/no-such-delivery/retry", null, 404);

        // campaigns: a draft with targets from CSV and JSON, then every lifecycle command and its 409
        String campaign = """
                {"id": "contract-campaign", "name": "Contract", "action": {"message": "Hi {{contact.firstName | \\"there\\"}}"},
                 "audience": {"phones": ["+14155550123"]}, "schedule": {"hours": {"start": "10:00", "end": "17:00"}, "days": ["MON"]},
                 "retry": {"maxAttempts": 2, "interval": "PT30M", "on": ["no_answer"]}, "pace": {"callsPerMinute": 60, "maxConcurrent": 2}}""";
        call("POST", "/v1/campaigns", campaign, 201);
        call("POST", "/v1/campaigns", campaign, 409);
        call("POST", "/v1/campaigns", campaign.replace("\"callsPerMinute\": 60", "\"callsPerMinute\": 0"), 400);
        call("POST", "/v1/campaigns", campaign.replace("Contract", "x".repeat(70_000)), 413);
        JsonNode draft = call("GET", "/v1/campaigns/contract-campaign", null, 200);
        call("GET", "/v1/campaigns/no-such-campaign", null, 404);
        call("GET", "/v1/campaigns/-bad", null, 400);
        call("PUT", "/v1/campaigns/contract-campaign", draft.toString(), 200);
        call("PUT", "/v1/campaigns/contract-campaign", "{\"name\": 5, \"action\": {\"message\": \"Hi\"}}", 400);
        call("PUT", "/v1/campaigns/no-such-campaign", "{\"name\": \"N\", \"action\": {\"message\": \"Hi\"}}", 404);
        JsonNode csv = callAs("POST", "/v1/campaigns/contract-campaign/targets",
                "phone,firstName,voiceConsentSource\n+14155550124,Lee,form\n4155550199,,\n", "text/csv", 200);
        assertEquals(1, csv.path("rejected").size(), csv.toString());
        call("POST", "/v1/campaigns/contract-campaign/targets", "[\"+14155550125\", {\"phone\": \"+14155550126\", \"clinic\": \"Elm St\"}]", 200);
        call("POST", "/v1/campaigns/contract-campaign/targets", "{\"phone\": \"+14155550125\"}", 400);
        call("POST", "/v1/campaigns/no-such-campaign/targets", "[]", 404);
        call("POST", "/v1/campaigns/contract-campaign/pause", null, 409);
        call("POST", "/v1/campaigns/contract-campaign/resume", null, 409);
        call("POST", "/v1/campaigns/contract-campaign/start", null, 200);
        call("POST", "/v1/campaigns/contract-campaign/start", null, 409);
        call("POST", "/v1/campaigns/contract-campaign/pause", null, 200);
        call("POST", "/v1/campaigns/contract-campaign/resume", null, 200);
        call("GET", "/v1/campaigns/contract-campaign/runs", null, 200);
        call("GET", "/v1/campaigns/no-such-campaign/runs", null, 404);
        call("GET", "/v1/campaigns/contract-campaign/progress", null, 200);
        call("GET", "/v1/campaigns/no-such-campaign/progress", null, 404);
        call("POST", "/v1/campaigns/contract-campaign/cancel", null, 200);
        call("POST", "/v1/campaigns/contract-campaign/cancel", null, 409);
        call("POST", "/v1/campaigns/no-such-campaign/start", null, 404);
        call("POST", "/v1/campaigns/contract-campaign/targets", "[\"+14155550127\"]", 409);

        call("GET", "/v1/analytics", null, 200);
        call("GET", "/v1/analytics?granularity=week&campaign=contract-campaign&from=2026-10-01&to=2026-11-02", null, 200);
        call("GET", "/v1/analytics?granularity=hour", null, 400);
        call("GET", "/v1/analytics?workflow=w1&campaign=c1", null, 400);

        call("GET", "/v1/calls?limit=5&direction=inbound", null, 200);
        call("GET", "/v1/calls?status=done", null, 400);
        call("GET", "/v1/calls?cursor=not-ours", null, 400);
        call("GET", "/v1/calls.csv?limit=0", null, 400);
        HttpResponse<String> export = send("GET", "/v1/calls.csv?from=2026-01-01T00:00:00Z", null, runtime.apiKey());
        assertEquals(200, export.statusCode(), export.body());
        assertTrue(export.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(export.body().startsWith("id,callSid,at,direction,contact,"), export.body());
        SimpleResponse.Builder csvAnswer = SimpleResponse.Builder.status(200).withBody(export.body());
        export.headers().map().forEach(csvAnswer::withHeader);
        ValidationReport csvReport = contract.validateResponse("/v1/calls.csv", Request.Method.GET, csvAnswer.build());
        assertTrue(!csvReport.hasErrors(), csvReport.getMessages().toString());

        assertEquals(List.of(), violations, "answers that docs/openapi.yaml does not describe");
        assertEquals(36, OPERATIONS_DRIVEN.size(), "every operation driven: " + OPERATIONS_DRIVEN);
    }

    @Test
    void routesNoOperationTakes_answerInTheErrorShape() throws Exception {
        HttpResponse<String> unknown = send("GET", "/nothing/here", null, runtime.apiKey());
        HttpResponse<String> wrongMethod = send("DELETE", "/v1/workspace", null, runtime.apiKey());

        assertEquals(404, unknown.statusCode());
        assertEquals("not_found", Json.tree(unknown.body()).at("/error/code").asText());
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("GET, HEAD, PUT", wrongMethod.headers().firstValue("Allow").orElse(""));
        assertEquals("method_not_allowed", Json.tree(wrongMethod.body()).at("/error/code").asText());
    }

    @Test
    void aPathThatCannotBeDecoded_isA400InTheErrorShape() throws Exception {
        // java.net.URI refuses to build this request, so it goes over a plain socket.
        URI base = URI.create(runtime.url());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(("GET /v1/contacts/%zz HTTP/1.1\r\nHost: " + base.getAuthority()
                    + "\r\nAuthorization: Bearer " + runtime.apiKey() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.contains("application/json"), answer);
            assertEquals("invalid_input", Json.tree(answer.substring(answer.indexOf("\r\n\r\n") + 4)).at("/error/code").asText(), answer);
        }
    }

    private JsonNode call(String method, String pathAndQuery, String body, int expected) throws Exception {
        return callWithKey(method, pathAndQuery, body, expected, runtime.apiKey());
    }

    private JsonNode callAs(String method, String pathAndQuery, String body, String contentType, int expected) throws Exception {
        return callWithKey(method, pathAndQuery, body, contentType, expected, runtime.apiKey());
    }

    private JsonNode callWithKey(String method, String pathAndQuery, String body, int expected, String key) throws Exception {
        return callWithKey(method, pathAndQuery, body, "application/json", expected, key);
    }

    private JsonNode callWithKey(String method, String pathAndQuery, String body, String contentType, int expected, String key)
            throws Exception {
        HttpResponse<String> response = send(method, pathAndQuery, body, contentType, key);
        assertEquals(expected, response.statusCode(), method + " " + pathAndQuery + ": " + abbreviated(response.body()));
        String path = pathAndQuery.replaceFirst("\\?.*", "").replace("%2B", "+");
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode()).withBody(response.body());
        response.headers().map().forEach((name, values) -> answer.withHeader(name, values));
        ValidationReport report = contract.validateResponse(path, Request.Method.valueOf(method), answer.build());
        if (report.hasErrors()) {
            violations.add(method + " " + pathAndQuery + " -> " + response.statusCode() + ": " + report.getMessages());
        }
        spec.path("paths").properties().forEach(item -> {
            JsonNode operation = item.getValue().path(method.toLowerCase());
            if (operation.has("operationId") && matches(item.getKey(), path)) {
                OPERATIONS_DRIVEN.add(operation.get("operationId").asText());
            }
        });
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return response.body().isEmpty() ? null : Json.tree(response.body());
    }

    private static boolean matches(String template, String path) {
        return path.matches(template.replace("+", "\\+").replaceAll("\\{[^}]+}", "[^/]+"));
    }

    private static HttpResponse<String> send(String method, String pathAndQuery, String body, String key) throws Exception {
        return send(method, pathAndQuery, body, "application/json", key);
    }

    private static HttpResponse<String> send(String method, String pathAndQuery, String body, String contentType, String key)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.url() + pathAndQuery))
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String abbreviated(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
