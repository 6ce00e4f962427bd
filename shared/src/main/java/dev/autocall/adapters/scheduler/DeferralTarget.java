package dev.autocall.adapters.scheduler;

import dev.autocall.config.Environment;
import dev.autocall.config.Names;

import java.util.Objects;

/**
 * Where deferred messages go: one queue (its URL for SQS timers, its ARN for Scheduler), the stack's
 * schedule group, the role Scheduler assumes to send to the queue, and the queue for sends that fail.
 */
public record DeferralTarget(String queueUrl, String queueArn, String scheduleGroup, String roleArn, String deadLetterArn) {

    public DeferralTarget {
        Objects.requireNonNull(queueUrl, "queueUrl");
        Objects.requireNonNull(queueArn, "queueArn");
        Objects.requireNonNull(scheduleGroup, "scheduleGroup");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(deadLetterArn, "deadLetterArn");
    }

    /** The events queue (workflow waits), from the function's environment; fails fast on a missing value. */
    public static DeferralTarget eventsQueue(Environment env) {
        return new DeferralTarget(env.required(Names.EVENTS_QUEUE_URL), env.required(Names.EVENTS_QUEUE_ARN),
                env.required(Names.SCHEDULE_GROUP), env.required(Names.SCHEDULER_ROLE_ARN), env.required(Names.SCHEDULER_DLQ_ARN));
    }

    /** The dial queue (settle checks of placed calls), from the function's environment; fails fast on a missing value. */
    public static DeferralTarget dialQueue(Environment env) {
        return new DeferralTarget(env.required(Names.DIAL_QUEUE_URL), env.required(Names.DIAL_QUEUE_ARN),
                env.required(Names.SCHEDULE_GROUP), env.required(Names.SCHEDULER_ROLE_ARN), env.required(Names.SCHEDULER_DLQ_ARN));
    }

    /** The compliance queue, from the function's environment; fails fast on a missing value. */
    public static DeferralTarget complianceQueue(Environment env) {
        return new DeferralTarget(env.required(Names.COMPLIANCE_QUEUE_URL), env.required(Names.COMPLIANCE_QUEUE_ARN),
                env.required(Names.SCHEDULE_GROUP), env.required(Names.SCHEDULER_ROLE_ARN), env.required(Names.SCHEDULER_DLQ_ARN));
    }

    /** The campaign queue (ticks, starts at startAt), from the function's environment; fails fast on a missing value. */
    public static DeferralTarget campaignQueue(Environment env) {
        return new DeferralTarget(env.required(Names.CAMPAIGN_QUEUE_URL), env.required(Names.CAMPAIGN_QUEUE_ARN),
                env.required(Names.SCHEDULE_GROUP), env.required(Names.SCHEDULER_ROLE_ARN), env.required(Names.SCHEDULER_DLQ_ARN));
    }

    /** The webhook queue (retries of outbound webhook deliveries), from the function's environment; fails fast on a missing value. */
    public static DeferralTarget webhookQueue(Environment env) {
        return new DeferralTarget(env.required(Names.WEBHOOK_QUEUE_URL), env.required(Names.WEBHOOK_QUEUE_ARN),
                env.required(Names.SCHEDULE_GROUP), env.required(Names.SCHEDULER_ROLE_ARN), env.required(Names.SCHEDULER_DLQ_ARN));
    }
}
