package dev.autocall.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.json.Json;
import dev.autocall.testing.Fuzz;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever body a client sends, the API answers 2xx, or 4xx with the error shape: no exception escapes.
 * Bodies are random JSON built from the resources' own field names and from values that have broken
 * readers before (fractions, 1e400, huge integers, nulls, times as numbers), sometimes cut short or
 * followed by trailing text.
 */
class ArbitraryBodiesFuzzTest {
    private static final List<String> KEYS = List.of(
            "id", "type", "contact", "data", "phone", "firstName", "lastName", "company", "source",
            "name", "numbers", "forwarding", "number", "ringSeconds", "voicemail", "enabled", "greeting", "audioUrl",
            "maxSeconds", "transcribe", "outboundEnabled", "callsPerSecond", "webhookUrl", "adminNumber", "helpText",
            "compliance", "window", "start", "end", "allowedCountries", "caps", "perMinute", "perDay",
            "perNumberPerDay", "perNumberPer14Days", "maxDeferralDays", "tags", "timeZone", "consent", "voice", "sms",
            "confirmed", "at", "dnd", "optOut", "fields", "to", "purpose", "inbound", "flow");
    private static final List<String> TEXTS = List.of("+14155550123", "+13125550144", "4155550123", "2026-11-02T15:04:05Z",
            "+999999999-12-31T10:00:00Z", "strict", "tcpa", "form", "lead.created", "call.missed", "marketing", "US",
            "America/Chicago", "https://example.com/x", "09:00", "", " ");
    private static final List<String> RAW = List.of("1.5", "1e400", "-1e999", "99999999999999999999", "0", "-1", "1E2",
            "true", "false", "null");

    private final ApiFixture f = new ApiFixture();

    @Test
    void postEvent_answers2xxOr4xxWithTheErrorShape() {
        Fuzz.forAll(400, ArbitraryBodiesFuzzTest::event, body -> assertAnswered(f.call("POST", "/v1/events", body)));
    }

    @Test
    void putWorkspace_answers2xxOr4xxWithTheErrorShape() {
        Fuzz.forAll(400, ArbitraryBodiesFuzzTest::body, body -> assertAnswered(f.call("PUT", "/v1/workspace", body)));
    }

    @Test
    void putContact_answers2xxOr4xxWithTheErrorShape() {
        Fuzz.forAll(400, ArbitraryBodiesFuzzTest::body, body -> assertAnswered(f.call("PUT", "/v1/contacts/+14155550123", body)));
    }

    @Test
    void preflight_answers2xxOr4xxWithTheErrorShape() {
        Fuzz.forAll(200, ArbitraryBodiesFuzzTest::body, body -> assertAnswered(f.call("POST", "/v1/compliance/preflight", body)));
    }

    @Test
    void rotateWebhookSecret_answers2xxOr4xxWithTheErrorShape() {
        Fuzz.forAll(200, ArbitraryBodiesFuzzTest::body, body -> assertAnswered(f.call("POST", "/v1/webhooks/secret", body)));
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
    private static String event(Fuzz fuzz) {
        if (fuzz.chance(0.25)) {
            return body(fuzz);
        }
        String contact = object(fuzz, 2);
        String members = contact.substring(1, contact.length() - 1);
        return "{\"id\": \"e" + fuzz.intBetween(1, 1_000_000) + "\", \"type\": \"lead.created\", \"contact\": {\"phone\": \"+14155550123\""
                + (members.isEmpty() ? "" : ", " + members) + "}, \"data\": " + object(fuzz, 3) + "}";
    }

    private static String body(Fuzz fuzz) {
        String object = object(fuzz, 3);
        int kind = fuzz.intBetween(1, 11);
        if (kind <= 8) {
            return object;
        }
        return switch (kind) {
            case 9 -> object + " xyz";
            case 10 -> object.substring(0, object.length() / 2);
            default -> value(fuzz, 2);
        };
    }

    private static String object(Fuzz fuzz, int depth) {
        List<String> members = fuzz.listOf(0, 6, () -> Json.write(fuzz.chance(6.0 / 7) ? fuzz.pick(KEYS) : fuzz.string(8))
                + ": " + value(fuzz, depth - 1));
        return "{" + String.join(", ", members) + "}";
    }

    private static String value(Fuzz fuzz, int depth) {
        int kind = fuzz.intBetween(1, depth <= 0 ? 12 : 20);
        if (kind <= 4) {
            return Json.write(fuzz.string(12));
        } else if (kind <= 7) {
            return Json.write(fuzz.pick(TEXTS));
        } else if (kind <= 10) {
            return String.valueOf(fuzz.anyInt());
        } else if (kind <= 12) {
            return fuzz.pick(RAW);
        } else if (kind <= 16) {
            return value(fuzz, 0);
        } else if (kind == 17) {
            return "[" + String.join(", ", fuzz.listOf(0, 4, () -> value(fuzz, depth - 1))) + "]";
        }
        return object(fuzz, depth);
    }
}
