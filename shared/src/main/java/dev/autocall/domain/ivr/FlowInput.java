package dev.autocall.domain.ivr;

/** What the provider reports when it comes back to a waiting call. */
public sealed interface FlowInput {
    /** Keys pressed at the waiting gather; {@code ""} when nothing was pressed before the timeout. */
    record Keys(String digits) implements FlowInput {
    }

    /** The waiting record node finished. */
    record Recorded(String recordingUrl, int seconds) implements FlowInput {
    }

    /** The waiting dial node ended: {@code connected} when the called party answered and talked. */
    record Dialed(boolean connected, String status) implements FlowInput {
    }

    /** The redirect after a fetch node's speech: do the fetch now. */
    record Continue() implements FlowInput {
    }

    /** The caller hung up while the flow was still going. */
    record CallerHungUp() implements FlowInput {
    }
}
