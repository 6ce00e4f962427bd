package dev.autocall.domain.ivr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.domain.ivr.IvrFixtures.ScriptedFetcher;
import dev.autocall.domain.voice.Callback;
import dev.autocall.domain.voice.VoiceInstruction;
import dev.autocall.domain.voice.VoiceInstruction.Hangup;
import dev.autocall.domain.voice.VoiceInstruction.Say;
import dev.autocall.json.Json;
import dev.autocall.testing.Fuzz;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.autocall.domain.ivr.IvrFixtures.call;
import static dev.autocall.domain.ivr.IvrFixtures.flow;
import static dev.autocall.domain.ivr.IvrFixtures.hangup;
import static dev.autocall.domain.ivr.IvrFixtures.interpreter;
import static dev.autocall.domain.ivr.IvrFixtures.say;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fetch node: what is posted, which answers are used, and where a failed one goes. */
class FetchNodeTest {
    private static Say said(String text) {
        return new Say(text, "Polly.Joanna", "en-US");
    }

    /** lookup (fetch) → done, or the answer's next (other); onError → sorry. */
    private static Flow lookup(String onError) {
        Map<String, FlowNode> nodes = new LinkedHashMap<>();
        nodes.put("lookup", new FlowNode.Fetch("https://acme.example/hooks/{{data.kind}}", 3, "done", onError));
        nodes.put("done", say("Balance {{fetch.balance | \"unknown\"}}.", null));
        nodes.put("other", hangup("other"));
        nodes.put("sorry", hangup("failed_lookup"));
        return flow("lookup", nodes);
    }

    private static FlowCall lookupCall(String onError) {
        return call(lookup(onError), Map.of("firstName", "Dana"), Map.of("kind", "balance"));
    }

    record Answer(String name, Fetcher.Response response, List<VoiceInstruction> heard, String outcome, boolean failed) {
    }

    private static Fetcher.Response ok(String body) {
        return new Fetcher.Response(200, body, null);
    }

    private static final List<VoiceInstruction> DEFAULT_BALANCE = List.of(said("Balance unknown."), new Hangup());
    private static final List<VoiceInstruction> ON_ERROR = List.of(new Hangup());

    @Test
    void answers_should_beUsed_when_wellFormed_and_goToOnError_otherwise() {
        Fuzz.forEach(List.of(
                new Answer("say, next and vars", ok("{\"say\": \"Found it.\", \"next\": \"other\", \"vars\": {\"balance\": 12}}"),
                        List.of(said("Found it."), new Hangup()), "other", false),
                new Answer("vars only", ok("{\"vars\": {\"balance\": \"$12.50\", \"vip\": true, \"rate\": 1.5}}"),
                        List.of(said("Balance $12.50."), new Hangup()), "completed", false),
                new Answer("empty object", ok("{}"), DEFAULT_BALANCE, "completed", false),
                new Answer("empty body", new Fetcher.Response(204, "", null), DEFAULT_BALANCE, "completed", false),
                new Answer("extra fields", ok("{\"ignored\": [1], \"say\": null, \"next\": null}"), DEFAULT_BALANCE, "completed", false),
                new Answer("timeout", new Fetcher.Response(0, null, "timed out after 3 s"), ON_ERROR, "failed_lookup", true),
                new Answer("non-2xx", new Fetcher.Response(500, "{\"say\": \"oops\"}", null), ON_ERROR, "failed_lookup", true),
                new Answer("redirect", new Fetcher.Response(302, "", null), ON_ERROR, "failed_lookup", true),
                new Answer("not json", ok("<html>hi</html>"), ON_ERROR, "failed_lookup", true),
                new Answer("trailing text", ok("{} {}"), ON_ERROR, "failed_lookup", true),
                new Answer("an array", ok("[1]"), ON_ERROR, "failed_lookup", true),
                new Answer("a string", ok("\"hi\""), ON_ERROR, "failed_lookup", true),
                new Answer("unknown next", ok("{\"next\": \"nowhere\"}"), ON_ERROR, "failed_lookup", true),
                new Answer("next not text", ok("{\"next\": 1}"), ON_ERROR, "failed_lookup", true),
                new Answer("say not text", ok("{\"say\": 5}"), ON_ERROR, "failed_lookup", true),
                new Answer("say with a control character", ok("{\"say\": \"a\\u0000b\"}"), ON_ERROR, "failed_lookup", true),
                new Answer("vars not an object", ok("{\"vars\": [1]}"), ON_ERROR, "failed_lookup", true),
                new Answer("a var not scalar", ok("{\"vars\": {\"a\": {\"b\": 1}}}"), ON_ERROR, "failed_lookup", true),
                new Answer("a var named oddly", ok("{\"vars\": {\"a-b\": 1}}"), ON_ERROR, "failed_lookup", true)), a -> {
            FlowCall call = lookupCall("sorry");

            Turn turn = interpreter(new ScriptedFetcher(a.response())).start(call);

            assertEquals(a.heard(), turn.instructions(), a.name());
            assertEquals(a.outcome(), turn.session().finalOutcome(), a.name());
            assertEquals(1, turn.fetches().size());
            Turn.FetchLog log = turn.fetches().getFirst();
            assertEquals("https://acme.example/hooks/balance", log.url());
            assertEquals(a.response().status(), log.status());
            assertEquals(a.failed(), log.error() != null, a.name() + ": " + log.error());
        });
    }

    @Test
    void aFailedFetchWithoutOnError_should_apologizeAndHangUp_keepingTheOutcome() {
        Turn turn = interpreter(ScriptedFetcher.answering(500, "")).start(lookupCall(null));

        assertEquals(List.of(said(FlowInterpreter.ERROR_GOODBYE), new Hangup()), turn.instructions());
        assertNull(turn.session().outcome());
        assertEquals("completed", turn.session().finalOutcome());
    }

    @Test
    void aFetcherThatThrows_should_goToOnError() {
        Fetcher broken = (workspace, url, json, timeout) -> {
            throw new IllegalStateException("bug");
        };

        Turn turn = interpreter(broken).start(lookupCall("sorry"));

        assertEquals("failed_lookup", turn.session().finalOutcome());
        assertNotNull(turn.fetches().getFirst().error());
    }

    @Test
    void aFetchAfterSpeech_should_redirectFirst_and_fetchOnTheNextTurn() {
        Map<String, FlowNode> nodes = new LinkedHashMap<>(lookup("sorry").nodes());
        nodes.put("hello", say("One moment.", "lookup"));
        Flow flow = flow("hello", nodes);
        FlowCall call = call(flow);
        ScriptedFetcher server = ScriptedFetcher.answering(200, "{\"vars\": {\"balance\": 7}}");
        FlowInterpreter interpreter = interpreter(server);

        Turn first = interpreter.start(call);

        assertEquals(List.of(said("One moment."), new VoiceInstruction.Redirect(
                new Callback(Callback.Kind.IVR, Map.of("call", "CA0001", "turn", "1")))), first.instructions());
        assertEquals("lookup", first.session().waiting());
        assertTrue(server.requests.isEmpty());

        Turn second = interpreter.resume(call, first.session(), new FlowInput.Continue());

        assertEquals(1, server.requests.size());
        assertEquals(List.of(said("Balance 7."), new Hangup()), second.instructions());
        assertEquals(Map.of("lookup", 1, "hello", 1, "done", 1), second.session().visits());
    }

    /** Two slow servers in one webhook answer would keep Twilio waiting past its own timeout. */
    @Test
    void aSecondFetchInOneTurn_should_waitForTheNextTurn_evenWithNothingSaid() {
        Map<String, FlowNode> nodes = new LinkedHashMap<>();
        nodes.put("a", new FlowNode.Fetch("https://acme.example/a", 10, "b", null));
        nodes.put("b", new FlowNode.Fetch("https://acme.example/b", 10, "end", null));
        nodes.put("end", hangup("confirmed"));
        ScriptedFetcher server = ScriptedFetcher.answering(200, "{}");
        FlowInterpreter interpreter = interpreter(server);
        FlowCall call = call(flow("a", nodes));

        Turn first = interpreter.start(call);

        assertEquals(1, server.requests.size());
        assertEquals(List.of(new VoiceInstruction.Redirect(
                new Callback(Callback.Kind.IVR, Map.of("call", "CA0001", "turn", "1")))), first.instructions());
        assertEquals("b", first.session().waiting());

        Turn second = interpreter.resume(call, first.session(), new FlowInput.Continue());

        assertEquals(2, server.requests.size());
        assertEquals("confirmed", second.session().outcome());
    }

    @Test
    void theRequest_should_carryTheVarsAndKeysSoFar_and_theNodesTimeout() throws Exception {
        Map<String, FlowNode> nodes = new LinkedHashMap<>();
        nodes.put("first", new FlowNode.Fetch("https://acme.example/a", 2, "menu", null));
        nodes.put("menu", new FlowNode.Gather("Press 1.", null, 1, null, 5, 1, Map.of("1", "second"), null, null));
        nodes.put("second", new FlowNode.Fetch("https://acme.example/b", 0, "end", null));
        nodes.put("end", hangup("confirmed"));
        ScriptedFetcher server = new ScriptedFetcher(ok("{\"vars\": {\"account\": \"A-17\"}}"), ok("{}"));

        FlowSimulation.Result result = new FlowSimulation(interpreter(server)).run(call(flow("first", nodes)), List.of("1"));

        assertEquals("confirmed", result.outcome());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(5)),
                server.requests.stream().map(ScriptedFetcher.Request::timeout).toList());
        JsonNode second = Json.MAPPER.readTree(server.requests.get(1).json());
        assertEquals("second", second.path("node").asText());
        assertEquals("A-17", second.path("vars").path("account").asText());
        assertEquals(Json.MAPPER.readTree("[{\"node\": \"menu\", \"keys\": \"1\"}]"), second.path("keys"));
        assertEquals(2, result.fetches().size());
    }

    @Test
    void aNullVar_should_forgetIt() {
        Map<String, FlowNode> nodes = new LinkedHashMap<>();
        nodes.put("a", new FlowNode.Fetch("https://acme.example/a", 2, "b", null));
        nodes.put("b", new FlowNode.Fetch("https://acme.example/b", 2, "done", null));
        nodes.put("done", say("Balance {{fetch.balance | \"unknown\"}}.", null));
        ScriptedFetcher server = new ScriptedFetcher(ok("{\"vars\": {\"balance\": 3}}"), ok("{\"vars\": {\"balance\": null}}"));

        FlowSimulation.Result result = new FlowSimulation(interpreter(server)).run(call(flow("a", nodes)), List.of());

        assertEquals("Balance unknown.", result.path().getLast().said());
    }

    @Test
    void tooManyVars_should_beRefused() {
        StringBuilder vars = new StringBuilder();
        for (int i = 0; i <= FetchExchange.MAX_VARS; i++) {
            vars.append(i == 0 ? "" : ",").append("\"v").append(i).append("\": ").append(i);
        }

        Turn turn = interpreter(ScriptedFetcher.answering(200, "{\"vars\": {" + vars + "}}")).start(lookupCall("sorry"));

        assertEquals("failed_lookup", turn.session().finalOutcome());
        assertTrue(turn.session().vars().isEmpty());
    }
}
