package dev.autocall.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.json.Json;
import dev.autocall.testing.Fuzz;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.autocall.testing.SampleWorkspaces.WORKSPACE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz tests of PUT and publish of IVR flows: any body is saved (200) or refused (400), and a draft that was saved
 * publishes (200) exactly as saved.
 */
class FlowDraftsFuzzTest {
    private static final List<String> SEEDS = List.of("""
            {"name": "Payment reminder", "start": "intro", "optOutKey": "9", "voice": "Polly.Joanna",
             "nodes": {
               "intro": {"type": "say", "text": "Hello {{contact.firstName | \\"\\"}}, invoice {{data.invoice}}.", "next": "balance"},
               "balance": {"type": "fetch", "url": "https://billing.example.com/b?i={{data.invoice}}", "timeoutSeconds": 3, "next": "menu", "onError": "menu"},
               "menu": {"type": "gather", "prompt": "Press 1 for a link, 2 for billing.", "numDigits": 1, "choices": {"1": "link", "2": "billing"}, "noInput": "bye"},
               "link": {"type": "sms", "body": "Pay here: {{fetch.payUrl | \\"https://pay.example.com\\"}}", "next": "bye"},
               "billing": {"type": "dial", "number": "+14155550142", "whisper": "Invoice {{data.invoice}}", "next": "bye", "noAnswer": "message"},
               "message": {"type": "record", "prompt": "Leave a message.", "maxSeconds": 90, "next": "bye"},
               "bye": {"type": "hangup", "say": "Goodbye.", "outcome": "no_input"}}}""", """
            name: One-time code
            start: code
            optOutKey: null
            nodes:
              code: {type: say, digits: "{{data.code}}", repeat: 2, next: wait}
              wait: {type: pause, seconds: 1, next: again}
              again: {type: gather, promptUrl: "https://example.com/again.mp3", attempts: 1, choices: {"1": code}, noInput: end}
              end: {type: play, url: "https://example.com/bye.mp3", next: done}
              done: {type: hangup}
            """);

    private static final List<String> INSERTS = List.of("\\u0080", "\\u0085", "\\ufffe", "\\ud800", "\\u2028",
            "\u0085", "\u2028", "\u00a0", "\uFEFF", "\\n", "\n", "\t", "\"", "{", "}", "{{", "}}", ",", ": ", "- ", "#",
            "&a", "*a", "!!binary ", "4294967301", "null", "yes", "9", "http://", "+1");

    record Put(String contentType, String body) {
    }

    @Test
    void anyBody_should_saveOrBeRefused_and_aSavedDraftPublishesAsSaved() {
        Fuzz.forAll(FlowDraftsFuzzTest::put, FlowDraftsFuzzTest::savesOrRefuses_and_publishesAsSaved);
    }

    /** The seeds themselves save, so the fuzzer starts from flows that publish. */
    @Test
    void theSeeds_should_save() {
        for (String seed : SEEDS) {
            ApiResponse put = call(new ApiFixture(), "PUT", "/v1/flows/seed", "application/yaml", seed);

            assertEquals(200, put.status(), put.body());
        }
    }

    /** A fresh workspace for every try, so one try replays alone. */
    private static void savesOrRefuses_and_publishesAsSaved(Put request) {
        ApiFixture f = new ApiFixture();
        ApiResponse put = call(f, "PUT", "/v1/flows/fuzzed", request.contentType(), request.body());

        assertTrue(put.status() == 200 || put.status() == 400, put.status() + " " + put.body());
        if (put.status() == 200) {
            ApiResponse publish = call(f, "POST", "/v1/flows/fuzzed/publish", "application/json", "");
            int version = Json.tree(publish.body()).path("version").asInt();
            JsonNode published = Json.tree(f.flows.version(WORKSPACE_ID, "fuzzed", version).orElseThrow());

            assertEquals(200, publish.status(), publish.body());
            assertEquals(Json.tree(put.body()).path("definition"), published);
        }
    }

    private static ApiResponse call(ApiFixture f, String method, String path, String contentType, String body) {
        return f.api.handle(new ApiRequest(method, path, Map.of(), Optional.of(f.apiKey), Optional.of(contentType), body));
    }

    /** A seed flow, JSON or YAML, with characters or tokens inserted, cut or replaced, under any Content-Type. */
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
