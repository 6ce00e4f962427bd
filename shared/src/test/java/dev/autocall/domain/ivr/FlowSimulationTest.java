package dev.autocall.domain.ivr;

import dev.autocall.error.InvalidInputException;
import dev.autocall.json.Json;
import dev.autocall.testing.Fuzz;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.autocall.domain.ivr.IvrFixtures.call;
import static dev.autocall.domain.ivr.IvrFixtures.flow;
import static dev.autocall.domain.ivr.IvrFixtures.hangup;
import static dev.autocall.domain.ivr.IvrFixtures.interpreter;
import static dev.autocall.domain.ivr.IvrFixtures.noFetch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Simulating a flow: keys as a keypad gives them, every waiting node answered, and its answer's JSON shape. */
class FlowSimulationTest {
    private final FlowSimulation simulation = new FlowSimulation(interpreter(noFetch()));

    private static Flow pin() {
        Map<String, FlowNode> nodes = new LinkedHashMap<>();
        nodes.put("pin", new FlowNode.Gather("Enter your PIN, then hash.", null, 4, "#", 5, 1,
                Map.of("1234", "ok", "12", "short"), null, "bad"));
        nodes.put("ok", hangup("confirmed"));
        nodes.put("short", hangup("short"));
        nodes.put("bad", hangup("bad_pin"));
        return flow("pin", nodes);
    }

    record Typed(String keys, String outcome, String heard) {
    }

    @Test
    void keys_should_reachTheFlowAsAKeypadGivesThem() {
        Fuzz.forEach(List.of(
                new Typed("1234", "confirmed", "1234"),
                new Typed("123456", "confirmed", "1234"),
                new Typed("12#34", "short", "12"),
                new Typed("1234#", "confirmed", "1234"),
                new Typed("#", "no_input", ""),
                new Typed("4321", "bad_pin", "4321")), t -> {
            FlowSimulation.Result result = simulation.run(call(pin()), List.of(t.keys()));

            assertEquals(t.outcome(), result.outcome());
            assertEquals(t.heard(), result.path().getFirst().keys());
        });
    }

    @Test
    void runningOutOfKeys_should_countAsNoInput() {
        FlowSimulation.Result result = simulation.run(call(IvrFixtures.appointment()), List.of());

        assertEquals("no_input", result.outcome());
        assertEquals(List.of(), result.keys());
    }

    @Test
    void recordAndDial_should_beAnsweredAsIfByAPerson() {
        Map<String, FlowNode> nodes = new LinkedHashMap<>();
        nodes.put("rec", new FlowNode.Record("Say your name.", 10, false, "agent"));
        nodes.put("agent", new FlowNode.Dial(null, null, 20, false, "after", "missed"));
        nodes.put("after", hangup("talked"));
        nodes.put("missed", hangup("missed"));

        FlowSimulation.Result result = simulation.run(call(flow("rec", nodes)), List.of());

        assertEquals("talked", result.outcome());
        assertEquals(List.of("record", "dial", "hangup"), result.path().stream().map(IvrSession.PathEntry::type).toList());
    }

    /** Eight menus in a ring, each replayed three times and entered ten times: 240 prompts, all legitimate. */
    @Test
    void aLongButFiniteFlow_should_playToItsEnd() {
        Map<String, FlowNode> nodes = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            nodes.put("m" + i, new FlowNode.Gather("Menu " + i + ".", null, 1, null, 5, 3, Map.of("1", "end"),
                    "m" + ((i + 1) % 8), null));
        }
        nodes.put("end", hangup("confirmed"));

        FlowSimulation.Result result = simulation.run(call(flow("m0", nodes)), List.of());

        assertEquals("no_input", result.outcome());
        assertEquals(240, result.path().size());
    }

    @Test
    void keysNoPhoneCanPress_should_beRefused_namingTheEntry() {
        Fuzz.forEach(List.of(Arrays.asList("1", null), List.of("1", "a"), List.of("", "1 2"), List.of("1".repeat(33))), keys -> {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> simulation.run(call(pin()), keys));

            assertEquals("keys[" + (keys.size() == 1 ? 0 : 1) + "]", e.field().orElseThrow());
        });
    }

    @Test
    void tooManyKeys_should_beRefused() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i <= FlowSimulation.MAX_KEYS; i++) {
            keys.add("");
        }

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> simulation.run(call(pin()), keys));

        assertEquals("keys", e.field().orElseThrow());
    }

    @Test
    void theResult_should_serializeAsTheSimulateEndpointAnswers() throws Exception {
        FlowSimulation.Result result = simulation.run(call(IvrFixtures.appointment()), List.of("2"));

        assertEquals(Json.MAPPER.readTree("""
                {"outcome": "rescheduled", "keys": ["2"],
                 "path": [{"node": "greet", "type": "say", "said": "Hi Dana, this is Acme Plumbing about your visit on Tuesday at 4 pm."},
                          {"node": "menu", "type": "gather", "said": "Press 1 to confirm, 2 to reschedule, 3 to cancel.", "keys": "2"},
                          {"node": "move", "type": "sms"},
                          {"node": "moved", "type": "hangup", "said": "We have texted you a link."}],
                 "sms": ["Pick a new time: https://acme.example/r/abc"], "fetches": []}"""),
                Json.MAPPER.readTree(Json.write(result)));
    }
}
