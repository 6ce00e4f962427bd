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

    /**
     * Run an IVR flow when a person answers (answering machine detection decides). A machine gets the hang-up, or
     * {@code machineMessage} after the beep when {@code onMachine} is "message".
     *
     * @param data what the flow's templates read as data.*: the triggering event's data, or a campaign target's
     * @param contact what the flow's templates read as contact.*, as the run saw the contact
     */
    record Ivr(String flowId, String onMachine, String machineMessage, java.util.Map<String, Object> data,
               java.util.Map<String, Object> contact) implements CallPlan {
        public boolean leavesMessage() {
            return "message".equals(onMachine);
        }
    }
}
