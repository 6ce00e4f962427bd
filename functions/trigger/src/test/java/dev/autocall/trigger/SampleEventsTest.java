package dev.autocall.trigger;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.autocall.domain.setup.WorkspaceSetup;
import dev.autocall.domain.trigger.EventProcessor;
import dev.autocall.domain.trigger.Messenger;
import dev.autocall.domain.trigger.WorkflowRunner;
import dev.autocall.testing.InMemoryContactStore;
import dev.autocall.testing.InMemoryProcessedEvents;
import dev.autocall.testing.InMemoryRunStore;
import dev.autocall.testing.InMemoryWorkflowStore;
import dev.autocall.testing.InMemoryWorkspaceStore;
import dev.autocall.testing.MutableClock;
import dev.autocall.testing.RecordingQueues;
import dev.autocall.testing.RecordingSmsSender;
import dev.autocall.testing.SampleEvents;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The events-queue fixtures in events/ run through the trigger handler as Lambda would deliver them. */
class SampleEventsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T15:00:30Z"));
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
        new WorkspaceSetup(workspaces, workflows, clock).create(SampleWorkspaces.acme().withId("ws_demo"));
    }

    @Test
    void theMissedCallSample_isTextedBack() {
        SQSBatchResponse response = handler.handleRequest(SampleEvents.read("sqs-events-call-missed.json", SQSEvent.class), null);

        assertTrue(response.getBatchItemFailures().isEmpty());
        assertEquals(1, sms.sent().size());
        assertTrue(sms.sent().get(0).body().startsWith("Hi there,"), sms.sent().get(0).body());
    }

    @Test
    void aMalformedMessageInABatch_isReported_andTheOthersAreProcessed() {
        SQSEvent batch = SampleEvents.read("sqs-events-mixed-with-poison.json", SQSEvent.class);

        SQSBatchResponse response = handler.handleRequest(batch, null);

        assertEquals(List.of(batch.getRecords().get(1).getMessageId()),
                response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertEquals(1, sms.sent().size(), "the missed call is texted back; the lead event has no workflow");
        assertEquals("Dana", contacts.find("ws_demo", "+14155550123").orElseThrow().firstName(),
                "the lead event's contact fields are merged");
    }
}
