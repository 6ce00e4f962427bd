package dev.autocall.adapters.scheduler;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.DeadLetterConfig;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindow;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.RetryPolicy;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeferralRequestsTest {
    private static final DeferralTarget TARGET = new DeferralTarget(
            "https://sqs.us-east-1.amazonaws.com/123456789012/autocall-ComplianceQueue",
            "arn:aws:sqs:us-east-1:123456789012:autocall-ComplianceQueue",
            "autocall-dev",
            "arn:aws:iam::123456789012:role/autocall-SchedulerRole",
            "arn:aws:sqs:us-east-1:123456789012:autocall-SchedulerDeadLetterQueue");
    private static final Instant NOW = Instant.parse("2026-11-21T20:00:00.250Z");
    private static final String BODY = "{\"requestId\":\"req_1\"}";

    @ParameterizedTest(name = "due in {0} → SQS timer: {1}")
    @CsvSource({"PT0S, true", "PT2S, true", "PT15M, true", "PT15M0.001S, false", "PT20H, false", "-PT1M, true"})
    void fitsQueueTimer_should_holdUpToFifteenMinutes_when_deciding(Duration wait, boolean timer) {
        // WHEN / THEN
        assertEquals(timer, DeferralRequests.fitsQueueTimer(NOW, NOW.plus(wait)));
    }

    @Test
    void sendMessage_should_delayByWholeSecondsRoundedUp_when_dueWithinFifteenMinutes() {
        // WHEN
        SendMessageRequest request = DeferralRequests.sendMessage(TARGET, BODY, NOW, NOW.plusMillis(2_100));

        // THEN
        assertEquals(SendMessageRequest.builder().queueUrl(TARGET.queueUrl()).messageBody(BODY).delaySeconds(3).build(), request);
    }

    @ParameterizedTest(name = "due in {0} → DelaySeconds {1}")
    @CsvSource({"-PT5S, 0", "PT0S, 0", "PT0.000001S, 1", "PT2S, 2", "PT14M59.5S, 900", "PT15M, 900"})
    void delaySeconds_should_neverBeEarlyNorNegative_when_rounding(Duration wait, int seconds) {
        // WHEN / THEN
        assertEquals(seconds, DeferralRequests.delaySeconds(NOW, NOW.plus(wait)));
    }

    @Test
    void createSchedule_should_targetTheQueueOnceAtTheNextWholeMinute_when_dueLater() {
        // GIVEN
        Instant tomorrowJustAfterTen = Instant.parse("2026-11-22T10:00:00.400Z");

        // WHEN
        CreateScheduleRequest request = DeferralRequests.createSchedule(TARGET, BODY, "req_1@2026-11-21T20:00:00Z", tomorrowJustAfterTen);

        // THEN
        CreateScheduleRequest expected = CreateScheduleRequest.builder()
                .name(DeferralRequests.scheduleName("req_1@2026-11-21T20:00:00Z"))
                .groupName("autocall-dev")
                .scheduleExpression("at(2026-11-22T10:01:00)")
                .scheduleExpressionTimezone("UTC")
                .flexibleTimeWindow(FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.OFF).build())
                .actionAfterCompletion(ActionAfterCompletion.DELETE)
                .target(Target.builder()
                        .arn("arn:aws:sqs:us-east-1:123456789012:autocall-ComplianceQueue")
                        .roleArn("arn:aws:iam::123456789012:role/autocall-SchedulerRole")
                        .input(BODY)
                        .deadLetterConfig(DeadLetterConfig.builder()
                                .arn("arn:aws:sqs:us-east-1:123456789012:autocall-SchedulerDeadLetterQueue").build())
                        .retryPolicy(RetryPolicy.builder().maximumRetryAttempts(3).build())
                        .build())
                .build();
        assertEquals(expected, request);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "2026-11-22T10:00:00Z, at(2026-11-22T10:00:00)",
            "2026-11-22T10:00:00.000000001Z, at(2026-11-22T10:01:00)",
            "2026-11-22T09:59:01Z, at(2026-11-22T10:00:00)",
            "2026-12-31T23:59:30Z, at(2027-01-01T00:00:00)"})
    void atExpression_should_roundUpToTheMinuteInUtc_when_theTimeHasSeconds(Instant when, String expression) {
        // WHEN / THEN
        assertEquals(expression, DeferralRequests.atExpression(when));
    }

    @Test
    void scheduleName_should_beStableAndValidForScheduler_when_theIdHasAnyCharacters() {
        // GIVEN
        String id = "ws_demo/req_01HX:deferred@2026-11-21T20:00:00Z/" + "x".repeat(200);

        // WHEN
        String name = DeferralRequests.scheduleName(id);

        // THEN
        assertEquals(name, DeferralRequests.scheduleName(id), "a redelivered deferral gets the same name");
        assertNotEquals(name, DeferralRequests.scheduleName(id + "2"), "another deferral gets another name");
        assertTrue(name.matches("[0-9a-zA-Z\\-_.]{1,64}"), name);
    }
}
