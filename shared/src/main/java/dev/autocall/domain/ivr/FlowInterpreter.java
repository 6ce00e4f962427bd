package dev.autocall.domain.ivr;

import java.time.Clock;

/**
 * The one IVR interpreter: Twilio's webhooks, the simulate endpoint and the tests all run flows through it.
 * A turn walks straight-line nodes (say, play, pause, sms, hangup) into one list of instructions and stops at
 * the first node the provider must report back on (gather, record, dial) or before a fetch (a redirect, so the
 * caller hears what came before while the server is asked); so a call makes one round trip per gather,
 * record, dial or fetch, not one per node.
 */
public final class FlowInterpreter {
    private final Fetcher fetcher;
    private final Clock clock;

    public FlowInterpreter(Fetcher fetcher, Clock clock) {
        this.fetcher = fetcher;
        this.clock = clock;
    }

    /** The first turn of a call: from the flow's start node. */
    public Turn start(FlowCall call) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** A later turn: the provider reports on the node the session waits at. */
    public Turn resume(FlowCall call, IvrSession session, FlowInput input) {
        throw new UnsupportedOperationException("not built yet");
    }
}
