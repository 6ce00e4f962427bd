package dev.autocall.domain.outbound;

import dev.autocall.domain.compliance.ComplianceGate;
import dev.autocall.domain.compliance.ComplianceRules;
import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.json.Json;
import dev.autocall.testing.InMemoryCallRequestStore;
import dev.autocall.testing.InMemoryCapStore;
import dev.autocall.testing.InMemoryContactStore;
import dev.autocall.testing.InMemoryWorkspaceStore;
import dev.autocall.testing.MutableClock;
import dev.autocall.testing.RecordingEventPublisher;
import dev.autocall.testing.RecordingQueues;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the compliance function does with each decision, and with a message it has seen before. */
class ComplianceProcessorTest {
    private static final String CHICAGO = "+13125550170";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T18:00:00Z"));   // 12:00 in Chicago
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final InMemoryContactStore contacts = new InMemoryContactStore();
    private final InMemoryCapStore caps = new InMemoryCapStore();
    private final InMemoryCallRequestStore requests = new InMemoryCallRequestStore();
    private final RecordingQueues dial = new RecordingQueues();
    private final RecordingQueues later = new RecordingQueues();
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private final dev.autocall.testing.InMemoryRunStore runs = new dev.autocall.testing.InMemoryRunStore();
    private final ComplianceProcessor processor = new ComplianceProcessor(requests,
            new ComplianceGate(workspaces, contacts, caps, new ComplianceRules(), clock), dial.queue, later.later, events, runs, clock);

    @BeforeEach
    void setUp() {
        Workspace acme = SampleWorkspaces.acme();
        workspaces.save(new Workspace(acme.id(), acme.name(), acme.numbers(), acme.forwarding(), acme.voicemail(), true, 1,
                null, null, null, null));
        contacts.save(acme.id(), new Contact(CHICAGO, "Dana", null, List.of(), null,
                new Contact.Consents(new Contact.Consent("form", true, clock.instant()), null), null, null, Map.of(), "form",
                clock.instant()));
    }

    @Test
    void process_should_sendToTheDialQueueOnce_when_theRequestPasses_evenIfDeliveredAgain() {
        create("req-1", CHICAGO);

        processor.process(message("req-1"));
        processor.process(message("req-1"));

        assertEquals(CallStatus.READY, requests.find(SampleWorkspaces.WORKSPACE_ID, "req-1").orElseThrow().status());
        assertEquals(2, dial.sent().size(), "a READY request is re-sent on redelivery (the dialer dials once)");
        assertEquals(1, caps.reservations(), "caps are reserved once");
    }

    @Test
    void process_should_deferToTheWindow_andNoteItOnTheRun_when_itIsTooEarly() {
        clock.set(Instant.parse("2026-11-24T13:30:00Z"));   // 07:30 in Chicago
        create("req-2", CHICAGO);

        processor.process(message("req-2"));

        RecordingQueues.Delivery delivery = later.deferred().get(0);
        assertEquals(Instant.parse("2026-11-24T16:00:00Z"), delivery.when());
        assertEquals("req-2", Json.read(delivery.body(), CallRequestMessage.class).requestId());
        assertEquals(CallStatus.DEFERRED, requests.find(SampleWorkspaces.WORKSPACE_ID, "req-2").orElseThrow().status());
        assertEquals("call.deferred", events.published().get(0).type());
        assertEquals("OUTSIDE_WINDOW", events.published().get(0).dataString("reason"));
        assertTrue(dial.sent().isEmpty());
        assertEquals(0, caps.reservations(), "a deferred request takes no cap");
    }

    @Test
    void process_should_failForGood_andReportIt_when_aRuleFails() {
        create("req-3", "+13125550171");   // no contact: no consent

        processor.process(message("req-3"));
        processor.process(message("req-3"));

        assertEquals(CallStatus.FAILED, requests.find(SampleWorkspaces.WORKSPACE_ID, "req-3").orElseThrow().status());
        assertEquals(1, events.published().size(), "reported once");
        assertEquals("NO_CONSENT", events.published().get(0).dataString("reason"));
        assertTrue(dial.sent().isEmpty());
        assertTrue(later.deferred().isEmpty(), "a FAILED request is never retried");
    }

    @Test
    void process_should_passARequestRedeliveredAfterItsReservation_notDeferItOnItsOwnSlot() {
        create("req-4", CHICAGO);
        // The function reserved the caps (one call per number per day) and died before recording the request READY.
        caps.reserve("req-4", SampleWorkspaces.WORKSPACE_ID, CHICAGO, clock.instant(), java.time.ZoneId.of("America/Chicago"),
                new dev.autocall.domain.compliance.CapStore.Limits(1, 100, 1, 4));

        processor.process(message("req-4"));

        assertEquals(CallStatus.READY, requests.find(SampleWorkspaces.WORKSPACE_ID, "req-4").orElseThrow().status());
        assertEquals(1, dial.sent().size());
        assertEquals(1, caps.reservations(), "still one reservation");
    }

    @Test
    void process_should_reportAFailureAgain_toARunThatWaitsForItOnlyNow() {
        create("req-5", "+13125550171");   // no consent
        processor.process(message("req-5"));
        // The run asked for the call, its save as waiting failed, and it was started again: it waits for req-5 now.
        runs.save(SampleWorkspaces.WORKSPACE_ID, dev.autocall.domain.workflow.WorkflowRun.start("run-1", "reminder", 1,
                new dev.autocall.domain.event.DomainEvent("api:e", "x.y", SampleWorkspaces.WORKSPACE_ID, clock.instant(),
                        "+13125550171", null, Map.of(), Map.of()), "+13125550171", false, clock.instant())
                .waiting("req-5").nextRevision());

        processor.process(message("req-5"));

        assertEquals(2, events.published().size(), "reported again, to the run that waits for it");
        assertEquals("call.failed", events.published().get(1).type());
    }

    private void create(String id, String to) {
        requests.create(new CallRequest(id, SampleWorkspaces.WORKSPACE_ID, to, "transactional",
                new CallPlan.Voicemail("Reminder", null, null), "run-1", "reminder", 0, 1, false, clock.instant(),
                clock.instant().plus(Duration.ofDays(7))), clock.instant());
    }

    private static CallRequestMessage message(String id) {
        return new CallRequestMessage(id, SampleWorkspaces.WORKSPACE_ID);
    }
}
