package dev.autocall.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocall.domain.reporting.CallRow;
import dev.autocall.json.Json;
import dev.autocall.testing.InMemoryAnalyticsCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static dev.autocall.testing.SampleWorkspaces.WORKSPACE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** GET /v1/analytics through the management API, over in-memory counters filled as the call log fills them. */
class AnalyticsEndpointsTest {
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private final ApiFixture fixture = new ApiFixture();
    private final InMemoryAnalyticsCounters counters = new InMemoryAnalyticsCounters();

    AnalyticsEndpointsTest() {
        fixture.api.mount(new AnalyticsEndpoints(fixture.workspaces, counters, fixture.clock));
        // Fixture's clock: 2026-11-02T15:00Z, 09:00 in Chicago.
        count("r1", "2026-11-02T14:00:00Z", "confirmed", "c1", "+13125550100");
        count("r2", "2026-11-02T05:30:00Z", "no_answer", "c1", "+13125550101"); // 23:30 on Nov 1 in Chicago
        count("r3", "2026-10-20T15:00:00Z", "voicemail", null, "+13125550100");
    }

    @Test
    void analytics_should_answerTheLast30DaysInTheWorkspacesZone() {
        // GIVEN
        putTimeZone("\"America/Chicago\"");

        // WHEN
        ApiResponse response = get(Map.of());

        // THEN
        assertEquals(200, response.status(), response.body());
        JsonNode body = ApiFixture.json(response);
        assertEquals("2026-10-04", body.path("from").asText());
        assertEquals("2026-11-02", body.path("to").asText());
        assertEquals("America/Chicago", body.path("timeZone").asText());
        assertEquals(3, body.path("attempted").asInt());
        assertEquals(2, body.path("connected").asInt());
        assertEquals(0.6667, body.path("connectRate").asDouble());
        assertEquals(1, body.path("completed").asInt());
        assertEquals(0.5, body.path("completionRate").asDouble());
        assertEquals(1, body.at("/outcomes/no_answer").asInt());
        assertEquals(30, body.path("trend").size());
        assertEquals("2026-11-01", body.at("/trend/28/start").asText());
        assertEquals(1, body.at("/trend/28/attempted").asInt());
        assertEquals("+13125550100", body.at("/byCallerId/0/callerId").asText());
        assertEquals(1.0, body.at("/byCallerId/0/connectRate").asDouble());
    }

    @Test
    void analytics_should_filterByCampaign_andBucketByWeek() {
        ApiResponse response = get(Map.of("campaign", "c1", "granularity", "week", "from", "2026-10-26", "to", "2026-11-08"));

        assertEquals(200, response.status(), response.body());
        JsonNode body = ApiFixture.json(response);
        assertEquals(2, body.path("attempted").asInt());
        assertEquals("week", body.path("granularity").asText());
        assertEquals(2, body.path("trend").size());
        assertEquals("2026-10-26", body.at("/trend/0/start").asText());
        assertEquals("2026-11-02", body.at("/trend/1/start").asText());
    }

    @Test
    void analytics_should_countDaysInTheZoneOfTheFirstNumber_when_noTimeZoneIsSet() {
        // The sample workspace's number is in San Francisco.
        JsonNode body = ApiFixture.json(get(Map.of()));

        assertEquals("America/Los_Angeles", body.path("timeZone").asText());
    }

    @Test
    void workspace_should_keepTheTimeZoneItWasGiven_andForgetIt_when_setToNull() {
        putTimeZone("\"Asia/Kolkata\"");
        assertEquals("Asia/Kolkata", ApiFixture.json(fixture.call("GET", "/v1/workspace", "")).path("timeZone").asText());
        assertEquals("Asia/Kolkata", ApiFixture.json(get(Map.of())).path("timeZone").asText());

        putTimeZone("null");
        assertFalse(ApiFixture.json(fixture.call("GET", "/v1/workspace", "")).has("timeZone"));
        assertEquals("America/Los_Angeles", ApiFixture.json(get(Map.of())).path("timeZone").asText());
    }

    @ParameterizedTest(name = "{0}={1} → 400 naming {2}")
    @CsvSource(delimiter = '|', textBlock = """
            from        | last-week   | from
            to          | 2026-02-30  | to
            granularity | year        | granularity
            callerId    | 3125550100  | callerId
            from        | 2027-01-01  | from
            """)
    void analytics_should_answer400NamingTheParameter_when_itIsBad(String name, String value, String field) {
        ApiResponse response = get(Map.of(name, value));

        assertEquals(400, response.status(), response.body());
        assertEquals(field, ApiFixture.json(response).at("/error/field").asText());
    }

    @Test
    void analytics_should_answer400NamingTheSecondFilter_when_twoAreGiven() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("campaign", "c1");
        query.put("workflow", "w1");

        ApiResponse response = get(query);

        assertEquals(400, response.status());
        assertEquals("campaign", ApiFixture.json(response).at("/error/field").asText());
    }

    @Test
    void analytics_should_answer405_when_notAGet() {
        assertEquals(405, fixture.call("POST", "/v1/analytics", "{}").status());
    }

    private ApiResponse get(Map<String, String> query) {
        return fixture.api.handle(new ApiRequest("GET", "/v1/analytics", query, Optional.of(fixture.apiKey), Optional.empty(), ""));
    }

    private void putTimeZone(String zone) {
        ObjectNode workspace = (ObjectNode) ApiFixture.json(fixture.call("GET", "/v1/workspace", ""));
        workspace.set("timeZone", Json.tree(zone));
        ApiResponse put = fixture.call("PUT", "/v1/workspace", workspace.toString());
        assertEquals(200, put.status(), put.body());
    }

    private void count(String id, String at, String outcome, String campaign, String callerId) {
        counters.count(WORKSPACE_ID, new CallRow(id, "CA" + id, Instant.parse(at), CallRow.OUTBOUND, "+13125550199", null,
                null, campaign, null, "completed", outcome, null, 30, null, null, callerId, 1, false), CHICAGO);
    }
}
