package dev.autocall.domain.ivr;

import java.util.List;
import java.util.Map;

/**
 * Where one call stands in its flow between provider round trips; stored with the call (keyed by its call sid)
 * and passed back to the interpreter on the next turn. Everything here is plain data, written as JSON.
 *
 * @param flowId   the flow the call runs
 * @param version  the published version it started on (0: the draft, in a simulation); it finishes on it
 * @param waiting  the node the provider will report on next (a gather, record, dial or fetch), or null once ended
 * @param attempt  how many times the waiting gather's prompt has been played
 * @param visits   how often each node was entered in this call (the loop guard)
 * @param keys     every key sequence pressed, in order, with the node it answered
 * @param vars     what fetch answers set, read by templates as fetch.*
 * @param outcome  the outcome the flow set (a hangup node, the opt-out key, the loop guard), or null
 * @param ended    the flow is over: the call was hung up by the flow, or the caller hung up
 * @param turn     how many provider round trips were answered; the callback URL carries it, so a repeated
 *                 callback is recognized and answered the same way
 * @param path     every node entered, in order, with what it said and the keys it got
 */
public record IvrSession(String flowId, int version, String waiting, int attempt, Map<String, Integer> visits,
                         List<KeyPress> keys, Map<String, Object> vars, String outcome, boolean ended, int turn,
                         List<PathEntry> path) {
    public IvrSession {
        visits = Map.copyOf(visits);
        keys = List.copyOf(keys);
        vars = Map.copyOf(vars);
        path = List.copyOf(path);
    }

    public static IvrSession start(String flowId, int version) {
        return new IvrSession(flowId, version, null, 0, Map.of(), List.of(), Map.of(), null, false, 0, List.of());
    }

    /** The caller hung up: the flow stops where it was, with the outcome it set so far. */
    public IvrSession hungUp() {
        return ended ? this : new IvrSession(flowId, version, null, attempt, visits, keys, vars, outcome, true, turn + 1, path);
    }

    /** The outcome of a call that ended here: the flow's own, else completed (the caller hung up mid-flow). */
    public String finalOutcome() {
        return outcome == null ? "completed" : outcome;
    }

    /** Keys pressed at a gather ({@code ""}: no input), with the gather's node id. */
    public record KeyPress(String node, String keys) {
    }

    /**
     * One node entered.
     *
     * @param said what the caller heard at this node (rendered text), or null
     * @param keys what was pressed in answer (gathers only), or null
     */
    public record PathEntry(String node, String type, String said, String keys) {
    }
}
