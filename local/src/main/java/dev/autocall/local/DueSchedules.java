package dev.autocall.local;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fires the Scheduler stand-in's due schedules, checking the runtime's clock five times a second: sends each
 * schedule's input to its target queue through the real SQS client, or to its dead-letter queue when that
 * send fails (at once: the stand-in does not retry). A cron schedule stays and fires again at its next
 * occurrence; after a clock jump over several occurrences it fires once, not once for each.
 */
final class DueSchedules implements AutoCloseable {
    static final Pattern SQS_ARN = Pattern.compile("arn:aws(-[a-z]+)?:sqs:[a-z0-9\\-]+:\\d{12}:([a-zA-Z0-9\\-_]+)");
    private static final Logger LOG = Logger.getLogger(DueSchedules.class.getName());

    private final ConcurrentMap<String, LocalSchedule> schedules;
    private final SqsClient sqs;
    private final Clock clock;
    private final InFlight firing = new InFlight();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("scheduler-stand-in").unstarted(r));

    DueSchedules(ConcurrentMap<String, LocalSchedule> schedules, SqsClient sqs, Clock clock) {
        this.schedules = schedules;
        this.sqs = sqs;
        this.clock = clock;
    }

    void start() {
        ticker.scheduleWithFixedDelay(this::fireDue, 200, 200, TimeUnit.MILLISECONDS);
    }

    /** Schedules due by the clock and not yet sent, and those being sent now: for the runtime's quiet wait. */
    List<String> dueOrFiring() {
        Instant now = clock.instant();
        List<String> busy = new ArrayList<>(firing.busy());
        schedules.values().stream().filter(s -> s.dueAt(now)).forEach(s -> busy.add(s.key() + " due"));
        return busy;
    }

    private void fireDue() {
        Instant now = clock.instant();
        for (LocalSchedule schedule : schedules.values()) {
            try (InFlight.Work work = firing.start(schedule.key() + " firing")) {
                if (schedule.dueAt(now) && complete(schedule, now)) {
                    fire(schedule);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "schedule " + schedule.key() + " could not be fired", e);
            }
        }
    }

    /**
     * Settles the schedule before sending, so that it fires once: a cron schedule moves to its next firing; one
     * with none left (or a one-time schedule) completes, and DELETE removes it, NONE keeps it, fired.
     */
    private boolean complete(LocalSchedule schedule, Instant now) {
        LocalSchedule next = schedule.afterFiring(now);
        return next.fired() && schedule.deletedAfterCompletion()
                ? schedules.remove(schedule.key(), schedule)
                : schedules.replace(schedule.key(), schedule, next);
    }

    private void fire(LocalSchedule schedule) {
        // Scheduler fills in this context attribute of a target's input with the time the firing was due.
        String input = schedule.input().replace("<aws.scheduler.scheduled-time>",
                schedule.due().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        try {
            sqs.sendMessage(m -> m.queueUrl(queueUrl(schedule.targetArn())).messageBody(input));
        } catch (SdkException e) {
            deadLetter(schedule, e);
        }
    }

    /** The undeliverable input, with what went wrong in message attributes, as Scheduler sends it. */
    private void deadLetter(LocalSchedule schedule, SdkException failure) {
        if (schedule.deadLetterArn().isEmpty()) {
            LOG.warning("schedule " + schedule.key() + " could not reach its target and has no dead-letter queue: "
                    + failure.getMessage());
            return;
        }
        sqs.sendMessage(m -> m.queueUrl(queueUrl(schedule.deadLetterArn())).messageBody(schedule.input())
                .messageAttributes(Map.of(
                        "ERROR_CODE", text(failure.getClass().getSimpleName()),
                        "ERROR_MESSAGE", text(String.valueOf(failure.getMessage())),
                        "SCHEDULE_ARN", text(schedule.arn()),
                        "TARGET_ARN", text(schedule.targetArn()))));
    }

    /** An SQS ARN ends with the queue's name: ElasticMQ gives its URL, so queues a test creates work too. */
    private String queueUrl(String arn) {
        Matcher sqsArn = SQS_ARN.matcher(arn);
        if (!sqsArn.matches()) {
            throw new IllegalArgumentException("not an SQS queue ARN: " + arn);
        }
        return sqs.getQueueUrl(g -> g.queueName(sqsArn.group(2))).queueUrl();
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
