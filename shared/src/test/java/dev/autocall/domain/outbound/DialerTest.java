package dev.autocall.domain.outbound;

import dev.autocall.adapters.twilio.TwilioVoice;
import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.json.Json;
import dev.autocall.testing.InMemoryCallRequestStore;
import dev.autocall.testing.RecordingQueues;
import dev.autocall.testing.InMemoryContactStore;
import dev.autocall.testing.InMemoryWorkspaceStore;
import dev.autocall.testing.MutableClock;
import dev.autocall.testing.RecordingEventPublisher;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exactly one provider call per call request, whatever the queue and the dialers do. */
class DialerTest {
    private static final String CUSTOMER = "+13125550150";
    private static final String AGENT = "+14155550111";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T18:00:00Z"));
    private final InMemoryCallRequestStore requests = new InMemoryCallRequestStore();
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final InMemoryContactStore contacts = new InMemoryContactStore();
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private final FakeProvider provider = new FakeProvider();
    private final List<String> slots = new ArrayList<>();
    private final RecordingQueues dialQueue = new RecordingQueues();
    private final dev.autocall.testing.InMemoryIvrCallStore ivrCalls = new dev.autocall.testing.InMemoryIvrCallStore();
    private final Dialer dialer = new Dialer(requests, workspaces, contacts, provider, (ws, cps) -> slots.add(ws + "/" + cps),
            events, new dev.autocall.testing.InMemoryRunStore(), dialQueue.later, Optional.of(ivrCalls), clock);

    @BeforeEach
    void setUp() {
        Workspace acme = SampleWorkspaces.acme();
        workspaces.save(new Workspace(acme.id(), acme.name(), List.of("+14155550100", "+13125550100"), acme.forwarding(),
                acme.voicemail(), true, 2, null, null, null, null));
    }

    @Test
    void dial_should_placeOneCall_when_theMessageIsDeliveredTwice() {
        ready("req-1", new CallPlan.Voicemail("Your appointment is tomorrow at 10.", null, null));

        dialer.dial(message("req-1"));
        // The repeat finds the call being dialed (its sid comes with the outcome): it is retried later, not dialed.
        assertThrows(Dialer.DialInProgressException.class, () -> dialer.dial(message("req-1")));

        assertEquals(1, provider.placed.size());
        assertEquals(CallStatus.DIALING, requests.find(SampleWorkspaces.WORKSPACE_ID, "req-1").orElseThrow().status());
        assertEquals(List.of(SampleWorkspaces.WORKSPACE_ID + "/2"), slots, "one dialing slot, at the workspace's rate");
    }

    @Test
    void dial_should_notCallAgain_when_aDialerDiedAfterTheProviderPlacedTheCall() {
        // GIVEN a dialer claimed the request, Twilio placed the call, and the dialer died before recording it
        ready("req-2", voicemail());
        requests.claimForDialing(SampleWorkspaces.WORKSPACE_ID, "req-2", clock.instant(), clock.instant().plus(Dialer.LEASE));
        provider.existing = Optional.of("CAplacedbyadeaddialer");

        // WHEN the message comes back before and after the lease
        assertThrows(Dialer.DialInProgressException.class, () -> dialer.dial(message("req-2")));
        clock.advance(Dialer.LEASE.plusSeconds(1));
        dialer.dial(message("req-2"));

        // THEN the request is reconciled with the provider's call, and nothing is dialed again
        assertEquals(0, provider.placed.size());
        assertEquals(Optional.of("CAplacedbyadeaddialer"), requests.find(SampleWorkspaces.WORKSPACE_ID, "req-2").orElseThrow().callSid());
    }

    @Test
    void dial_should_callOnce_when_aDialerDiedBeforeTheProviderWasCalled() {
        ready("req-3", voicemail());
        requests.claimForDialing(SampleWorkspaces.WORKSPACE_ID, "req-3", clock.instant(), clock.instant().plus(Dialer.LEASE));
        clock.advance(Dialer.LEASE.plusSeconds(1));

        dialer.dial(message("req-3"));
        assertThrows(Dialer.DialInProgressException.class, () -> dialer.dial(message("req-3")));

        assertEquals(1, provider.placed.size());
    }

    @Test
    void dial_should_notCall_when_theContactOptedOutAfterPassingTheGate() {
        ready("req-4", voicemail());
        contacts.save(SampleWorkspaces.WORKSPACE_ID, new Contact(CUSTOMER, "Dana", null, List.of(), null, null, null,
                new Contact.Channels<>(clock.instant(), null), Map.of(), "form", clock.instant()));

        dialer.dial(message("req-4"));

        assertEquals(0, provider.placed.size());
        assertEquals(CallStatus.FAILED, requests.find(SampleWorkspaces.WORKSPACE_ID, "req-4").orElseThrow().status());
        DomainEvent failed = events.published().get(0);
        assertEquals("call.failed", failed.type());
        assertEquals("OPTED_OUT", failed.dataString("reason"));
    }

    @Test
    void dial_should_recordOutcomeInvalid_when_theProviderRefusesTheNumber() {
        ready("req-5", voicemail());
        provider.refuse = true;

        dialer.dial(message("req-5"));

        assertEquals(CallStatus.COMPLETED, requests.find(SampleWorkspaces.WORKSPACE_ID, "req-5").orElseThrow().status());
        assertEquals("invalid", events.published().get(0).dataString("outcome"));
    }

    @Test
    void dial_should_useLocalPresence_and_machineDetection_forAVoicemailDrop() {
        ready("req-6", voicemail());

        dialer.dial(message("req-6"));

        CallProvider.OutboundCall call = provider.placed.get(0);
        assertEquals("+13125550100", call.from(), "the workspace number with the callee's area code");
        assertEquals(CUSTOMER, call.to());
        assertEquals(Optional.of("DetectMessageEnd"), TwilioVoice.machineDetection(call.answer().plan()));
        assertEquals(new dev.autocall.domain.voice.Callback(dev.autocall.domain.voice.Callback.Kind.CALL_STATUS,
                Map.of("ws", SampleWorkspaces.WORKSPACE_ID, "req", "req-6")), call.status());
    }

    @Test
    void dial_should_ringTheAgentFirst_forAMakeCall() {
        ready("req-7", new CallPlan.Connect(AGENT, "Call for Dana", 25, false));

        dialer.dial(message("req-7"));

        assertEquals(AGENT, provider.placed.get(0).to());
        assertEquals(Optional.empty(), TwilioVoice.machineDetection(provider.placed.get(0).answer().plan()));
        assertEquals(25, provider.placed.get(0).timeoutSeconds());
    }

    @Test
    void dial_should_refuse_when_theRequestHasNotPassedTheGate() {
        requests.create(request("req-8", voicemail()), clock.instant());

        assertThrows(IllegalStateException.class, () -> dialer.dial(message("req-8")));
        assertEquals(0, provider.placed.size());
    }

    private void ready(String id, CallPlan plan) {
        requests.create(request(id, plan), clock.instant());
        requests.transition(SampleWorkspaces.WORKSPACE_ID, id, CallStatus.READY, new CallRequestStore.HistoryEntry(clock.instant(), "PASS", null, null, null));
    }

    private CallRequest request(String id, CallPlan plan) {
        return new CallRequest(id, SampleWorkspaces.WORKSPACE_ID, CUSTOMER, "transactional", plan, null, null, 0, 1, false,
                clock.instant(), clock.instant().plus(Duration.ofDays(7)));
    }

    private static CallPlan voicemail() {
        return new CallPlan.Voicemail("Reminder: your appointment is tomorrow.", null, null);
    }

    @Test
    void aPlacedCallThatNeverReportsBack_isSettledWithTheProvidersRecord_andItsOutcomeReported() {
        ready("req-9", new CallPlan.Voicemail("Your appointment is tomorrow at 10.", null, null));
        dialer.dial(message("req-9"));
        RecordingQueues.Delivery check = dialQueue.deferred().get(0);
        assertEquals(clock.instant().plus(Duration.ofMinutes(16)), check.when(), "checked after the call had time to end");

        // Twilio's status callback never arrives; Twilio's own record says a machine answered and the call ended.
        provider.calls.put("CA1", new CallProvider.ProviderCall("CA1", TwilioVoice.outcome("completed", "machine_end_beep")));
        clock.advance(Duration.ofMinutes(16));
        dialer.dial(Json.read(check.body(), CallRequestMessage.class));

        assertEquals(CallStatus.COMPLETED, requests.find(SampleWorkspaces.WORKSPACE_ID, "req-9").orElseThrow().status());
        assertEquals(List.of("voicemail"), events.published().stream().filter(e -> e.type().equals("call.outcome"))
                .map(e -> e.dataString("outcome")).toList());
    }

    @Test
    void aMakeCallWhoseAgentHungUpBeforeTheCustomerWasDialed_isSettledAsAgentUnavailable() {
        ready("req-12", new CallPlan.Connect("+14155550111", "Call for Dana", 25, false));
        dialer.dial(message("req-12"));
        // The agent's call ended (completed) and Twilio has no call from the business number to the customer.
        provider.calls.put("CA1", new CallProvider.ProviderCall("CA1", TwilioVoice.outcome("completed", null)));

        dialer.dial(Json.read(dialQueue.deferred().get(0).body(), CallRequestMessage.class));

        assertEquals(List.of("agent_unavailable"), events.published().stream().map(e -> e.dataString("outcome")).toList());
    }

    @Test
    void aCallStillInProgress_isCheckedAgainLater() {
        ready("req-10", new CallPlan.Voicemail("Hello", null, null));
        dialer.dial(message("req-10"));
        provider.calls.put("CA1", new CallProvider.ProviderCall("CA1", TwilioVoice.outcome("in-progress", null)));

        dialer.dial(Json.read(dialQueue.deferred().get(0).body(), CallRequestMessage.class));

        assertEquals(2, dialQueue.deferred().size(), "a second check");
        assertEquals(CallStatus.DIALING, requests.find(SampleWorkspaces.WORKSPACE_ID, "req-10").orElseThrow().status());
        assertTrue(events.published().isEmpty());
    }

    @Test
    void anOutcomeRecordedButNeverReported_isReportedByTheSettleCheck() {
        ready("req-11", new CallPlan.Voicemail("Hello", null, null));
        dialer.dial(message("req-11"));
        // The webhook recorded the outcome and died before reporting it (Twilio does not retry status callbacks).
        requests.finish(SampleWorkspaces.WORKSPACE_ID, "req-11", CallStatus.COMPLETED, "CA1",
                new CallRequestStore.HistoryEntry(clock.instant(), "busy", null, null, "CA1"));

        dialer.dial(Json.read(dialQueue.deferred().get(0).body(), CallRequestMessage.class));
        dialer.dial(Json.read(dialQueue.deferred().get(0).body(), CallRequestMessage.class));

        assertEquals(List.of("busy"), events.published().stream().map(e -> e.dataString("outcome")).toList(), "reported once");
    }

    @Test
    void anIvrCallThatNeverReportsBack_isSettledWithItsFlowsOutcomeAndKeys_andIvrCompletedFiresOnce() {
        ready("req-13", new CallPlan.Ivr("confirm", "hangup", null, Map.of(), Map.of("firstName", "Dana")));
        dialer.dial(message("req-13"));
        // The flow ran (Dana pressed 1 at the menu) and the call ended, but its status callback was lost.
        dev.autocall.domain.ivr.IvrSession session = new dev.autocall.domain.ivr.IvrSession("confirm", 2, null, 1, Map.of("menu", 1),
                List.of(new dev.autocall.domain.ivr.IvrSession.KeyPress("menu", "1")), Map.of(), "confirmed", true, 2, List.of());
        ivrCalls.save(new dev.autocall.domain.ivr.IvrCall("CA1", SampleWorkspaces.WORKSPACE_ID, "req-13", "outbound", CUSTOMER,
                "+13125550100", Map.of(), Map.of(), Map.of(), session, "<Response/>", clock.instant(), false), -1);
        provider.calls.put("CA1", new CallProvider.ProviderCall("CA1", TwilioVoice.outcome("completed", "human")));

        dialer.dial(Json.read(dialQueue.deferred().get(0).body(), CallRequestMessage.class));
        dialer.dial(Json.read(dialQueue.deferred().get(0).body(), CallRequestMessage.class));

        List<dev.autocall.domain.event.DomainEvent> outcomes = events.published().stream()
                .filter(e -> e.type().equals("call.outcome")).toList();
        assertEquals(1, outcomes.size(), "reported once: " + events.published());
        assertEquals("confirmed", outcomes.get(0).dataString("outcome"));
        assertEquals(List.of("1"), outcomes.get(0).data().get("keys"));
        assertEquals(1, events.published().stream().filter(e -> e.type().equals("ivr.completed")).count());
    }

    private static CallRequestMessage message(String id) {
        return new CallRequestMessage(id, SampleWorkspaces.WORKSPACE_ID);
    }

    private static final class FakeProvider implements CallProvider {
        final List<OutboundCall> placed = new ArrayList<>();
        Optional<String> existing = Optional.empty();
        boolean refuse;

        @Override
        public String placeCall(OutboundCall call) {
            if (refuse) {
                throw new InvalidCalleeException(21211, "The 'To' number is not a valid phone number.");
            }
            placed.add(call);
            return "CA" + placed.size();
        }

        final java.util.Map<String, ProviderCall> calls = new java.util.HashMap<>();

        @Override
        public Optional<String> findCall(String from, String to, Instant since) {
            return existing;
        }

        @Override
        public Optional<ProviderCall> fetchCall(String callSid) {
            return Optional.ofNullable(calls.get(callSid));
        }
    }
}
