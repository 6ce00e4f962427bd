package dev.autocall.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.autocall.domain.compliance.ComplianceGate;
import dev.autocall.domain.compliance.ComplianceRules;
import dev.autocall.json.Json;
import dev.autocall.testing.InMemoryCapStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.autocall.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Methods, unknown routes and unexpected failures: every request gets a JSON answer in the error shape. */
class RoutingTest {
    private final ApiFixture f = new ApiFixture();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "DELETE | /v1/workspace                       | GET, HEAD, PUT",
            "GET    | /v1/events                          | POST",
            "PUT    | /v1/compliance/preflight            | POST",
            "POST   | /v1/tasks                           | GET, HEAD",
            "DELETE | /v1/contacts/+14155550123           | GET, HEAD, PUT",
            "POST   | /v1/contacts/+14155550123/thread    | GET, HEAD",
            "GET    | /v1/workflows/follow-up/publish     | POST",
            "PATCH  | /v1/workflows/follow-up             | GET, HEAD, PUT"})
    void handle_should_answer405WithAnAllowHeader_when_thePathDoesNotTakeTheMethod(String method, String path, String allow) {
        ApiResponse response = f.call(method, path, "");

        assertEquals(405, response.status(), response.body());
        assertEquals(allow, response.headers().get("Allow"));
        assertEquals("method_not_allowed", json(response).at("/error/code").asText());
    }

    @Test
    void head_should_answerAsGetWithoutABody() {
        ApiResponse get = f.call("GET", "/v1/workspace", "");
        ApiResponse head = f.call("HEAD", "/v1/workspace", "");

        assertEquals(200, get.status());
        assertEquals(200, head.status());
        assertEquals("", head.body());
        assertEquals(404, f.call("HEAD", "/v1/contacts/+14155550199", "").status());
    }

    @ParameterizedTest
    @CsvSource({"/v1/nothing-here", "/", "/twilio/voice/inbound", "/v2/workspace"})
    void handle_should_answer404InTheErrorShape_when_noRouteMatches(String path) {
        ApiResponse response = f.call("GET", path, "");

        assertEquals(404, response.status());
        assertEquals("not_found", json(response).at("/error/code").asText());
    }

    @Test
    void handleRequest_should_answerAJson500WithTheRequestId_andLogTheCauseWithoutPhoneNumbers_when_somethingUnexpectedFails() {
        // GIVEN a queue that fails in a way nobody planned for
        ManagementApi api = new ManagementApi(f.workspaces, f.contacts, f.workflows, f.flows, f.runs,
                event -> {
                    throw new IllegalStateException("queue refused the event for +14155550123");
                },
                new ComplianceGate(f.workspaces, f.contacts, new InMemoryCapStore(), new ComplianceRules(), f.clock), f.webhookSecrets, ApiFixture.NO_SERVER, f.clock);
        List<String> logged = new ArrayList<>();
        Logger logger = Logger.getLogger(ApiHandler.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRawPath("/v1/events")
                .withHeaders(Map.of("authorization", "Bearer " + f.apiKey, "content-type", "application/json"))
                .withBody("{\"id\": \"e1\", \"type\": \"lead.created\", \"contact\": {\"phone\": \"+14155550123\"}}")
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-42")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath("/v1/events").build())
                        .build())
                .build();

        // WHEN
        APIGatewayV2HTTPResponse response;
        try {
            response = new ApiHandler(api).handleRequest(event, null);
        } finally {
            logger.removeHandler(capture);
        }

        // THEN
        assertEquals(500, response.getStatusCode());
        assertEquals("internal", Json.tree(response.getBody()).at("/error/code").asText());
        assertEquals("req-42", Json.tree(response.getBody()).at("/error/requestId").asText());
        assertTrue(logged.stream().anyMatch(l -> l.contains("req-42") && l.contains("IllegalStateException")), logged.toString());
        assertFalse(logged.stream().anyMatch(l -> l.contains("4155550123")), logged.toString());
    }

    @Test
    void handleRequest_should_passAllowThrough_onA405() {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRawPath("/v1/events")
                .withHeaders(Map.of("authorization", "Bearer " + f.apiKey))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-43")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath("/v1/events").build())
                        .build())
                .build();

        APIGatewayV2HTTPResponse response = new ApiHandler(f.api).handleRequest(event, null);

        assertEquals(405, response.getStatusCode());
        assertEquals("POST", response.getHeaders().get("Allow"));
    }
}
