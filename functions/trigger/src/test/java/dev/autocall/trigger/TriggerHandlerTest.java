package dev.autocall.trigger;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventTypes;
import dev.autocall.domain.setup.WorkspaceSetup;
import dev.autocall.domain.trigger.EventProcessor;
import dev.autocall.domain.trigger.Messenger;
import dev.autocall.domain.trigger.WorkflowRunner;
import dev.autocall.json.Json;
import dev.autocall.testing.InMemoryContactStore;
import dev.autocall.testing.InMemoryProcessedEvents;
import dev.autocall.testing.InMemoryRunStore;
import dev.autocall.testing.InMemoryWorkflowStore;
import dev.autocall.testing.InMemoryWorkspaceStore;
import dev.autocall.testing.MutableClock;
import dev.autocall.testing.RecordingQueues;
import dev.autocall.testing.RecordingSmsSender;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.autocall.testing.SampleWorkspaces.BUSINESS_NUMBER;
import static dev.autocall.testing.SampleWorkspaces.WORKSPACE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TriggerHandlerTest {
    private static final Instant NOW = Instant.parse("2026-11-02T15:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final InMemoryContactStore contacts = new InMemoryContactStore();
    private final InMemoryWorkflowStore workflows = new InMemoryWorkflowStore();
    private final RecordingSmsSender sms = new RecordingSmsSender();
    private TriggerHandler handler;

    @BeforeEach
    void setUp() {
        Messenger messenger = new Messenger(sms, contacts, clock);
        handler = new TriggerHandler(new EventProcessor(workspaces, contacts, new InMemoryProcessedEvents(clock),
                new WorkflowRunner(workflows, new InMemoryRunStore(), contacts, messenger, RecordingQueues.callSteps(clock), clock), messenger, clock));
        new WorkspaceSetup(workspaces, workflows, clock).create(SampleWorkspaces.acme());
    }

    @Test
    void handleRequest_should_reportOnlyTheFailedMessage_when_oneEventOfABatchFails() {
        // GIVEN three missed calls; the provider is down for the second caller
        sms.failTo("+14155550124", new IllegalStateException("provider unavailable"));
        SQSEvent batch = batch(missedCall("m1", "CA1", "+14155550123"), missedCall("m2", "CA2", "+14155550124"),
                missedCall("m3", "CA3", "+14155550125"));

        // WHEN
        SQSBatchResponse response = handler.handleRequest(batch, null);

        // THEN the first and third callers are texted (in either order: a batch's events run concurrently);
        // SQS retries only the second
        assertEquals(List.of("m2"), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertEquals(List.of("+14155550123", "+14155550125"), sms.sent().stream().map(s -> s.to()).sorted().toList());
    }

    @Test
    void handleRequest_should_reportAMessageThatIsNotAnEvent_insteadOfDroppingIt() {
        // GIVEN
        SQSEvent.SQSMessage garbage = new SQSEvent.SQSMessage();
        garbage.setMessageId("m1");
        garbage.setBody("{\"not\": \"an event\"}");

        // WHEN
        SQSBatchResponse response = handler.handleRequest(batch(garbage), null);

        // THEN
        assertEquals("m1", response.getBatchItemFailures().get(0).getItemIdentifier());
    }

    private static SQSEvent.SQSMessage missedCall(String messageId, String callSid, String caller) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(messageId);
        message.setBody(Json.write(new DomainEvent("twilio:" + callSid + ":call.missed", EventTypes.CALL_MISSED, WORKSPACE_ID,
                NOW, caller, BUSINESS_NUMBER, Map.of("callSid", callSid, "startedAt", NOW.toString()), Map.of())));
        return message;
    }

    private static SQSEvent batch(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(messages));
        return event;
    }
}
