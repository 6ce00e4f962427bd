package dev.autocall.domain.workflow;

/** One step of a workflow. Later issues add call steps, waits and branches to this closed set. */
public sealed interface Step {
    String type();

    /** Texts the contact from the business number the event came in on. */
    record SendSms(String body) implements Step {
        public String type() {
            return "sendSms";
        }
    }

    /** Creates a task for the staff, due after the given minutes. */
    record CreateTask(String title, int dueInMinutes) implements Step {
        public String type() {
            return "createTask";
        }
    }

    record AddTag(String tag) implements Step {
        public String type() {
            return "addTag";
        }
    }

    record RemoveTag(String tag) implements Step {
        public String type() {
            return "removeTag";
        }
    }

    /** Texts the workspace's admin number. */
    record Notify(String body) implements Step {
        public String type() {
            return "notify";
        }
    }

    /**
     * Rings the agent (or the workspace's forwarding number), whispers, then connects the contact; the run
     * waits for the outcome. What happens when the contact does not answer is the {@code ifNoAnswer} policy.
     */
    record MakeCall(String agent, String whisper, int timeoutSeconds, boolean record, String purpose,
                    NoAnswerPolicy ifNoAnswer) implements Step {
        public String type() {
            return "makeCall";
        }
    }

    /**
     * @param action retry (up to maxAttempts, interval apart, each through the compliance gate), continue, or
     *               voicemail (drop {@code message} instead)
     * @param notReached the outcomes that count as not reached: no_answer and busy, plus voicemail when only a
     *                   person will do (a reminder that must be heard)
     */
    record NoAnswerPolicy(String action, int maxAttempts, java.time.Duration interval, String message,
                          java.util.Set<String> notReached) {
        public static final java.util.Set<String> DEFAULT_NOT_REACHED = java.util.Set.of("no_answer", "busy");
        public static final NoAnswerPolicy CONTINUE = new NoAnswerPolicy("continue", 1, java.time.Duration.ZERO, null,
                DEFAULT_NOT_REACHED);
    }

    /** Calls the contact with answering machine detection and speaks (or plays) the message after the beep. */
    record LeaveVoicemail(String message, String audioUrl, String voice, String purpose, NoAnswerPolicy ifNoAnswer) implements Step {
        public String type() {
            return "leaveVoicemail";
        }
    }

    /**
     * Calls the contact and runs an IVR flow when a person answers (answering machine detection decides); a machine
     * gets a hang-up, or {@code machineMessage} after the beep when {@code onMachine} is "message". The step's outcome
     * is the flow's own (confirmed, declined, ...) or voicemail, no_answer, busy, failed, invalid.
     */
    record RunIvr(String flow, String purpose, NoAnswerPolicy ifNoAnswer, String onMachine, String machineMessage)
            implements Step {
        public String type() {
            return "runIvr";
        }
    }

    /**
     * Pauses the run: for a duration, or until a time read from the event or contact (e.g. data.appointmentAt)
     * shifted by an offset (e.g. -PT24H).
     */
    record Wait(java.time.Duration duration, String until, java.time.Duration offset) implements Step {
        public String type() {
            return "wait";
        }
    }

    /**
     * Continues at another step depending on the previous step's outcome (completed, voicemail, no_answer, busy,
     * failed, invalid, ...): {@code cases} maps an outcome to a step id, "next" or "end".
     */
    record Branch(java.util.Map<String, String> cases, String otherwise) implements Step {
        public String type() {
            return "branch";
        }
    }
}
