package dev.autocall.domain.ivr;

import dev.autocall.domain.voice.Callback;
import dev.autocall.domain.voice.VoiceInstruction;
import dev.autocall.domain.workflow.Template;
import dev.autocall.domain.workflow.TemplateContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One interpreter turn in progress: the session's state as it changes, and what the turn has decided so far.
 * Mutable on purpose and short-lived: it lives for one call of the interpreter and ends as an immutable {@link Turn}.
 */
final class Walk {
    final FlowCall call;
    final Flow flow;
    private final IvrSession before;
    private final int turn;
    String waiting;
    int attempt;
    private final Map<String, Integer> visits;
    final List<IvrSession.KeyPress> keys;
    final Map<String, Object> vars;
    private String outcome;
    private boolean ended;
    private final List<IvrSession.PathEntry> path;
    final List<VoiceInstruction> instructions = new ArrayList<>();
    final List<String> sms = new ArrayList<>();
    final List<Turn.FetchLog> fetches = new ArrayList<>();
    boolean optedOut;

    /** A turn from the session as stored: its number is the session's plus one. */
    Walk(FlowCall call, IvrSession session) {
        this.call = call;
        this.flow = call.flow();
        this.before = session;
        this.turn = session.turn() + 1;
        this.waiting = session.waiting();
        this.attempt = session.attempt();
        this.visits = new HashMap<>(session.visits());
        this.keys = new ArrayList<>(session.keys());
        this.vars = new LinkedHashMap<>(session.vars());
        this.outcome = session.outcome();
        this.ended = session.ended();
        this.path = new ArrayList<>(session.path());
    }

    /** Counts one entry into the node; returns how many there have been in this call. */
    int visit(String node) {
        return visits.merge(node, 1, Integer::sum);
    }

    void entered(String node, NodeType type, String said) {
        path.add(new IvrSession.PathEntry(node, type.wire(), said, null));
    }

    /** What the caller heard at the node entered last (a fetch's answer, heard after the node was entered). */
    void heard(String said) {
        IvrSession.PathEntry last = path.getLast();
        path.set(path.size() - 1, new IvrSession.PathEntry(last.node(), last.type(), said, last.keys()));
    }

    /** The keys that answered the gather's latest prompt ({@code ""}: none). */
    void answered(String node, String digits) {
        for (int i = path.size() - 1; i >= 0; i--) {
            IvrSession.PathEntry entry = path.get(i);
            if (entry.node().equals(node)) {
                path.set(i, new IvrSession.PathEntry(entry.node(), entry.type(), entry.said(), digits));
                return;
            }
        }
    }

    void waitAt(String node, int attempt) {
        this.waiting = node;
        this.attempt = attempt;
    }

    void stopWaiting() {
        waitAt(null, 0);
    }

    /** Hangs up; {@code outcome} null keeps the one set before (none: completed). */
    void end(String outcome) {
        instructions.add(new VoiceInstruction.Hangup());
        stopWaiting();
        ended = true;
        if (outcome != null) {
            this.outcome = outcome;
        }
    }

    /** The target, or the end of the call (outcome unchanged) when there is none. */
    String goOn(String target) {
        if (target == null) {
            end(null);
        }
        return target;
    }

    /** Says the words and hangs up; {@code outcome} null keeps the one set before. Returns null: nothing follows. */
    String goodbye(String words, String outcome) {
        say(words);
        end(outcome);
        return null;
    }

    /** The caller is gone: nothing more is said, the outcome stays. */
    void callerHungUp() {
        stopWaiting();
        ended = true;
    }

    /**
     * Where the provider reports on what this turn asked: the call's turn callback with {@code turn} set to this
     * turn's number, which the stored session will carry; a callback repeated after it was answered names a turn the
     * stored session has passed.
     */
    Callback callback() {
        Callback base = call.turn() == null ? Callback.of(Callback.Kind.IVR) : call.turn();
        Map<String, String> params = new HashMap<>(base.params());
        params.put("turn", String.valueOf(turn));
        return new Callback(base.kind(), params);
    }

    /** Speaks a text of the interpreter's own or a fetch answer's, in the flow's voice. */
    void say(String text) {
        instructions.add(new VoiceInstruction.Say(text, flow.voice(), flow.language()));
    }

    /** The text rendered over contact.*, workspace.*, data.*, fetch.* (the vars so far) and keys (pressed so far). */
    String render(String field, String text) {
        Map<String, Object> roots = new HashMap<>();
        roots.put("contact", orEmpty(call.contact()));
        roots.put("workspace", orEmpty(call.workspace()));
        roots.put("data", orEmpty(call.data()));
        roots.put("fetch", Map.copyOf(vars));
        roots.put("keys", keys.isEmpty() ? null : String.join(", ", keys.stream().map(IvrSession.KeyPress::keys).toList()));
        return Template.parse(field, text, FlowParser.TEMPLATE_ROOTS).render(TemplateContext.of(roots));
    }

    private static Map<String, Object> orEmpty(Map<String, Object> map) {
        return map == null ? Map.of() : map;
    }

    Turn finish() {
        IvrSession session = new IvrSession(before.flowId(), before.version(), waiting, attempt, visits, keys, vars,
                outcome, ended, turn, path);
        return new Turn(session, instructions, sms, fetches, optedOut);
    }
}
