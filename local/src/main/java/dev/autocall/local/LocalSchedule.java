package dev.autocall.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocall.domain.campaign.CronSchedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A schedule held by the Scheduler stand-in: its fields as Scheduler returns them, when it is next due, and for a
 * cron schedule the expression and zone that give the firing after that.
 */
record LocalSchedule(String group, String name, ObjectNode fields, Instant due, boolean fired, Optional<Recurrence> recurrence) {
    private static final String ARN_PREFIX = "arn:aws:scheduler:us-east-1:000000000000:schedule/";

    /** A cron schedule's expression, evaluated in its ScheduleExpressionTimezone. */
    record Recurrence(CronSchedule cron, ZoneId zone) {
        Optional<Instant> nextAfter(Instant instant) {
            return cron.next(instant.atZone(zone)).map(ZonedDateTime::toInstant);
        }
    }

    static LocalSchedule oneTime(String group, String name, ObjectNode fields, Instant due) {
        return new LocalSchedule(group, name, fields, due, false, Optional.empty());
    }

    /** A cron schedule due at its first firing after {@code now}; one whose firings are all past never fires. */
    static LocalSchedule recurring(String group, String name, ObjectNode fields, Recurrence recurrence, Instant now) {
        Optional<Instant> next = recurrence.nextAfter(now);
        return new LocalSchedule(group, name, fields, next.orElse(now), next.isEmpty(), Optional.of(recurrence));
    }

    static String key(String group, String name) {
        return group + "/" + name;
    }

    String key() {
        return key(group, name);
    }

    static String arn(String group, String name) {
        return ARN_PREFIX + key(group, name);
    }

    String arn() {
        return arn(group, name);
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

    /**
     * The schedule once fired at {@code now}: a one-time schedule is done; a cron schedule is due at its first
     * firing after {@code now}, so occurrences missed by a clock jump fire once between them, not once each.
     */
    LocalSchedule afterFiring(Instant now) {
        return recurrence.map(r -> recurring(group, name, fields, r, now))
                .orElseGet(() -> new LocalSchedule(group, name, fields, due, true, Optional.empty()));
    }
}
