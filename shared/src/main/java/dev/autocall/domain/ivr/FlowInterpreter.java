package dev.autocall.domain.ivr;

import dev.autocall.domain.voice.Callback;
import dev.autocall.domain.voice.VoiceInstruction;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one IVR interpreter: Twilio's webhooks, the simulate endpoint and the tests all run flows through it.
 * A turn walks straight-line nodes (say, play, pause, sms, hangup) into one list of instructions and stops at
 * the first node the provider must report back on (gather, record, dial) or before a fetch (a redirect, so the
 * caller hears what came before while the server is asked); so a call makes one round trip per gather,
 * record, dial or fetch, not one per node. A fetch is made inline only when the turn has said nothing and
 * made no other fetch yet.
 *
 * <p>Turns are numbered: a new session is at turn 0, {@link #start} makes it 1, and each {@link #resume} of a call
 * still going adds one. Every callback a turn hands out carries {@code turn} = the session's turn after it, so the
 * callback that answers the stored session carries that session's turn; one with another number was already
 * answered (the provider repeated it) or is late.
 */
public final class FlowInterpreter {
    /** Said before hanging up when a gather got no usable answer and has nowhere to go, or the flow loops. */
    public static final String NO_INPUT_GOODBYE = "Sorry, we did not get an answer. Goodbye.";
    public static final String OPT_OUT_GOODBYE = "You will not get any more automated calls from us. Goodbye.";
    /** Said before hanging up when a fetch failed and its node has no onError. */
    public static final String ERROR_GOODBYE = "Sorry, something went wrong on our side. Goodbye.";
    static final String NO_INPUT = "no_input";
    static final String OPTED_OUT = "opted_out";
    static final String COMPLETED = "completed";
    /** A dial node without its own ring time rings this long. */
    static final int DEFAULT_DIAL_SECONDS = 20;

    private final FetchExchange fetches;

    public FlowInterpreter(Fetcher fetcher, Clock clock) {
        this.fetches = new FetchExchange(fetcher, clock);
    }

    /** The first turn of a call: from the flow's start node. */
    public Turn start(FlowCall call) {
        Walk walk = new Walk(call, IvrSession.start(call.flowId(), call.version()));
        walkFrom(walk, call.flow().start());
        return walk.finish();
    }

    /**
     * A later turn: the provider reports on the node the session waits at. An ended session answers a hangup and
     * stays as it is.
     *
     * @throws IllegalArgumentException when the input is not what the waiting node takes (keys for a dial, say)
     */
    public Turn resume(FlowCall call, IvrSession session, FlowInput input) {
        if (session.ended()) {
            return new Turn(session, List.of(new VoiceInstruction.Hangup()), List.of(), List.of(), false);
        }
        Walk walk = new Walk(call, session);
        if (input instanceof FlowInput.CallerHungUp) {
            walk.callerHungUp();
            return walk.finish();
        }
        String id = session.waiting();
        if (id == null) {
            throw new IllegalStateException("the session of flow " + session.flowId() + " waits at no node");
        }
        FlowNode node = call.flow().node(id);
        walk.stopWaiting();
        String next = switch (node) {
            case FlowNode.Gather g when input instanceof FlowInput.Keys k -> answer(walk, id, g, session.attempt(), k.digits());
            case FlowNode.Record r when input instanceof FlowInput.Recorded -> walk.goOn(r.next());
            case FlowNode.Dial d when input instanceof FlowInput.Dialed x -> walk.goOn(x.connected() ? d.next() : d.noAnswer());
            case FlowNode.Fetch f when input instanceof FlowInput.Continue -> fetches.fetch(walk, id, f);
            default -> throw new IllegalArgumentException("the call waits at " + node.type() + " node " + id
                    + ", which cannot take " + input.getClass().getSimpleName());
        };
        walkFrom(walk, next);
        return walk.finish();
    }

    /**
     * What the person a dial node rings hears before being connected: the node's whisper, rendered now.
     *
     * @param node the dial node, as the whisper callback names it
     */
    public List<VoiceInstruction> whisper(FlowCall call, IvrSession session, String node) {
        if (!(call.flow().node(node) instanceof FlowNode.Dial dial) || dial.whisper() == null) {
            return List.of();
        }
        Walk walk = new Walk(call, session);
        String text = walk.render(field(node, "whisper"), dial.whisper());
        return text.isBlank() ? List.of() : List.of(new VoiceInstruction.Say(text, call.flow().voice(), call.flow().language()));
    }

    /** Enters nodes one after another until one stops the turn (it waits or ends the call). */
    private void walkFrom(Walk walk, String first) {
        for (String id = first; id != null; ) {
            id = enter(walk, id);
        }
    }

    /** @return the node to enter next, or null when the turn stops here */
    private String enter(Walk walk, String id) {
        FlowNode node = walk.flow.node(id);
        if (walk.visit(id) > Flow.MAX_VISITS) {
            return walk.goodbye(NO_INPUT_GOODBYE, NO_INPUT);
        }
        return switch (node) {
            case FlowNode.Say s -> say(walk, id, s);
            case FlowNode.Play p -> {
                walk.instructions.add(new VoiceInstruction.Play(p.url()));
                walk.entered(id, node.type(), null);
                yield walk.goOn(p.next());
            }
            case FlowNode.Pause p -> {
                walk.instructions.add(new VoiceInstruction.Pause(p.seconds()));
                walk.entered(id, node.type(), null);
                yield walk.goOn(p.next());
            }
            case FlowNode.Sms s -> {
                walk.sms.add(walk.render(field(id, "body"), s.body()));
                walk.entered(id, node.type(), null);
                yield walk.goOn(s.next());
            }
            case FlowNode.Hangup h -> {
                String said = h.say() == null ? null : spoken(walk.render(field(id, "say"), h.say()));
                if (said != null) {
                    walk.say(said);
                }
                walk.entered(id, node.type(), said);
                walk.end(h.outcome() == null ? COMPLETED : h.outcome());
                yield null;
            }
            case FlowNode.Gather g -> ask(walk, id, g, 1);
            case FlowNode.Record r -> {
                String said = r.prompt() == null ? null : spoken(walk.render(field(id, "prompt"), r.prompt()));
                if (said != null) {
                    walk.say(said);
                }
                walk.instructions.add(new VoiceInstruction.Record(r.maxSeconds(), r.transcribe(), walk.callback(), null, null));
                walk.entered(id, node.type(), said);
                walk.waitAt(id, 0);
                yield null;
            }
            case FlowNode.Dial d -> dial(walk, id, d);
            case FlowNode.Fetch f -> {
                walk.entered(id, node.type(), null);
                if (walk.instructions.isEmpty() && walk.fetches.isEmpty()) {
                    yield fetches.fetch(walk, id, f);
                }
                // Let the caller hear what came before while the server is asked; and never two servers' waits in
                // one answer, which could outlast the provider's own webhook timeout.
                walk.instructions.add(new VoiceInstruction.Redirect(walk.callback()));
                walk.waitAt(id, 0);
                yield null;
            }
        };
    }

    /** A text said {@code repeat} times, or digits read one at a time with a second's pause after each. */
    private static String say(Walk walk, String id, FlowNode.Say s) {
        String voice = s.voice() != null ? s.voice() : walk.flow.voice();
        String language = s.language() != null ? s.language() : walk.flow.language();
        int repeat = Math.max(1, s.repeat());
        String said = null;
        if (s.text() != null) {
            said = spoken(walk.render(field(id, "text"), s.text()));
            for (int i = 0; said != null && i < repeat; i++) {
                walk.instructions.add(new VoiceInstruction.Say(said, voice, language));
            }
        } else if (s.digits() != null) {
            List<String> digits = walk.render(field(id, "digits"), s.digits()).codePoints()
                    .filter(Character::isLetterOrDigit).mapToObj(Character::toString).toList();
            said = digits.isEmpty() ? null : String.join(" ", digits);
            for (int i = 0; i < repeat; i++) {
                for (String digit : digits) {
                    walk.instructions.add(new VoiceInstruction.Say(digit, voice, language));
                    walk.instructions.add(new VoiceInstruction.Pause(1));
                }
            }
        }
        walk.entered(id, NodeType.SAY, said);
        return walk.goOn(s.next());
    }

    /** Plays the gather's prompt while listening, and waits for the keys; {@code attempt} counts the plays. */
    private static String ask(Walk walk, String id, FlowNode.Gather g, int attempt) {
        List<VoiceInstruction> prompt = new ArrayList<>();
        String said = null;
        if (g.prompt() != null) {
            said = spoken(walk.render(field(id, "prompt"), g.prompt()));
            if (said != null) {
                prompt.add(new VoiceInstruction.Say(said, walk.flow.voice(), walk.flow.language()));
            }
        } else if (g.promptUrl() != null) {
            prompt.add(new VoiceInstruction.Play(g.promptUrl()));
        }
        walk.instructions.add(new VoiceInstruction.Gather(prompt, Math.max(1, g.numDigits()), g.finishOnKey(),
                Math.max(1, g.timeoutSeconds()), walk.callback()));
        walk.entered(id, NodeType.GATHER, said);
        walk.waitAt(id, attempt);
        return null;
    }

    /**
     * The opt-out key first (it works in every gather), then the choices; no input or a key with no choice
     * replays the prompt (not a new visit) until the attempts are used, then goes to noInput or invalid.
     */
    private static String answer(Walk walk, String id, FlowNode.Gather g, int attempt, String pressed) {
        String digits = pressed == null ? "" : pressed;
        walk.answered(id, digits);
        if (!digits.isEmpty()) {
            walk.keys.add(new IvrSession.KeyPress(id, digits));
        }
        // Silence is never an opt-out, whatever the flow's key.
        if (!digits.isEmpty() && digits.equals(walk.flow.optOutKey())) {
            walk.optedOut = true;
            return walk.goodbye(OPT_OUT_GOODBYE, OPTED_OUT);
        }
        String choice = digits.isEmpty() ? null : g.choices().get(digits);
        if (choice != null) {
            return choice;
        }
        if (attempt < Math.max(1, g.attempts())) {
            return ask(walk, id, g, attempt + 1);
        }
        String target = digits.isEmpty() ? g.noInput() : g.invalid();
        return target != null ? target : walk.goodbye(NO_INPUT_GOODBYE, NO_INPUT);
    }

    /** Rings the node's number, or the workspace's forwarding line when it has none; no number at all is no answer. */
    private static String dial(Walk walk, String id, FlowNode.Dial d) {
        String number = d.number() != null ? walk.render(field(id, "number"), d.number())
                : walk.call.workspace() == null ? null : stringOrNull(walk.call.workspace().get("forwarding"));
        walk.entered(id, NodeType.DIAL, null);
        if (number == null || number.isBlank()) {
            return walk.goOn(d.noAnswer());
        }
        Callback whisper = null;
        if (d.whisper() != null) {
            Callback base = walk.call.turn() == null ? Callback.of(Callback.Kind.IVR) : walk.call.turn();
            Map<String, String> params = new HashMap<>(base.params());
            params.put("node", id);
            whisper = new Callback(Callback.Kind.IVR_WHISPER, params);
        }
        int seconds = d.timeoutSeconds() > 0 ? d.timeoutSeconds() : DEFAULT_DIAL_SECONDS;
        walk.instructions.add(new VoiceInstruction.Dial(number.strip(), null, seconds, d.record(), whisper, null,
                walk.callback()));
        walk.waitAt(id, 0);
        return null;
    }

    /** The rendered text, or null when there is nothing to say (a blank Say is an error to the provider). */
    private static String spoken(String text) {
        return text.isBlank() ? null : text;
    }

    private static String stringOrNull(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static String field(String node, String name) {
        return "nodes." + node + "." + name;
    }
}
