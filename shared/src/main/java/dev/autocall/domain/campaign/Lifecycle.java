package dev.autocall.domain.campaign;

import dev.autocall.error.ConflictException;

import java.time.Instant;
import java.util.Objects;

/**
 * The campaign's state machine, in one place: which command or engine event moves a campaign from which status to
 * which, and which definition fields a PUT may change in which status. Anything else is a 409 that says what would
 * be possible instead.
 */
public final class Lifecycle {
    private Lifecycle() {
    }

    /** What a client asks for (start, pause, resume, cancel), and what the engine reports (a run starts or ends). */
    public enum Command {
        START("start", "start a draft campaign"),
        PAUSE("pause", "pause a running campaign"),
        RESUME("resume", "resume a paused campaign"),
        CANCEL("cancel", "a campaign that is completed or cancelled stays so; create a new campaign to call again"),
        /** A scheduled campaign reached its startAt, or its recurrence fired. */
        RUN_STARTED("start a run of", "a run starts only from scheduled"),
        /** Every target of the run is final (completed, failed, cancelled or expired). */
        RUN_FINISHED("finish a run of", "a run finishes only while the campaign is running or paused");

        private final String verb;
        private final String instead;

        Command(String verb, String instead) {
            this.verb = verb;
            this.instead = instead;
        }
    }

    /**
     * The status the command leads to.
     *
     * @param now decides whether a start waits for startAt, and whether a recurring campaign has runs left
     * @throws ConflictException when the command is impossible from the campaign's status
     */
    public static CampaignStatus next(Campaign campaign, Command command, Instant now) {
        CampaignStatus status = campaign.status();
        CampaignStatus next = switch (command) {
            case START -> status == CampaignStatus.DRAFT ? started(campaign, now) : null;
            case PAUSE -> status == CampaignStatus.RUNNING ? CampaignStatus.PAUSED : null;
            case RESUME -> status == CampaignStatus.PAUSED ? CampaignStatus.RUNNING : null;
            case CANCEL -> status.ended() ? null : CampaignStatus.CANCELLED;
            case RUN_STARTED -> status == CampaignStatus.SCHEDULED ? CampaignStatus.RUNNING : null;
            // A paused run can finish too: the calls in progress when it paused were its last targets, or endAt passed.
            case RUN_FINISHED -> status == CampaignStatus.RUNNING || status == CampaignStatus.PAUSED
                    ? finished(campaign, now) : null;
        };
        if (next == null) {
            throw new ConflictException("cannot " + command.verb + " a campaign that is " + status.wire() + "; "
                    + command.instead);
        }
        return next;
    }

    private static CampaignStatus started(Campaign campaign, Instant now) {
        Instant endAt = campaign.schedule().endAt();
        if (endAt != null && !endAt.isAfter(now)) {
            throw new ConflictException("cannot start a campaign whose schedule.endAt (" + endAt
                    + ") has passed; move endAt later first");
        }
        Instant startAt = campaign.schedule().startAt();
        boolean waits = campaign.recurring().isPresent() || startAt != null && startAt.isAfter(now);
        return waits ? CampaignStatus.SCHEDULED : CampaignStatus.RUNNING;
    }

    /** A recurring campaign waits for its next firing, until its endAt (if any) has passed. */
    private static CampaignStatus finished(Campaign campaign, Instant now) {
        Instant endAt = campaign.schedule().endAt();
        boolean more = campaign.recurring().isPresent() && (endAt == null || endAt.isAfter(now));
        return more ? CampaignStatus.SCHEDULED : CampaignStatus.COMPLETED;
    }

    /**
     * Refuses a PUT that changes what its campaign's status no longer lets change: in draft anything; once started,
     * the name, the pace and parts of the schedule (startAt before the first run, hours and days while not running,
     * endAt any time, though only later while running); once completed or cancelled, nothing.
     *
     * @throws ConflictException naming the first field that may not change
     */
    public static void checkUpdate(Campaign before, Campaign after) {
        CampaignStatus status = before.status();
        if (status == CampaignStatus.DRAFT) {
            return;
        }
        String state = "a campaign that is " + status.wire();
        if (status.ended()) {
            String changed = firstChange(before, after, true);
            if (changed != null) {
                throw new ConflictException(changed + " cannot change in " + state
                        + "; create a new campaign to call again");
            }
            return;
        }
        String changed = firstChange(before, after, false);
        if (changed != null) {
            throw new ConflictException(changed + " cannot change in " + state
                    + "; only name, pace and parts of the schedule can" + (changed.equals("audience")
                    ? " (add numbers through the campaign's targets)" : " (cancel it and create a new one to change more)"));
        }
        Campaign.Schedule was = before.schedule();
        Campaign.Schedule will = after.schedule();
        if (!Objects.equals(was.startAt(), will.startAt()) && status != CampaignStatus.SCHEDULED) {
            throw new ConflictException("schedule.startAt cannot change in " + state + ": it has started");
        }
        if (status == CampaignStatus.RUNNING) {
            if (!Objects.equals(was.hours(), will.hours())) {
                throw new ConflictException("schedule.hours cannot change in " + state + "; pause it first");
            }
            if (!Objects.equals(was.days(), will.days())) {
                throw new ConflictException("schedule.days cannot change in " + state + "; pause it first");
            }
            if (was.endAt() != null && will.endAt() != null && will.endAt().isBefore(was.endAt())
                    || was.endAt() == null && will.endAt() != null) {
                throw new ConflictException("schedule.endAt can only move later in " + state + "; pause it first "
                        + "to end it sooner");
            }
        }
    }

    /** The first definition field that differs, of those that may not change once started (or at all, if ended). */
    private static String firstChange(Campaign before, Campaign after, boolean all) {
        if (!before.action().equals(after.action())) {
            return "action";
        }
        if (!before.purpose().equals(after.purpose())) {
            return "purpose";
        }
        if (!Objects.equals(before.callerId(), after.callerId())) {
            return "callerId";
        }
        if (!before.audience().equals(after.audience())) {
            return "audience";
        }
        if (!before.retry().equals(after.retry())) {
            return "retry";
        }
        if (!Objects.equals(before.recurrence(), after.recurrence())) {
            return "recurrence";
        }
        if (!all) {
            return null;
        }
        if (!Objects.equals(before.name(), after.name())) {
            return "name";
        }
        if (!before.pace().equals(after.pace())) {
            return "pace";
        }
        return before.schedule().equals(after.schedule()) ? null : "schedule";
    }
}
