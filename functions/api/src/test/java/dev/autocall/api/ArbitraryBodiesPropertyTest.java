package dev.autocall.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.json.Json;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever body a client sends, the API answers 2xx, or 4xx with the error shape: no exception escapes.
 * Bodies are random JSON built from the resources' own field names and from values that have broken
 * readers before (fractions, 1e400, huge integers, nulls, times as numbers), sometimes cut short or
 * followed by trailing text.
 */
class ArbitraryBodiesPropertyTest {
    private static final List<String> KEYS = List.of(
            "id", "type", "contact", "data", "phone", "firstName", "lastName", "company", "source",
            "name", "numbers", "forwarding", "number", "ringSeconds", "voicemail", "enabled", "greeting", "audioUrl",
            "maxSeconds", "transcribe", "outboundEnabled", "callsPerSecond", "webhookUrl", "adminNumber", "helpText",
            "compliance", "window", "start", "end", "allowedCountries", "caps", "perMinute", "perDay",
            "perNumberPerDay", "perNumberPer14Days", "maxDeferralDays", "tags", "timeZone", "consent", "voice", "sms",
            "confirmed", "at", "dnd", "optOut", "fields", "to", "purpose");

    private final ApiFixture f = new ApiFixture();

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void postEvent_answers2xxOr4xxWithTheErrorShape(@ForAll("events") String body) {
        assertAnswered(f.call("POST", "/v1/events", body));
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void putWorkspace_answers2xxOr4xxWithTheErrorShape(@ForAll("bodies") String body) {
        assertAnswered(f.call("PUT", "/v1/workspace", body));
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void putContact_answers2xxOr4xxWithTheErrorShape(@ForAll("bodies") String body) {
        assertAnswered(f.call("PUT", "/v1/contacts/+14155550123", body));
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void preflight_answers2xxOr4xxWithTheErrorShape(@ForAll("bodies") String body) {
        assertAnswered(f.call("POST", "/v1/compliance/preflight", body));
    }

    private static void assertAnswered(ApiResponse response) {
        int status = response.status();
        assertTrue(status >= 200 && status < 300 || status >= 400 && status < 500, status + " " + response.body());
        if (status >= 400) {
            JsonNode error = Json.tree(response.body()).path("error");
            assertTrue(error.path("code").isTextual() && error.path("message").isTextual(), response.body());
        }
    }

    /** Mostly events that pass the first checks, so that what is inside contact and data gets tried. */
    @Provide
    Arbitrary<String> events() {
        Arbitrary<String> members = object(2).map(json -> json.substring(1, json.length() - 1));
        Arbitrary<String> event = Combinators.combine(Arbitraries.integers().between(1, 1_000_000), members, object(3))
                .as((n, contact, data) -> "{\"id\": \"e" + n + "\", \"type\": \"lead.created\", \"contact\": {\"phone\": \"+14155550123\""
                        + (contact.isEmpty() ? "" : ", " + contact) + "}, \"data\": " + data + "}");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, event), net.jqwik.api.Tuple.of(1, bodies()));
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> object = object(3);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, object),
                net.jqwik.api.Tuple.of(1, object.map(json -> json + " xyz")),
                net.jqwik.api.Tuple.of(1, object.map(json -> json.substring(0, json.length() / 2))),
                net.jqwik.api.Tuple.of(1, value(2)));
    }

    private static Arbitrary<String> object(int depth) {
        Arbitrary<String> key = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(KEYS)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(8)));
        return Combinators.combine(key, value(depth - 1)).as((k, v) -> Json.write(k) + ": " + v)
                .list().ofMaxSize(6).map(members -> "{" + String.join(", ", members) + "}");
    }

    private static Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.strings().ofMaxLength(12).map(Json::write)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of("+14155550123", "+13125550144", "4155550123", "2026-11-02T15:04:05Z",
                        "+999999999-12-31T10:00:00Z", "strict", "tcpa", "form", "lead.created", "call.missed", "marketing", "US",
                        "America/Chicago", "https://example.com/x", "09:00", "", " ").map(Json::write)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().map(String::valueOf)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of("1.5", "1e400", "-1e999", "99999999999999999999", "0", "-1", "1E2",
                        "true", "false", "null")));
        if (depth <= 0) {
            return scalar;
        }
        Arbitrary<String> array = value(depth - 1).list().ofMaxSize(4).map(items -> "[" + String.join(", ", items) + "]");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, scalar),
                net.jqwik.api.Tuple.of(1, array),
                net.jqwik.api.Tuple.of(3, object(depth)));
    }
}
