package dev.autocall.local;

import dev.autocall.adapters.scheduler.RecurringTarget;
import dev.autocall.adapters.scheduler.SchedulerRecurringSchedules;
import dev.autocall.aws.AwsClients;
import dev.autocall.domain.campaign.CronSchedule;
import dev.autocall.domain.campaign.RecurringSchedules;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ValidationException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recurring schedules through the real Scheduler and SQS clients against the local runtime: the adapter arms a
 * cron schedule at the Scheduler stand-in, and moving /_sim/clock fires it. Each test has its own queue and
 * schedule group.
 */
class RecurringSchedulesIntegrationTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/SchedulerRole";
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
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
    void arm_should_sendTheMessageAtEachFiring_until_disarmed() {
        // GIVEN every Monday 09:00 in Chicago
        Queue queue = queue("RecurWeeklyQueue");
        RecurringSchedules schedules = schedules(queue, "recur-weekly");
        String name = RecurringSchedules.nameFor("ws_demo", "weekly");
        CronSchedule mondays = CronSchedule.parse("0 9 ? * MON *");
        schedules.arm(name, "0 9 ? * MON *", CHICAGO, "{\"campaignId\":\"weekly\"}");
        assertEquals(Optional.empty(), receive(queue, Duration.ofMillis(600)), "nothing before the first firing");

        // WHEN the clock passes the first Monday, THEN one message
        ZonedDateTime first = nextFiring(mondays);
        setClock(first.plusSeconds(30));
        assertEquals("{\"campaignId\":\"weekly\"}", receive(queue, Duration.ofSeconds(3))
                .orElseThrow(() -> new AssertionError("the first Monday did not fire")).body());
        assertEquals(Optional.empty(), receive(queue, Duration.ofMillis(600)), "one message per firing");

        // WHEN it passes the second Monday, THEN a second message: the schedule stays after firing
        ZonedDateTime second = nextFiring(mondays);
        assertEquals(first.plusWeeks(1).toInstant(), second.toInstant());
        setClock(second.plusSeconds(30));
        assertTrue(receive(queue, Duration.ofSeconds(3)).isPresent(), "the second Monday did not fire");

        // WHEN disarmed and the clock passes the third Monday, THEN nothing more
        schedules.disarm(name);
        schedules.disarm(name);
        setClock(nextFiring(mondays).plusSeconds(30));
        assertEquals(Optional.empty(), receive(queue, Duration.ofSeconds(1)), "a disarmed schedule fires no more");
        assertEquals(List.of(), names("recur-weekly"));
    }

    @Test
    void standIn_should_fireOnce_when_theClockJumpsOverSeveralFirings() {
        // GIVEN every hour on the hour
        Queue queue = queue("RecurHourlyQueue");
        RecurringSchedules schedules = schedules(queue, "recur-hourly");
        String name = RecurringSchedules.nameFor("ws_demo", "hourly");
        schedules.arm(name, "0 * * * ? *", CHICAGO, "{\"campaignId\":\"hourly\"}");

        // WHEN a day passes at once
        client.sim("POST", "/_sim/clock", Map.of("advance", "P1D"));

        // THEN the latest missed firing is sent once, not 24 times
        assertTrue(receive(queue, Duration.ofSeconds(3)).isPresent(), "the jump fired nothing");
        assertEquals(Optional.empty(), receive(queue, Duration.ofSeconds(1)), "a jump over many firings fires once");
        schedules.disarm(name);
    }

    @Test
    void arm_should_replaceTheSchedule_when_armedAgainWithAnotherCron() {
        // GIVEN
        Queue queue = queue("RecurReplacedQueue");
        RecurringSchedules schedules = schedules(queue, "recur-replaced");
        String name = RecurringSchedules.nameFor("ws_demo", "replaced");
        schedules.arm(name, "0 9 ? * MON *", CHICAGO, "{\"campaignId\":\"replaced\"}");

        // WHEN
        schedules.arm(name, "30 8 ? * TUE *", ZoneId.of("America/New_York"), "{\"campaignId\":\"replaced\",\"v\":2}");

        // THEN one schedule, with what the second arm asked for
        GetScheduleResponse stored = scheduler.getSchedule(g -> g.name(name).groupName("recur-replaced"));
        assertEquals(List.of(name), names("recur-replaced"));
        assertEquals("cron(30 8 ? * TUE *)", stored.scheduleExpression());
        assertEquals("America/New_York", stored.scheduleExpressionTimezone());
        assertEquals("{\"campaignId\":\"replaced\",\"v\":2}", stored.target().input());
        schedules.disarm(name);
    }

    @Test
    void createSchedule_should_beRefused_when_theCronBreaksSchedulersRules() {
        // WHEN / THEN: * in both day fields
        ValidationException refused = assertThrows(ValidationException.class, () -> scheduler.createSchedule(c -> c
                .name("bad-cron").groupName("recur-bad").scheduleExpression("cron(0 9 * * MON *)")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn("arn:aws:sqs:elasticmq:000000000000:RecurBadQueue").roleArn(ROLE).input("{}"))));
        assertTrue(refused.getMessage().contains("day-of-week"), refused.getMessage());
        assertEquals(List.of(), names("recur-bad"));
    }

    private static ZonedDateTime nextFiring(CronSchedule schedule) {
        return schedule.next(runtime.clock().instant().atZone(CHICAGO)).orElseThrow();
    }

    private static void setClock(ZonedDateTime when) {
        client.sim("POST", "/_sim/clock", Map.of("set", when.toInstant().toString()));
    }

    private RecurringSchedules schedules(Queue queue, String group) {
        return new SchedulerRecurringSchedules(scheduler, new RecurringTarget(queue.arn(), group, ROLE,
                queue("SchedulerDeadLetterQueue").arn()));
    }

    private static Queue queue(String name) {
        String url = sqs.createQueue(c -> c.queueName(name)).queueUrl();
        String arn = sqs.getQueueAttributes(g -> g.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new Queue(url, arn);
    }

    private static List<String> names(String group) {
        return new ArrayList<>(scheduler.listSchedules(l -> l.groupName(group)).schedules().stream().map(s -> s.name()).toList());
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
