package dev.autocall.local;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** A schedule held by the Scheduler stand-in: its fields as Scheduler returns them, and when it is due. */
record LocalSchedule(String group, String name, ObjectNode fields, Instant due, boolean fired) {
    private static final String ARN_PREFIX = "arn:aws:scheduler:us-east-1:000000000000:schedule/";

    static String key(String group, String name) {
        return group + "/" + name;
    }

    String key() {
        return key(group, name);
    }

    String arn() {
        return ARN_PREFIX + key();
    }

    boolean dueAt(Instant now) {
        return !fired && !fields.path("State").asText("ENABLED").equals("DISABLED") && !due.isAfter(now);
    }

    boolean deletedAfterCompletion() {
        return fields.path("ActionAfterCompletion").asText("NONE").equals("DELETE");
    }

    String targetArn() {
        return fields.path("Target").path("Arn").asText();
    }

    String input() {
        return fields.path("Target").path("Input").asText();
    }

    String deadLetterArn() {
        return fields.path("Target").path("DeadLetterConfig").path("Arn").asText("");
    }

    LocalSchedule asFired() {
        return new LocalSchedule(group, name, fields, due, true);
    }
}
