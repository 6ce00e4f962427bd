package dev.autocall.adapters.scheduler;

import java.util.Objects;

/**
 * Where recurring firings go: the queue's ARN, the stack's schedule group, the role Scheduler assumes to send to
 * the queue, and the queue for sends that fail.
 */
public record RecurringTarget(String queueArn, String scheduleGroup, String roleArn, String deadLetterArn) {

    public RecurringTarget {
        Objects.requireNonNull(queueArn, "queueArn");
        Objects.requireNonNull(scheduleGroup, "scheduleGroup");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(deadLetterArn, "deadLetterArn");
    }
}
