package dev.autocall.domain.trigger;

import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventTypes;
import dev.autocall.domain.setup.WorkspaceSetup;
import dev.autocall.domain.webhook.OutboundWebhooks;
import dev.autocall.domain.workflow.WorkflowRun;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.autocall.testing.SampleWorkspaces.BUSINESS_NUMBER;
import static dev.autocall.testing.SampleWorkspaces.CALLER;
import static dev.autocall.testing.SampleWorkspaces.WORKSPACE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The webhook events the trigger sends: when a run ends, an IVR call completes, a contact opts out. */
class OutboundWebhookSourcesTest {
    private static final Instant START = Instant.parse("2026-11-02T15:00:00Z");

    private record Sent(String workspaceId, String id, String type, Instant timestamp, Map<String, Object> data) {
    }

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final InMemoryContactStore contacts = new InMemoryContactStore();
    private final InMemoryWorkflowStore workflows = new InMemoryWorkflowStore();
    private final InMemoryRunStore runs = new InMemoryRunStore();
    private final List<Sent> sent = new ArrayList<>();
    private final OutboundWebhooks webhooks = (ws, id, type, at, data) -> sent.add(new Sent(ws, id, type, at, data));
    private EventProcessor processor;

    @BeforeEach
    void setUp() {
        Messenger messenger = new Messenger(new RecordingSmsSender(), contacts, clock);
        WorkflowRunner runner = new WorkflowRunner(workflows, runs, contacts, messenger, RecordingQueues.callSteps(clock), clock, webhooks);
        processor = new EventProcessor(workspaces, contacts, new InMemoryProcessedEvents(clock), runner, messenger, clock,
                Optional.empty(), webhooks);
        new WorkspaceSetup(workspaces, workflows, clock).create(SampleWorkspaces.acme());
    }

    private static DomainEvent event(String id, String type, Map<String, Object> data) {
        return new DomainEvent(id, type, WORKSPACE_ID, START, CALLER, BUSINESS_NUMBER, data, Map.of());
    }

    @Test
    void aRunThatEndsSendsRunCompletedWithItsRunWorkflowContactAndStatus() {
        processor.process(event("twilio:CA1:call.missed", EventTypes.CALL_MISSED, Map.of("callSid", "CA1")));

        WorkflowRun run = runs.all(WORKSPACE_ID).getFirst();
        assertEquals(1, sent.size());
        Sent completed = sent.getFirst();
        assertEquals("run.completed", completed.type());
        assertEquals("run:" + WORKSPACE_ID + ":" + run.runId() + ":completed", completed.id());
        assertEquals(Map.of("runId", run.runId(), "workflowId", run.workflowId(), "contact", CALLER, "status", "completed"),
                completed.data());
        assertEquals(run.finishedAt(), completed.timestamp());
    }

    @Test
    void anIvrCallCompletedIsSentWithItsDataAndContactUnderAnIdMadeOfTheEvents() {
        processor.process(event("twilio:CA2:ivr.completed", EventTypes.IVR_COMPLETED,
                Map.of("callSid", "CA2", "direction", "outbound", "flowId", "menu", "keys", List.of("1"))));

        Sent ivr = sent.stream().filter(s -> s.type().equals("ivr.completed")).findFirst().orElseThrow();
        assertEquals("event:" + WORKSPACE_ID + ":twilio:CA2:ivr_completed", ivr.id());
        assertEquals(CALLER, ivr.data().get("contact"));
        assertEquals("menu", ivr.data().get("flowId"));
        assertEquals(START, ivr.timestamp());
        assertTrue(ivr.id().indexOf('.') < 0, "no dot in a webhook id");
    }

    @Test
    void aContactOptingOutIsSent() {
        processor.process(event("twilio:CA3:contact.opted_out", EventTypes.CONTACT_OPTED_OUT,
                Map.of("callSid", "CA3", "channel", "voice", "direction", "inbound")));

        Sent optOut = sent.stream().filter(s -> s.type().equals("contact.opted_out")).findFirst().orElseThrow();
        assertEquals(CALLER, optOut.data().get("contact"));
        assertEquals("voice", optOut.data().get("channel"));
    }
}
