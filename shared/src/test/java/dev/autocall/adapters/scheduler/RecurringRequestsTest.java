package dev.autocall.adapters.scheduler;

import dev.autocall.domain.campaign.RecurringSchedules;
import dev.autocall.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.DeadLetterConfig;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindow;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.RetryPolicy;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleResponse;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecurringRequestsTest {
    private static final RecurringTarget TARGET = new RecurringTarget(
            "arn:aws:sqs:us-east-1:123456789012:autocall-CampaignQueue",
            "autocall-dev",
            "arn:aws:iam::123456789012:role/autocall-SchedulerRole",
            "arn:aws:sqs:us-east-1:123456789012:autocall-SchedulerDeadLetterQueue");
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final String BODY = "{\"campaignId\":\"flu-dec\"}";

    @Test
    void createSchedule_should_fireTheCronInTheCampaignsZoneForEver_when_arming() {
        // WHEN
        CreateScheduleRequest request = RecurringRequests.createSchedule(TARGET, "r-1", "0 9 ? * MON *", CHICAGO, BODY);

        // THEN
        CreateScheduleRequest expected = CreateScheduleRequest.builder()
                .name("r-1")
                .groupName("autocall-dev")
                .scheduleExpression("cron(0 9 ? * MON *)")
                .scheduleExpressionTimezone("America/Chicago")
                .flexibleTimeWindow(FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.OFF).build())
                .actionAfterCompletion(ActionAfterCompletion.NONE)
                .state(ScheduleState.ENABLED)
                .target(Target.builder()
                        .arn("arn:aws:sqs:us-east-1:123456789012:autocall-CampaignQueue")
                        .roleArn("arn:aws:iam::123456789012:role/autocall-SchedulerRole")
                        .input(BODY)
                        .deadLetterConfig(DeadLetterConfig.builder()
                                .arn("arn:aws:sqs:us-east-1:123456789012:autocall-SchedulerDeadLetterQueue").build())
                        .retryPolicy(RetryPolicy.builder().maximumRetryAttempts(3).build())
                        .build())
                .build();
        assertEquals(expected, request);
    }

    @Test
    void updateSchedule_should_carryEveryFieldOfTheCreate_when_replacing() {
        // WHEN
        UpdateScheduleRequest update = RecurringRequests.updateSchedule(TARGET, "r-1", "0 8 ? * TUE *", CHICAGO, BODY);
        CreateScheduleRequest create = RecurringRequests.createSchedule(TARGET, "r-1", "0 8 ? * TUE *", CHICAGO, BODY);

        // THEN
        assertEquals("cron(0 8 ? * TUE *)", update.scheduleExpression());
        assertEquals(List.of(create.name(), create.groupName(), create.scheduleExpressionTimezone(), create.flexibleTimeWindow(),
                        create.actionAfterCompletion(), create.state(), create.target()),
                List.of(update.name(), update.groupName(), update.scheduleExpressionTimezone(), update.flexibleTimeWindow(),
                        update.actionAfterCompletion(), update.state(), update.target()));
    }

    @Test
    void deleteSchedule_should_nameTheScheduleInTheStacksGroup_when_disarming() {
        assertEquals(DeleteScheduleRequest.builder().name("r-1").groupName("autocall-dev").build(),
                RecurringRequests.deleteSchedule(TARGET, "r-1"));
    }

    @Test
    void createSchedule_should_refuseWithTheField_when_theCronIsNotSchedulers() {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> RecurringRequests.createSchedule(TARGET, "r-1", "0 9 * * MON *", CHICAGO, BODY));
        assertEquals(Optional.of("recurrence.cron"), refused.field());
    }

    @Test
    void nameFor_should_beStableValidAndPerWorkspace_when_derivedFromTheIds() {
        // GIVEN
        String name = RecurringSchedules.nameFor("ws_demo", "flu-dec");

        // THEN
        assertEquals(name, RecurringSchedules.nameFor("ws_demo", "flu-dec"), "every arm and disarm meets the same schedule");
        assertNotEquals(name, RecurringSchedules.nameFor("ws_other", "flu-dec"), "another workspace, another schedule");
        assertNotEquals(RecurringSchedules.nameFor("a/b", "c"), RecurringSchedules.nameFor("a", "b/c"));
        assertTrue(RecurringSchedules.nameFor("ws/" + "x".repeat(300), "ü c/ä").matches("[0-9a-zA-Z\\-_.]{1,64}"));
    }

    @Test
    void arm_should_replaceTheSchedule_when_itExists() {
        // GIVEN
        FakeScheduler scheduler = new FakeScheduler();
        SchedulerRecurringSchedules schedules = new SchedulerRecurringSchedules(scheduler, TARGET);
        schedules.arm("r-1", "0 9 ? * MON *", CHICAGO, BODY);

        // WHEN
        schedules.arm("r-1", "0 10 ? * MON *", ZoneId.of("America/New_York"), BODY);

        // THEN
        assertEquals(Map.of("r-1", "cron(0 10 ? * MON *) America/New_York"), scheduler.schedules);
        assertEquals(List.of("create r-1", "create r-1", "update r-1"), scheduler.calls);
    }

    @Test
    void disarm_should_succeed_when_theScheduleIsAlreadyGone() {
        // GIVEN
        FakeScheduler scheduler = new FakeScheduler();
        SchedulerRecurringSchedules schedules = new SchedulerRecurringSchedules(scheduler, TARGET);
        schedules.arm("r-1", "0 9 ? * MON *", CHICAGO, BODY);
        schedules.disarm("r-1");

        // WHEN / THEN
        assertDoesNotThrow(() -> schedules.disarm("r-1"));
        assertEquals(Map.of(), scheduler.schedules);
    }

    /** Scheduler's answers for existing and missing names, kept in a map. */
    private static final class FakeScheduler implements SchedulerClient {
        final Map<String, String> schedules = new HashMap<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public CreateScheduleResponse createSchedule(CreateScheduleRequest request) {
            calls.add("create " + request.name());
            if (schedules.putIfAbsent(request.name(), request.scheduleExpression() + " " + request.scheduleExpressionTimezone()) != null) {
                throw ConflictException.builder().message("exists").build();
            }
            return CreateScheduleResponse.builder().build();
        }

        @Override
        public UpdateScheduleResponse updateSchedule(UpdateScheduleRequest request) {
            calls.add("update " + request.name());
            if (schedules.replace(request.name(), request.scheduleExpression() + " " + request.scheduleExpressionTimezone()) == null) {
                throw ResourceNotFoundException.builder().message("missing").build();
            }
            return UpdateScheduleResponse.builder().build();
        }

        @Override
        public DeleteScheduleResponse deleteSchedule(DeleteScheduleRequest request) {
            calls.add("delete " + request.name());
            if (schedules.remove(request.name()) == null) {
                throw ResourceNotFoundException.builder().message("missing").build();
            }
            return DeleteScheduleResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "scheduler";
        }

        @Override
        public void close() {
        }
    }
}
