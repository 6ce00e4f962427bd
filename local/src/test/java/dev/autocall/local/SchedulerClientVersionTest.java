package dev.autocall.local;

import dev.autocall.aws.AwsClients;
import dev.autocall.config.Environment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry has the Scheduler client only up to 2.41.18, older than the SDK core the other clients pin
 * (docs/decisions.md): this proves the older client builds, marshals, signs and unmarshals on the newer core,
 * through a real HTTP round trip to the Scheduler stand-in, errors included.
 */
class SchedulerClientVersionTest {
    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:ComplianceQueue";
    private static Gateway gateway;
    private static SchedulerStandIn standIn;
    private static SchedulerClient scheduler;

    @BeforeAll
    static void start() throws IOException {
        LocalClock clock = new LocalClock();
        gateway = new Gateway(0, clock);
        // No schedule here comes due, so the stand-in never sends: its SQS client points nowhere.
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                "AUTOCALL_ENDPOINT_SQS", "http://127.0.0.1:9",
                "AUTOCALL_ENDPOINT_SCHEDULER", gateway.url() + SchedulerStandIn.PATH);
        AwsClients aws = new AwsClients(Environment.of(env));
        standIn = new SchedulerStandIn(aws.sqs(), clock);
        gateway.service(SchedulerStandIn.PATH, standIn);
        gateway.start();
        standIn.start();
        scheduler = aws.scheduler();
    }

    @AfterAll
    static void stop() {
        if (scheduler != null) {
            scheduler.close();
        }
        if (standIn != null) {
            standIn.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void schedulerClient_should_runOnTheNewerSdkCore_when_theVersionsDiffer() throws IOException {
        // WHEN
        String core = VersionInfo.SDK_VERSION;
        String client = mavenVersion("scheduler");

        // THEN
        assertEquals("2.54.14", core, "SDK core on the classpath");
        assertEquals("2.41.18", client, "Scheduler client on the classpath");
        assertNotEquals(core, client, "this test proves something only while the versions differ");
    }

    @Test
    void createAndGetSchedule_should_roundTripEveryField_when_sentThroughTheOlderClient() {
        // GIVEN
        String name = "version-test-round-trip";
        CreateScheduleRequest request = CreateScheduleRequest.builder()
                .name(name).groupName("autocall-test")
                .scheduleExpression("at(2099-01-02T10:00:00)").scheduleExpressionTimezone("UTC")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .actionAfterCompletion(ActionAfterCompletion.DELETE)
                .target(t -> t.arn(QUEUE).roleArn("arn:aws:iam::000000000000:role/SchedulerRole").input("{\"id\":1}")
                        .deadLetterConfig(d -> d.arn("arn:aws:sqs:us-east-1:000000000000:SchedulerDeadLetterQueue"))
                        .retryPolicy(r -> r.maximumRetryAttempts(3)))
                .build();

        // WHEN
        String arn = scheduler.createSchedule(request).scheduleArn();
        GetScheduleResponse schedule = scheduler.getSchedule(g -> g.name(name).groupName("autocall-test"));

        // THEN
        assertTrue(arn.endsWith(":schedule/autocall-test/" + name), arn);
        assertEquals(arn, schedule.arn());
        assertEquals(name, schedule.name());
        assertEquals("autocall-test", schedule.groupName());
        assertEquals(ScheduleState.ENABLED, schedule.state());
        assertEquals("at(2099-01-02T10:00:00)", schedule.scheduleExpression());
        assertEquals("UTC", schedule.scheduleExpressionTimezone());
        assertEquals(FlexibleTimeWindowMode.OFF, schedule.flexibleTimeWindow().mode());
        assertEquals(ActionAfterCompletion.DELETE, schedule.actionAfterCompletion());
        assertEquals(request.target(), schedule.target());
        assertTrue(Duration.between(schedule.creationDate(), Instant.now()).abs().toSeconds() < 60, "creation date in epoch seconds");
    }

    @Test
    void schedulerErrors_should_arriveAsTheirTypedExceptions_when_theServiceRefuses() {
        // GIVEN
        CreateScheduleRequest request = CreateScheduleRequest.builder()
                .name("version-test-twice").groupName("autocall-test")
                .scheduleExpression("at(2099-01-02T10:00:00)")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(QUEUE).roleArn("arn:aws:iam::000000000000:role/SchedulerRole").input("{}"))
                .build();
        scheduler.createSchedule(request);

        // WHEN / THEN
        assertThrows(ConflictException.class, () -> scheduler.createSchedule(request));
        assertThrows(ResourceNotFoundException.class, () -> scheduler.getSchedule(g -> g.name("absent").groupName("autocall-test")));
        scheduler.deleteSchedule(d -> d.name("version-test-twice").groupName("autocall-test"));
        List<ScheduleSummary> left = scheduler.listSchedules(l -> l.groupName("autocall-test").namePrefix("version-test-twice")).schedules();
        assertEquals(List.of(), left, "deleted");
    }

    private static String mavenVersion(String artifact) throws IOException {
        try (InputStream in = SchedulerClient.class.getResourceAsStream(
                "/META-INF/maven/software.amazon.awssdk/" + artifact + "/pom.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
    }
}
