package dev.autocall.domain.campaign;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A list of people called with one action, paced, inside windows, with retries. The definition is what a client
 * writes; {@code status}, {@code run} and {@code version} are the product's.
 *
 * @param callerId the number calls come from; null for local presence from the workspace's numbers
 * @param run the number of the current (or last) run; 0 before the first starts
 * @param version moved by every write, so that concurrent writers do not lose each other's changes
 */
public record Campaign(
        String id,
        String workspaceId,
        String name,
        Action action,
        String purpose,
        String callerId,
        Audience audience,
        Schedule schedule,
        Retry retry,
        Pace pace,
        Recurrence recurrence,
        CampaignStatus status,
        int run,
        Instant createdAt,
        long version) {

    public Campaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(pace, "pace");
        Objects.requireNonNull(status, "status");
        purpose = purpose == null ? "transactional" : purpose;
    }

    public Optional<Recurrence> recurring() {
        return Optional.ofNullable(recurrence);
    }

    public Campaign withStatus(CampaignStatus next) {
        return new Campaign(id, workspaceId, name, action, purpose, callerId, audience, schedule, retry, pace, recurrence,
                next, run, createdAt, version);
    }

    public Campaign withVersion(long nextVersion) {
        return new Campaign(id, workspaceId, name, action, purpose, callerId, audience, schedule, retry, pace, recurrence,
                status, run, createdAt, nextVersion);
    }

    public Campaign withRun(int nextRun) {
        return new Campaign(id, workspaceId, name, action, purpose, callerId, audience, schedule, retry, pace, recurrence,
                status, nextRun, createdAt, version);
    }

    /** What each target gets. */
    @com.fasterxml.jackson.annotation.JsonTypeInfo(use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME, property = "kind")
    @com.fasterxml.jackson.annotation.JsonSubTypes({
            @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = Action.Flow.class, name = "flow"),
            @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = Action.Message.class, name = "message"),
            @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = Action.Workflow.class, name = "workflow")})
    public sealed interface Action {
        /** An IVR flow (as the workflow step runIvr; a machine gets a hang-up). */
        record Flow(String flowId) implements Action {
        }

        /** A text spoken to whoever answers, a person or a machine (as the workflow step leaveVoicemail). */
        record Message(String text, String voice) implements Action {
        }

        /** A run of the workflow per target, started by a campaign.target event carrying the target's data. */
        record Workflow(String workflowId) implements Action {
        }
    }

    /**
     * Who is called: numbers given with the campaign (more through its targets endpoint), or the contacts carrying a
     * tag when a run starts.
     */
    public record Audience(List<String> phones, String tag) {
        public Audience {
            phones = phones == null ? List.of() : List.copyOf(phones);
        }

        public Optional<String> byTag() {
            return Optional.ofNullable(tag);
        }
    }

    /**
     * When calls may start, on top of the compliance gate (which still decides every call).
     *
     * @param endAt targets not reached by then end expired; null for no end
     * @param hours in the callee's time, half-open like the gate's window; null for any time the gate allows
     * @param days in the callee's time; empty for every day
     */
    public record Schedule(Instant startAt, Instant endAt, Hours hours, Set<DayOfWeek> days) {
        public Schedule {
            days = days == null ? Set.of() : Set.copyOf(days);
        }

        public static Schedule now() {
            return new Schedule(null, null, null, Set.of());
        }
    }

    public record Hours(LocalTime start, LocalTime end) {
    }

    /** @param on the outcomes that are tried again (no_answer, busy, voicemail) */
    public record Retry(int maxAttempts, Duration interval, Set<String> on) {
        public Retry {
            on = on == null ? Set.of() : Set.copyOf(on);
        }

        public static Retry none() {
            return new Retry(1, Duration.ofHours(1), Set.of());
        }
    }

    /** Never above the workspace's calls per second and caps: the gate and the dialer hold those. */
    public record Pace(int callsPerMinute, int maxConcurrent) {
    }

    /** EventBridge Scheduler's cron (six fields) with its time zone: each firing starts a new run. */
    public record Recurrence(String cron, ZoneId timeZone) {
    }

    /** The fields a client may not set, for a definition read from a request. */
    public static Map<String, String> productFields() {
        return Map.of("status", "set by start, pause, resume and cancel", "progress", "read only",
                "createdAt", "read only", "run", "read only");
    }
}
