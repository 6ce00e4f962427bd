package dev.autocall.domain.ivr;

import dev.autocall.error.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Plays a flow without a phone call, on the same interpreter that serves the provider, so a business can try its
 * flow before a customer hears it. Each prompt a gather plays (a replay too) takes the next entry of the keys, as a
 * phone's keypad would give them: cut at the gather's finishOnKey and after its numDigits; {@code ""} or no entry
 * left is no input. A record node records nothing, a dial is answered and ends normally, and a fetch is really made.
 */
public final class FlowSimulation {
    public static final int MAX_KEYS = 500;
    private static final Pattern KEYS = Pattern.compile("[0-9*#]{0,32}");

    private final FlowInterpreter interpreter;

    public FlowSimulation(FlowInterpreter interpreter) {
        this.interpreter = interpreter;
    }

    /**
     * What a simulated call did.
     *
     * @param keys    every key sequence pressed, in order
     * @param path    every node entered (a gather once per prompt played), with what was said and the keys it got
     * @param sms     the texts the call would send
     * @param fetches every fetch made, with its status, time and error
     */
    public record Result(String outcome, List<String> keys, List<IvrSession.PathEntry> path, List<String> sms,
                         List<Turn.FetchLog> fetches) {
        public Result {
            keys = List.copyOf(keys);
            path = List.copyOf(path);
            sms = List.copyOf(sms);
            fetches = List.copyOf(fetches);
        }
    }

    /**
     * @param keys one entry per gather prompt: the keys pressed (digits, * and #), {@code ""} for none
     * @throws InvalidInputException naming {@code keys} when an entry is not keys a phone can press
     */
    public Result run(FlowCall call, List<String> keys) {
        check(keys);
        List<String> sms = new ArrayList<>();
        List<Turn.FetchLog> fetches = new ArrayList<>();
        Turn turn = interpreter.start(call);
        int pressed = 0;
        for (int turns = 1; ; turns++) {
            sms.addAll(turn.sms());
            fetches.addAll(turn.fetches());
            IvrSession session = turn.session();
            if (session.ended()) {
                return new Result(session.finalOutcome(), session.keys().stream().map(IvrSession.KeyPress::keys).toList(),
                        session.path(), sms, fetches);
            }
            if (turns > maxTurns(call.flow())) {
                throw new IllegalStateException("flow " + call.flowId() + " did not end within " + maxTurns(call.flow())
                        + " turns; the loop guard should have ended it");
            }
            FlowInput input = switch (call.flow().node(session.waiting())) {
                case FlowNode.Gather g -> new FlowInput.Keys(keypad(g, pressed < keys.size() ? keys.get(pressed) : ""));
                case FlowNode.Record r -> new FlowInput.Recorded(null, 0);
                case FlowNode.Dial d -> new FlowInput.Dialed(true, "completed");
                case FlowNode.Fetch f -> new FlowInput.Continue();
                default -> throw new IllegalStateException("a session never waits at " + session.waiting());
            };
            if (input instanceof FlowInput.Keys) {
                pressed++;
            }
            turn = interpreter.resume(call, session, input);
        }
    }

    /**
     * The most turns the flow can take: the loop guard lets each node be entered {@link Flow#MAX_VISITS} times, and
     * an entry is one turn at a record, dial or fetch, and one per attempt at a gather. More is a bug.
     */
    public static int maxTurns(Flow flow) {
        long turns = 1;
        for (FlowNode node : flow.nodes().values()) {
            turns += (long) Flow.MAX_VISITS * (node instanceof FlowNode.Gather g ? Math.max(1, g.attempts()) : 1);
        }
        return (int) Math.min(Integer.MAX_VALUE, turns);
    }

    /** What the provider would report for these keys at this gather. */
    private static String keypad(FlowNode.Gather g, String keys) {
        String typed = keys;
        if (g.finishOnKey() != null && !g.finishOnKey().isEmpty() && typed.contains(g.finishOnKey())) {
            typed = typed.substring(0, typed.indexOf(g.finishOnKey()));
        }
        int max = Math.max(1, g.numDigits());
        return typed.length() > max ? typed.substring(0, max) : typed;
    }

    private static void check(List<String> keys) {
        if (keys == null) {
            throw new InvalidInputException("keys", "keys must be a list of key strings, \"\" for no input");
        }
        if (keys.size() > MAX_KEYS) {
            throw new InvalidInputException("keys", "keys can have at most " + MAX_KEYS + " entries");
        }
        for (int i = 0; i < keys.size(); i++) {
            String entry = keys.get(i);
            if (entry == null || !KEYS.matcher(entry).matches()) {
                throw new InvalidInputException("keys[" + i + "]", "keys[" + i + "] must be up to 32 keys of 0-9, * and #"
                        + " (\"\" for no input)");
            }
        }
    }
}
