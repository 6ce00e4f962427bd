package dev.autocall.domain.outbound;

/** What an outbound call does once answered. */
public sealed interface CallPlan {
    /**
     * Connect the callee with the business: the agent is rung first and hears the whisper, then the
     * customer is connected (docs/workflows.md, makeCall).
     */
    record Connect(String agentNumber, String whisper, int timeoutSeconds, boolean record) implements CallPlan {
    }

    /** Leave a message after the beep, using answering machine detection (docs/workflows.md, leaveVoicemail). */
    record Voicemail(String message, String voice, String audioUrl) implements CallPlan {
    }
}
