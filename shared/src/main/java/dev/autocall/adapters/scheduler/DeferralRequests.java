package dev.autocall.adapters.scheduler;

import dev.autocall.adapters.sqs.SqsTimer;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/** The SDK requests a deferral becomes, as pure functions of the target, the message and the times. */
final class DeferralRequests {
    /** The longest SQS message timer. */
    static final Duration QUEUE_TIMER_LIMIT = Duration.ofMinutes(15);
    /** Sending to SQS fails for an outage or a permission, not for the message: retry a little, then dead-letter. */
    static final int SCHEDULE_RETRY_ATTEMPTS = 3;
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private DeferralRequests() {
    }

    static boolean fitsQueueTimer(Instant now, Instant when) {
        return Duration.between(now, when).compareTo(QUEUE_TIMER_LIMIT) <= 0;
    }

    static SendMessageRequest sendMessage(DeferralTarget target, String body, Instant now, Instant when) {
        return SendMessageRequest.builder()
                .queueUrl(target.queueUrl())
                .messageBody(body)
                .delaySeconds(delaySeconds(now, when))
                .build();
    }

    /** Whole seconds, rounded up so the message never arrives early; 0 when already due. */
    static int delaySeconds(Instant now, Instant when) {
        return SqsTimer.delaySeconds(Duration.between(now, when));
    }

    static CreateScheduleRequest createSchedule(DeferralTarget target, String body, String deduplicationId, Instant when) {
        return CreateScheduleRequest.builder()
                .name(scheduleName(deduplicationId))
                .groupName(target.scheduleGroup())
                .scheduleExpression(atExpression(when))
                .scheduleExpressionTimezone("UTC")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .actionAfterCompletion(ActionAfterCompletion.DELETE)
                .target(t -> t.arn(target.queueArn())
                        .roleArn(target.roleArn())
                        .input(body)
                        .deadLetterConfig(d -> d.arn(target.deadLetterArn()))
                        .retryPolicy(r -> r.maximumRetryAttempts(SCHEDULE_RETRY_ATTEMPTS)))
                .build();
    }

    /**
     * The same deferral always gets the same name, so a redelivered deferral meets the schedule its first
     * delivery created. Scheduler names allow 64 of [0-9A-Za-z_.-]: a hash fits whatever the id holds.
     */
    static String scheduleName(String deduplicationId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(deduplicationId.getBytes(StandardCharsets.UTF_8));
            return "d-" + HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Scheduler fires at whole minutes: round up, so the message never arrives before it is due. */
    static String atExpression(Instant when) {
        Instant minute = when.truncatedTo(ChronoUnit.MINUTES);
        Instant due = minute.equals(when) ? when : minute.plus(1, ChronoUnit.MINUTES);
        return "at(" + AT.format(due) + ")";
    }
}
