package dev.autocall.local;

import dev.autocall.adapters.scheduler.DeferralTarget;
import dev.autocall.adapters.scheduler.QueueOrSchedulerDelivery;
import dev.autocall.aws.AwsClients;
import dev.autocall.domain.outbound.DeferredDelivery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deferred delivery through the real SQS and Scheduler clients against the local runtime: ElasticMQ's message
 * timers for short delays, the Scheduler stand-in for long ones, fired by moving /_sim/clock. Each test has its
 * own queue and schedule group, so moving the shared clock in one does not disturb another.
 */
class DeferredDeliveryIntegrationTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/SchedulerRole";
    private static LocalRuntime runtime;
    private static LocalClient client;
    private static SqsClient sqs;
    private static SchedulerClient scheduler;

    private record Queue(String url, String arn) {
    }

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(new LocalRuntime.Options(0, Optional.empty(), 1));
        client = new LocalClient(runtime.url(), runtime.apiKey());
        AwsClients aws = runtime.aws();
        sqs = aws.sqs();
        scheduler = aws.scheduler();
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void deliverAt_should_useAnSqsTimer_when_dueWithinFifteenMinutes() {
        // GIVEN
        Queue queue = queue("DeferShortQueue");
        DeferredDelivery delivery = delivery(queue, "defer-short");
        Instant sent = Instant.now();

        // WHEN
        delivery.deliverAt("{\"requestId\":\"short\"}", "short@1", runtime.clock().instant().plusSeconds(2));

        // THEN
        assertEquals(List.of(), schedules("defer-short"), "no schedule for a short delay");
        Message message = receive(queue, Duration.ofSeconds(6)).orElseThrow(() -> new AssertionError("no message after the delay"));
        Duration waited = Duration.between(sent, Instant.now());
        assertEquals("{\"requestId\":\"short\"}", message.body());
        assertTrue(waited.toMillis() >= 1_500, "held back by the timer: " + waited);
    }

    @Test
    void deliverAt_should_scheduleAndFireWhenTheClockPassesIt_when_dueTomorrow() {
        // GIVEN
        Queue queue = queue("DeferLongQueue");
        DeferredDelivery delivery = delivery(queue, "defer-long");
        Instant tomorrowTen = runtime.clock().instant().plus(Duration.ofHours(13).plusMinutes(30));

        // WHEN
        delivery.deliverAt("{\"requestId\":\"long\"}", "long@1", tomorrowTen);

        // THEN the schedule waits, and nothing is on the queue
        List<ScheduleSummary> waiting = schedules("defer-long");
        assertEquals(1, waiting.size(), "one schedule");
        assertEquals(queue.arn(), waiting.get(0).target().arn());
        assertEquals(Optional.empty(), receive(queue, Duration.ofSeconds(1)), "nothing before it is due");

        // WHEN the clock passes it
        client.sim("POST", "/_sim/clock", Map.of("advance", "PT14H"));

        // THEN it arrives within a second or two, and the schedule is gone
        Message message = receive(queue, Duration.ofSeconds(2)).orElseThrow(() -> new AssertionError("the schedule did not fire"));
        assertEquals("{\"requestId\":\"long\"}", message.body());
        assertEquals(List.of(), schedules("defer-long"), "deleted after completion");
    }

    @Test
    void deliverAt_should_createOneSchedule_when_theSameDeferralIsDeliveredTwice() {
        // GIVEN
        Queue queue = queue("DeferTwiceQueue");
        DeferredDelivery delivery = delivery(queue, "defer-twice");
        Instant inTwentyHours = runtime.clock().instant().plus(Duration.ofHours(20));

        // WHEN
        delivery.deliverAt("{\"requestId\":\"twice\"}", "twice@1", inTwentyHours);
        delivery.deliverAt("{\"requestId\":\"twice\"}", "twice@1", inTwentyHours);

        // THEN
        assertEquals(1, schedules("defer-twice").size(), "a redelivered deferral meets its schedule");
    }

    @Test
    void deliverAt_should_fail_when_theIdAlreadyDefersToAnotherTime() {
        // GIVEN
        Queue queue = queue("DeferReusedQueue");
        DeferredDelivery delivery = delivery(queue, "defer-reused");
        Instant inTwentyHours = runtime.clock().instant().plus(Duration.ofHours(20)).truncatedTo(ChronoUnit.MINUTES);
        delivery.deliverAt("{\"requestId\":\"reused\"}", "reused@1", inTwentyHours);

        // WHEN / THEN: failing gets the message retried; succeeding would lose the second deferral
        assertThrows(IllegalStateException.class,
                () -> delivery.deliverAt("{\"requestId\":\"reused\"}", "reused@1", inTwentyHours.plus(Duration.ofHours(2))));
        assertEquals(1, schedules("defer-reused").size());
    }

    @Test
    void dueSchedule_should_goToTheDeadLetterQueue_when_itsQueueIsGone() {
        // GIVEN a target queue that does not exist
        Queue deadLetters = queue("DeferDeadLetterQueue");
        Queue missing = new Queue("http://127.0.0.1:1/000000000000/DeferMissingQueue", "arn:aws:sqs:elasticmq:000000000000:DeferMissingQueue");
        DeferredDelivery delivery = new QueueOrSchedulerDelivery(sqs, scheduler,
                new DeferralTarget(missing.url(), missing.arn(), "defer-missing", ROLE, deadLetters.arn()), runtime.clock());
        delivery.deliverAt("{\"requestId\":\"lost\"}", "lost@1", runtime.clock().instant().plus(Duration.ofHours(1)));

        // WHEN
        client.sim("POST", "/_sim/clock", Map.of("advance", "PT1H2M"));

        // THEN
        Message message = receive(deadLetters, Duration.ofSeconds(2)).orElseThrow(() -> new AssertionError("not dead-lettered"));
        assertEquals("{\"requestId\":\"lost\"}", message.body());
        assertEquals(List.of(), schedules("defer-missing"));
    }

    private DeferredDelivery delivery(Queue queue, String group) {
        return new QueueOrSchedulerDelivery(sqs, scheduler, new DeferralTarget(queue.url(), queue.arn(), group, ROLE,
                queue("SchedulerDeadLetterQueue").arn()), runtime.clock());
    }

    private static Queue queue(String name) {
        String url = sqs.createQueue(c -> c.queueName(name)).queueUrl();
        String arn = sqs.getQueueAttributes(g -> g.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new Queue(url, arn);
    }

    private static List<ScheduleSummary> schedules(String group) {
        return new ArrayList<>(scheduler.listSchedules(l -> l.groupName(group)).schedules());
    }

    /** The first message within the timeout, deleted once read. */
    private static Optional<Message> receive(Queue queue, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        do {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queue.url()).maxNumberOfMessages(1).waitTimeSeconds(0)).messages();
            if (!messages.isEmpty()) {
                sqs.deleteMessage(d -> d.queueUrl(queue.url()).receiptHandle(messages.get(0).receiptHandle()));
                return Optional.of(messages.get(0));
            }
            sleep(Duration.ofMillis(100));
        } while (Instant.now().isBefore(deadline));
        return Optional.empty();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
