package dev.autocall.adapters.scheduler;

import dev.autocall.domain.campaign.CronSchedule;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;

import java.time.ZoneId;

/** The SDK requests a recurring schedule becomes, as pure functions of the target and the recurrence. */
final class RecurringRequests {

    private RecurringRequests() {
    }

    static CreateScheduleRequest createSchedule(RecurringTarget target, String name, String cron, ZoneId zone, String body) {
        return CreateScheduleRequest.builder()
                .name(name)
                .groupName(target.scheduleGroup())
                .scheduleExpression(expression(cron))
                .scheduleExpressionTimezone(zone.getId())
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .actionAfterCompletion(ActionAfterCompletion.NONE)
                .state(ScheduleState.ENABLED)
                .target(target(target, body))
                .build();
    }

    /** UpdateSchedule replaces every field, so it carries all that CreateSchedule does. */
    static UpdateScheduleRequest updateSchedule(RecurringTarget target, String name, String cron, ZoneId zone, String body) {
        CreateScheduleRequest create = createSchedule(target, name, cron, zone, body);
        return UpdateScheduleRequest.builder()
                .name(create.name())
                .groupName(create.groupName())
                .scheduleExpression(create.scheduleExpression())
                .scheduleExpressionTimezone(create.scheduleExpressionTimezone())
                .flexibleTimeWindow(create.flexibleTimeWindow())
                .actionAfterCompletion(create.actionAfterCompletion())
                .state(create.state())
                .target(create.target())
                .build();
    }

    static DeleteScheduleRequest deleteSchedule(RecurringTarget target, String name) {
        return DeleteScheduleRequest.builder().name(name).groupName(target.scheduleGroup()).build();
    }

    /** Parsed first, so a bad expression fails here with the field named, not as an AWS validation error. */
    static String expression(String cron) {
        return CronSchedule.parse(cron).scheduleExpression();
    }

    private static Target target(RecurringTarget target, String body) {
        return Target.builder()
                .arn(target.queueArn())
                .roleArn(target.roleArn())
                .input(body)
                .deadLetterConfig(d -> d.arn(target.deadLetterArn()))
                .retryPolicy(r -> r.maximumRetryAttempts(DeferralRequests.SCHEDULE_RETRY_ATTEMPTS))
                .build();
    }
}
