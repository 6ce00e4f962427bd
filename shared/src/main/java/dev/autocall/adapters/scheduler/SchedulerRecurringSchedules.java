package dev.autocall.adapters.scheduler;

import dev.autocall.domain.campaign.RecurringSchedules;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;

import java.time.ZoneId;

/**
 * Recurring campaign firings as EventBridge Scheduler cron schedules in the campaign's time zone, sending the
 * message to the campaign queue at each firing (docs/decisions.md, "Recurring campaigns").
 */
public final class SchedulerRecurringSchedules implements RecurringSchedules {
    private final SchedulerClient scheduler;
    private final RecurringTarget target;

    public SchedulerRecurringSchedules(SchedulerClient scheduler, RecurringTarget target) {
        this.scheduler = scheduler;
        this.target = target;
    }

    @Override
    public void arm(String name, String cron, ZoneId zone, String messageBody) {
        try {
            scheduler.createSchedule(RecurringRequests.createSchedule(target, name, cron, zone, messageBody));
        } catch (ConflictException exists) {
            replace(name, cron, zone, messageBody);
        }
    }

    private void replace(String name, String cron, ZoneId zone, String messageBody) {
        try {
            scheduler.updateSchedule(RecurringRequests.updateSchedule(target, name, cron, zone, messageBody));
        } catch (ResourceNotFoundException disarmedMeanwhile) {
            // Deleted between the two calls (a disarm racing this arm): this arm still asks for the schedule.
            scheduler.createSchedule(RecurringRequests.createSchedule(target, name, cron, zone, messageBody));
        }
    }

    @Override
    public void disarm(String name) {
        try {
            scheduler.deleteSchedule(RecurringRequests.deleteSchedule(target, name));
        } catch (ResourceNotFoundException alreadyGone) {
            // Disarming is idempotent: a redelivered cancel finds nothing to delete.
        }
    }
}
