package dev.autocall.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.domain.reporting.CallLogColumns;
import dev.autocall.domain.reporting.CallLogCursor;
import dev.autocall.domain.reporting.CallQuery;
import dev.autocall.domain.reporting.CallRow;
import dev.autocall.testing.InMemoryCallRows;
import dev.autocall.testing.SampleWorkspaces;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallLogEndpointsTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Pattern LINK = Pattern.compile("<([^>]+)>; rel=\"next\"");
    private final ApiFixture fixture = new ApiFixture();
    private final InMemoryCallRows rows = new InMemoryCallRows();

    CallLogEndpointsTest() {
        fixture.api.mount(new CallLogEndpoints(rows));
    }

    private ApiResponse get(String path, Map<String, String> query) {
        return fixture.api.handle(new ApiRequest("GET", path, query, Optional.of(fixture.apiKey), Optional.empty(), ""));
    }

    private void seed(int n) {
        String[] names = {"Ada, \"the\" Countess", "Zoë Ñúñez 日本", "two\nlines", "=HYPERLINK(\"x\")", "-minus", "@at", "+plus", null};
        for (int i = 0; i < n; i++) {
            rows.record(SampleWorkspaces.WORKSPACE_ID, new CallRow("req-" + i, i % 3 == 0 ? null : "CA" + i,
                    T0.plusSeconds(i * 60L), i % 2 == 0 ? CallRow.OUTBOUND : CallRow.INBOUND, "+1415555" + String.format("%04d", i),
                    names[i % names.length], i % 4 == 0 ? "wf-1" : null, null, i % 5 == 0 ? "menu" : null,
                    i % 7 == 0 ? "failed" : "completed", i % 7 == 0 ? null : "completed", i % 7 == 0 ? "NO_CONSENT" : null,
                    i % 7 == 0 ? null : i, null, i % 5 == 0 ? "menu=1 rate=5" : null, "+14155550100", i % 2 == 0 ? 1 : null,
                    i % 10 == 9));
        }
    }

    @Test
    void badParameters_are400_namingTheParameter() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("from", "yesterday");
        bad.put("to", "2026-13-01T00:00:00Z");
        bad.put("status", "done");
        bad.put("direction", "sideways");
        bad.put("outcome", "Not An Outcome");
        bad.put("callerId", "4155550100");
        bad.put("test", "yes");
        bad.put("limit", "0");
        bad.put("cursor", "garbage!");
        bad.put("workflow", "");
        for (String path : List.of("/v1/calls", "/v1/calls.csv")) {
            bad.forEach((name, value) -> {
                ApiResponse response = get(path, Map.of(name, value));
                assertEquals(400, response.status(), path + " " + name + "=" + value + ": " + response.body());
                assertEquals(name, ApiFixture.json(response).path("error").path("field").asText(), response.body());
            });
        }
        assertEquals("limit", field(get("/v1/calls", Map.of("limit", "501"))));
        assertEquals("limit", field(get("/v1/calls.csv", Map.of("limit", "10001"))));
        assertEquals("from", field(get("/v1/calls", Map.of("from", "2026-11-02T00:00:00Z", "to", "2026-11-01T00:00:00Z"))));
        assertEquals(200, get("/v1/calls.csv", Map.of("limit", "10000")).status());
        // Found by the API fuzzer: a year-16 bound made an invalid key range (a 500) on DynamoDB.
        assertEquals("to", field(get("/v1/calls.csv", Map.of("to", "0016-10-09T00:34:01.748533-02:43"))));
        assertEquals("from", field(get("/v1/calls", Map.of("from", "2100-01-02T00:00:00Z"))));
    }

    @Test
    void aCursor_ofAnotherWorkspace_orOtherFilters_is400NamingCursor() {
        seed(3);
        String theirs = CallLogCursor.after("ws_other", CallQuery.ALL_LIVE, new CallRow("x", null, T0, "inbound", null, null,
                null, null, null, "completed", null, null, null, null, null, null, null, false));
        String mine = ApiFixture.json(get("/v1/calls", Map.of("limit", "1"))).path("nextCursor").asText();

        assertEquals("cursor", field(get("/v1/calls", Map.of("cursor", theirs))));
        assertEquals("cursor", field(get("/v1/calls", Map.of("cursor", mine, "status", "failed"))));
        assertEquals(200, get("/v1/calls", Map.of("cursor", mine)).status());
    }

    @Test
    void json_showsEveryFieldOfEveryRow_newestFirst_liveCallsUnlessTestIsAsked() {
        seed(20);
        JsonNode page = ApiFixture.json(get("/v1/calls", Map.of()));

        List<String> ids = new ArrayList<>();
        page.path("calls").forEach(c -> ids.add(c.path("id").asText()));
        assertEquals(List.of("req-18", "req-17", "req-16", "req-15", "req-14", "req-13", "req-12", "req-11", "req-10",
                "req-8", "req-7", "req-6", "req-5", "req-4", "req-3", "req-2", "req-1", "req-0"), ids);
        page.path("calls").forEach(c -> assertEquals(CallLogColumns.NAMES, fieldNames(c)));
        assertTrue(page.has("nextCursor"));
        assertTrue(page.path("nextCursor").isNull());
        JsonNode tests = ApiFixture.json(get("/v1/calls", Map.of("test", "true")));
        assertEquals(2, tests.path("calls").size());
        assertEquals("req-19", tests.path("calls").get(0).path("id").asText());
    }

    @Test
    void csv_isTheJsonRows_fieldForField_acrossLinkedPages() throws IOException {
        seed(57);
        List<JsonNode> json = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Map<String, String> query = new LinkedHashMap<>(Map.of("limit", "13"));
            cursor.ifPresent(c -> query.put("cursor", c));
            JsonNode page = ApiFixture.json(get("/v1/calls", query));
            page.path("calls").forEach(json::add);
            cursor = page.path("nextCursor").isNull() ? Optional.empty() : Optional.of(page.path("nextCursor").asText());
        } while (cursor.isPresent());

        List<CSVRecord> csv = new ArrayList<>();
        int pages = 0;
        String path = "/v1/calls.csv";
        Map<String, String> query = new LinkedHashMap<>(Map.of("limit", "10", "direction", "outbound"));
        query.remove("direction");
        while (path != null) {
            ApiResponse response = get(path, query);
            assertEquals(200, response.status(), response.body());
            assertEquals("text/csv; charset=utf-8", response.headers().get("Content-Type"));
            try (CSVParser parser = CSVParser.parse(new StringReader(response.body()),
                    CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
                assertEquals(CallLogColumns.NAMES, parser.getHeaderNames());
                csv.addAll(parser.getRecords());
            }
            pages++;
            String link = response.headers().get("Link");
            if (link == null) {
                path = null;
            } else {
                Matcher m = LINK.matcher(link);
                assertTrue(m.matches(), link);
                String url = m.group(1);
                path = url.substring(0, url.indexOf('?'));
                query = parseQuery(url.substring(url.indexOf('?') + 1));
                assertEquals("10", query.get("limit"));
            }
        }

        assertEquals(6, pages);
        assertEquals(json.size(), csv.size());
        for (int i = 0; i < json.size(); i++) {
            for (String column : CallLogColumns.NAMES) {
                JsonNode value = json.get(i).path(column);
                String expected = value.isNull() ? "" : CallLogEndpoints.guarded(value.isTextual() ? value.asText() : (Object) value.toString());
                assertEquals(expected, csv.get(i).get(column), "row " + i + " column " + column);
            }
        }
        assertTrue(csv.stream().anyMatch(r -> r.get("contactName").equals("two\nlines")));
        assertTrue(csv.stream().anyMatch(r -> r.get("contactName").equals("Zoë Ñúñez 日本")));
        assertTrue(csv.stream().anyMatch(r -> r.get("contactName").equals("'=HYPERLINK(\"x\")")));
        assertTrue(csv.stream().anyMatch(r -> r.get("contactName").equals("'+plus")));
        assertTrue(csv.stream().allMatch(r -> r.get("contact").startsWith("+1415555")));
    }

    @Test
    void csv_keepsFiltersInItsLink_andAPageWithoutMoreHasNoLink() {
        seed(30);
        ApiResponse first = get("/v1/calls.csv", Map.of("limit", "2", "workflow", "wf-1"));
        Matcher m = LINK.matcher(first.headers().get("Link"));
        assertTrue(m.matches());
        Map<String, String> next = parseQuery(m.group(1).substring(m.group(1).indexOf('?') + 1));
        assertEquals("wf-1", next.get("workflow"));
        assertTrue(m.group(1).startsWith("/v1/calls.csv?"));

        ApiResponse all = get("/v1/calls.csv", Map.of("workflow", "wf-1"));
        assertFalse(all.headers().containsKey("Link"));
        assertNull(all.headers().get("Link"));
    }

    @Test
    void otherMethods_are405() {
        ApiResponse response = fixture.api.handle(new ApiRequest("POST", "/v1/calls", Map.of(), Optional.of(fixture.apiKey),
                Optional.of("application/json"), "{}"));
        assertEquals(405, response.status());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String field(ApiResponse response) {
        assertEquals(400, response.status(), response.body());
        return ApiFixture.json(response).path("error").path("field").asText();
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
