package dev.autocall.domain.trigger;

import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventTypes;
import dev.autocall.domain.reporting.AnalyticsCounters;
import dev.autocall.domain.reporting.CallLogWriter;
import dev.autocall.domain.reporting.CallRow;
import dev.autocall.domain.setup.WorkspaceSetup;
import dev.autocall.domain.webhook.OutboundWebhooks;
import dev.autocall.testing.InMemoryCallRows;
import dev.autocall.testing.InMemoryContactStore;
import dev.autocall.testing.InMemoryProcessedEvents;
import dev.autocall.testing.InMemoryRunStore;
import dev.autocall.testing.InMemoryWorkflowStore;
import dev.autocall.testing.InMemoryWorkspaceStore;
import dev.autocall.testing.MutableClock;
import dev.autocall.testing.RecordingQueues;
import dev.autocall.testing.RecordingSmsSender;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.autocall.testing.SampleWorkspaces.BUSINESS_NUMBER;
import static dev.autocall.testing.SampleWorkspaces.CALLER;
import static dev.autocall.testing.SampleWorkspaces.WORKSPACE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The trigger writes the call log from the call events it processes, whoever the caller is. */
class EventProcessorCallLogTest {
    private static final Instant START = Instant.parse("2026-11-02T15:00:00Z");
    private final MutableClock clock = new MutableClock(START);
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final InMemoryContactStore contacts = new InMemoryContactStore();
    private final InMemoryCallRows rows = new InMemoryCallRows();
    private final EventProcessor processor;

    EventProcessorCallLogTest() {
        InMemoryWorkflowStore workflows = new InMemoryWorkflowStore();
        Messenger messenger = new Messenger(new RecordingSmsSender(), contacts, clock);
        WorkflowRunner runner = new WorkflowRunner(workflows, new InMemoryRunStore(), contacts, messenger,
                RecordingQueues.callSteps(clock), clock);
        processor = new EventProcessor(workspaces, contacts, new InMemoryProcessedEvents(clock), runner, messenger, clock,
                Optional.empty(), Optional.of(new CallLogWriter(rows, workspaces, AnalyticsCounters.NONE, OutboundWebhooks.NONE)));
        new WorkspaceSetup(workspaces, workflows, clock).create(SampleWorkspaces.acme());
    }

    @Test
    void aMissedCallFromAKnownContact_isARowWithTheContactsName() {
        contacts.save(WORKSPACE_ID, new Contact(CALLER, "Dana", "Reyes", List.of(), null, null, null, null, null, "manual", START));

        processor.process(call(EventTypes.CALL_MISSED, "CA1", CALLER));
        processor.process(call(EventTypes.CALL_COMPLETED, "CA1", CALLER));

        CallRow row = rows.find(WORKSPACE_ID, "CA1").orElseThrow();
        assertEquals("Dana Reyes", row.contactName());
        assertEquals("completed", row.status());
        assertEquals("missed", row.outcome());
        assertEquals(BUSINESS_NUMBER, row.callerId());
    }

    @Test
    void aWithheldCallersCall_isARowWithoutContact() {
        processor.process(call(EventTypes.CALL_COMPLETED, "CA2", null));

        CallRow row = rows.find(WORKSPACE_ID, "CA2").orElseThrow();
        assertNull(row.contact());
        assertEquals("completed", row.status());
    }

    private DomainEvent call(String type, String sid, String from) {
        return new DomainEvent("twilio:" + sid + ":" + type, type, WORKSPACE_ID, clock.instant(), from, BUSINESS_NUMBER,
                Map.of("callSid", sid, "startedAt", START.toString()), Map.of());
    }
}
