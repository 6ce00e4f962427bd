package dev.autocall.domain.ivr;

import dev.autocall.domain.voice.Callback;
import dev.autocall.domain.voice.VoiceInstruction;
import dev.autocall.testing.Fuzz;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.autocall.domain.ivr.IvrFixtures.call;
import static dev.autocall.domain.ivr.IvrFixtures.interpreter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random flows (random graphs of every node type, loops included) played with random keys and random server answers:
 * every call ends, within bounds, with an outcome word, and the session stays consistent on every turn.
 */
class FlowInterpreterFuzzTest {
    private static final Pattern OUTCOME = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final List<String> TEXTS = List.of("Hello.", "Hi {{contact.firstName | \"there\"}}.",
            "{{data.when}}", "Balance {{fetch.balance | \"unknown\"}}.", "You pressed {{keys}}.", "{{fetch.next}}",
            "This is {{workspace.name}}.");
    private static final List<String> KEYS = List.of("", "", "1", "2", "3", "9", "12", "#", "*", "0");

    record Played(Flow flow, Map<String, Fetcher.Response> answers, List<String> keys) {
    }

    @Test
    void anyFlow_should_endWithinBounds_withAValidOutcome() {
        Fuzz.forAll(FlowInterpreterFuzzTest::played, played -> {
            FlowInterpreter interpreter = interpreter(fetcher(played.answers()));
            FlowCall call = call(played.flow());
            Turn turn = interpreter.start(call);
            check(played.flow(), turn, 1);
            int pressed = 0;
            int turns = 1;
            while (!turn.session().ended()) {
                assertTrue(turns++ <= FlowSimulation.maxTurns(played.flow()), "more than "
                        + FlowSimulation.maxTurns(played.flow()) + " turns");
                FlowInput input = switch (played.flow().node(turn.session().waiting())) {
                    case FlowNode.Gather g -> new FlowInput.Keys(pressed < played.keys().size() ? played.keys().get(pressed++) : "");
                    case FlowNode.Record r -> new FlowInput.Recorded(null, 3);
                    case FlowNode.Dial d -> new FlowInput.Dialed(pressed % 2 == 0, "completed");
                    case FlowNode.Fetch f -> new FlowInput.Continue();
                    default -> throw new AssertionError("waits at " + turn.session().waiting());
                };
                turn = interpreter.resume(call, turn.session(), input);
                check(played.flow(), turn, turns);
            }
            IvrSession session = turn.session();
            assertTrue(OUTCOME.matcher(session.finalOutcome()).matches(), session.finalOutcome());

            FlowSimulation.Result simulated = new FlowSimulation(interpreter).run(call, played.keys());
            assertTrue(OUTCOME.matcher(simulated.outcome()).matches(), simulated.outcome());
        });
    }

    /** What every turn keeps true. */
    private static void check(Flow flow, Turn turn, int number) {
        IvrSession session = turn.session();
        assertEquals(number, session.turn());
        session.visits().forEach((node, visits) -> assertTrue(visits <= Flow.MAX_VISITS + 1, node + " entered " + visits + " times"));
        session.keys().forEach(k -> {
            assertInstanceOf(FlowNode.Gather.class, flow.node(k.node()), k.node() + " is not a gather");
            assertTrue(!k.keys().isEmpty(), "an empty key press was recorded");
        });
        session.path().forEach(p -> assertEquals(flow.node(p.node()).type().wire(), p.type()));
        assertTrue(!turn.instructions().isEmpty(), "a turn says or does nothing");
        assertTrue(turn.fetches().size() <= 1, "a turn made " + turn.fetches().size() + " fetches");
        VoiceInstruction last = turn.instructions().getLast();
        if (session.ended()) {
            assertInstanceOf(VoiceInstruction.Hangup.class, last);
            assertEquals(null, session.waiting());
        } else {
            Callback action = switch (last) {
                case VoiceInstruction.Gather g -> g.action();
                case VoiceInstruction.Record r -> r.action();
                case VoiceInstruction.Dial d -> d.action();
                case VoiceInstruction.Redirect r -> r.to();
                default -> throw new AssertionError("a waiting turn ends with " + last);
            };
            assertEquals(String.valueOf(number), action.params().get("turn"));
            FlowNode waiting = flow.node(session.waiting());
            assertEquals(switch (waiting) {
                case FlowNode.Gather g -> VoiceInstruction.Gather.class;
                case FlowNode.Record r -> VoiceInstruction.Record.class;
                case FlowNode.Dial d -> VoiceInstruction.Dial.class;
                case FlowNode.Fetch f -> VoiceInstruction.Redirect.class;
                default -> throw new AssertionError("waits at a " + waiting.type());
            }, last.getClass());
        }
        turn.instructions().stream().filter(i -> i instanceof VoiceInstruction.Say)
                .forEach(i -> assertTrue(!((VoiceInstruction.Say) i).text().isBlank(), "a blank say"));
    }

    private static Fetcher fetcher(Map<String, Fetcher.Response> answers) {
        return (workspace, url, json, timeout) -> {
            assertTrue(!timeout.isNegative() && timeout.compareTo(Duration.ofSeconds(10)) <= 0, "timeout " + timeout);
            return answers.get(url.substring(url.lastIndexOf('/') + 1));
        };
    }

    private static Played played(Fuzz fuzz) {
        int size = fuzz.intBetween(1, 8);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ids.add("n" + i);
        }
        Map<String, FlowNode> nodes = new LinkedHashMap<>();
        Map<String, Fetcher.Response> answers = new HashMap<>();
        for (String id : ids) {
            FlowNode node = node(fuzz, id, ids);
            nodes.put(id, node);
            if (node instanceof FlowNode.Fetch) {
                answers.put(id, answer(fuzz, ids));
            }
        }
        Flow flow = new Flow("fuzz", "n0", fuzz.orNull(0.3, () -> fuzz.pick("9", "0", "*")), fuzz.orNull(0.5, () -> "Polly.Joanna"),
                null, nodes);
        return new Played(flow, answers, fuzz.listOf(0, 40, () -> fuzz.pick(KEYS)));
    }

    private static FlowNode node(Fuzz fuzz, String id, List<String> ids) {
        return switch (fuzz.intBetween(0, 8)) {
            case 0 -> fuzz.bool()
                    ? new FlowNode.Say(fuzz.pick(TEXTS), null, fuzz.intBetween(1, 3), null, null, target(fuzz, ids))
                    : new FlowNode.Say(null, fuzz.pick("{{data.code}}", "12 34", "{{fetch.balance}}", ""), fuzz.intBetween(1, 2),
                    null, null, target(fuzz, ids));
            case 1 -> new FlowNode.Play("https://acme.example/a.mp3", target(fuzz, ids));
            case 2 -> new FlowNode.Pause(fuzz.intBetween(1, 3), target(fuzz, ids));
            case 3 -> new FlowNode.Sms(fuzz.pick(TEXTS), target(fuzz, ids));
            case 4 -> new FlowNode.Hangup(fuzz.orNull(0.5, () -> fuzz.pick(TEXTS)),
                    fuzz.orNull(0.3, () -> fuzz.pick("confirmed", "declined", "my_outcome")));
            case 5 -> {
                Map<String, String> choices = new HashMap<>();
                for (int i = fuzz.intBetween(0, 4); i > 0; i--) {
                    choices.put(fuzz.pick("1", "2", "3", "9", "12"), fuzz.pick(ids));
                }
                yield new FlowNode.Gather(fuzz.orNull(0.2, () -> fuzz.pick(TEXTS)), fuzz.orNull(0.7, () -> "https://acme.example/m.mp3"),
                        fuzz.intBetween(1, 2), fuzz.orNull(0.5, () -> "#"), 5, fuzz.intBetween(1, 3), choices,
                        target(fuzz, ids), target(fuzz, ids));
            }
            case 6 -> new FlowNode.Record(fuzz.orNull(0.5, () -> fuzz.pick(TEXTS)), 30, fuzz.bool(), target(fuzz, ids));
            case 7 -> new FlowNode.Dial(fuzz.orNull(0.5, () -> fuzz.pick("+14155550199", "{{data.agent}}")),
                    fuzz.orNull(0.5, () -> "A call."), 20, fuzz.bool(), target(fuzz, ids), target(fuzz, ids));
            default -> new FlowNode.Fetch("https://acme.example/hooks/" + id, fuzz.intBetween(0, 10), target(fuzz, ids),
                    target(fuzz, ids));
        };
    }

    private static String target(Fuzz fuzz, List<String> ids) {
        return fuzz.orNull(0.25, () -> fuzz.pick(ids));
    }

    private static Fetcher.Response answer(Fuzz fuzz, List<String> ids) {
        return switch (fuzz.intBetween(0, 5)) {
            case 0 -> new Fetcher.Response(0, null, "timed out");
            case 1 -> new Fetcher.Response(fuzz.pick(301, 404, 500, 503), "{}", null);
            case 2 -> new Fetcher.Response(200, fuzz.pick("", "{", "[]", "null", "{\"next\": \"nowhere\"}", "{\"vars\": 1}"), null);
            default -> new Fetcher.Response(200, "{\"say\": \"" + fuzz.pick("Ok.", " ", "Found.") + "\""
                    + (fuzz.bool() ? ", \"next\": \"" + fuzz.pick(ids) + "\"" : "")
                    + ", \"vars\": {\"balance\": " + fuzz.intBetween(0, 100) + ", \"next\": \"" + fuzz.pick(ids) + "\"}}", null);
        };
    }
}
