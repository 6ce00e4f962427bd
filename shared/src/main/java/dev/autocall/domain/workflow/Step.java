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
}
