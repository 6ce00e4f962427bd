package dev.autocall.domain.reporting;

import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventTypes;
import dev.autocall.testing.InMemoryCallRows;
import dev.autocall.testing.InMemoryWorkspaceStore;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallLogWriterTest {
    private static final String WS = SampleWorkspaces.WORKSPACE_ID;
    private static final String CONTACT = "+14155550123";
    private static final String BUSINESS = "+14155550100";
    private static final Instant REQUESTED = Instant.parse("2026-11-02T15:00:00Z");
    private static final Instant DIALED = Instant.parse("2026-11-02T17:00:00Z");

    record Counted(String workspaceId, CallRow row, ZoneId zone) { }

    record Sent(String workspaceId, String id, String type, Map<String, Object> data) { }

    private final InMemoryCallRows rows = new InMemoryCallRows();
    private final List<Counted> counted = new ArrayList<>();
    private final List<Sent> sent = new ArrayList<>();
    private final CallLogWriter writer;

    CallLogWriterTest() {
        InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
        workspaces.save(SampleWorkspaces.acme());
        writer = new CallLogWriter(rows, workspaces, (ws, row, zone) -> counted.add(new Counted(ws, row, zone)),
                (ws, id, type, at, data) -> sent.add(new Sent(ws, id, type, data)));
    }

    @Test
    void anAnsweredWorkflowCall_isOneCompletedRowWithEverythingTheLogShows() {
        writer.record(outcome("req-1", "completed"), Optional.of("Ada Lovelace"));

        CallRow row = rows.find(WS, "req-1").orElseThrow();
        assertEquals(new CallRow("req-1", "CA1", DIALED, "outbound", CONTACT, "Ada Lovelace", "wf-1", null,
                "flow-1", "completed", "completed", null, 42, null, "menu=1 rate=5", BUSINESS, 1, false), row);
        // Counted on the workspace's local day: its zone, here from its San Francisco number.
        assertEquals(List.of(new Counted(WS, row, java.time.ZoneId.of("America/Los_Angeles"))), counted);
        assertEquals(1, sent.size());
        Sent s = sent.get(0);
        assertEquals("call:req-1:completed", s.id());
        assertEquals("call.completed", s.type());
        assertEquals(42, s.data().get("durationSeconds"));
        assertEquals("menu=1 rate=5", s.data().get("keys"));
        assertEquals(DIALED.toString(), s.data().get("at"));
        assertTrue(s.data().containsKey("recordingUrl"));
        assertEquals(CallLogColumns.NAMES, List.copyOf(s.data().keySet()));
    }

    @Test
    void aDeferredRequest_isADeferredRowWithItsReason_andSendsCallDeferredOnly() {
        writer.record(deferred("req-2"), Optional.empty());

        CallRow row = rows.find(WS, "req-2").orElseThrow();
        assertEquals("deferred", row.status());
        assertEquals("OUTSIDE_WINDOW", row.reason());
        assertEquals(REQUESTED, row.at());
        assertNull(row.outcome());
        assertEquals(List.of(), counted);
        assertEquals(List.of("call:req-2:deferred call.deferred"), sent.stream().map(x -> x.id() + " " + x.type()).toList());
    }

    @Test
    void aRefusedRequest_isAFailedRow_countedAndSentAsCallFailed() {
        writer.record(failed("req-3", "NO_CONSENT"), Optional.empty());

        CallRow row = rows.find(WS, "req-3").orElseThrow();
        assertEquals("failed", row.status());
        assertEquals("NO_CONSENT", row.reason());
        assertEquals("camp-1", row.campaign());
        assertEquals(2, row.attempt());
        assertNull(row.callSid());
        assertEquals(List.of(row), counted.stream().map(Counted::row).toList());
        assertEquals(List.of("call:req-3:failed"), sent.stream().map(Sent::id).toList());
    }

    @Test
    void aDeferralThenItsOutcome_endsCompleted_withoutTheDeferralsReason() {
        writer.record(deferred("req-4"), Optional.empty());
        writer.record(outcome("req-4", "voicemail"), Optional.empty());

        CallRow row = rows.find(WS, "req-4").orElseThrow();
        assertEquals("completed", row.status());
        assertEquals("voicemail", row.outcome());
        assertNull(row.reason());
        assertEquals(DIALED, row.at());
    }

    @Test
    void anOutcomeBeforeItsDeferral_staysCompleted_andTheLateDeferralSendsNoDeferral() {
        writer.record(outcome("req-5", "no_answer"), Optional.empty());
        CallRow before = rows.find(WS, "req-5").orElseThrow();
        int writes = rows.writes();

        writer.record(deferred("req-5"), Optional.empty());

        assertEquals(Optional.of(before), rows.find(WS, "req-5"));
        assertEquals(writes, rows.writes());
        assertEquals(List.of("call.completed", "call.completed"), sent.stream().map(Sent::type).toList());
    }

    @Test
    void aRepeatedOutcome_changesNothing_butAnnouncesTheFinalRowAgainUnderTheSameIds() {
        writer.record(outcome("req-6", "completed"), Optional.empty());
        int writes = rows.writes();

        writer.record(outcome("req-6", "completed"), Optional.empty());

        assertEquals(writes, rows.writes());
        assertEquals(List.of("call:req-6:completed", "call:req-6:completed"), sent.stream().map(Sent::id).toList());
        assertEquals(List.of("req-6", "req-6"), counted.stream().map(c -> c.row().id()).toList());
    }

    @Test
    void anInboundMissedCallWithVoicemail_isOneCompletedRow_whateverOrderItsEventsCome() {
        List<DomainEvent> events = List.of(inbound(EventTypes.CALL_RECEIVED, Map.of()),
                inbound(EventTypes.CALL_MISSED, Map.of("reason", "no-answer")),
                inbound(EventTypes.VOICEMAIL_RECEIVED, Map.of("recordingUrl", "https://rec/1")),
                inbound(EventTypes.CALL_COMPLETED, Map.of("durationSeconds", "31")));
        CallRow expected = new CallRow("CA9", "CA9", REQUESTED, "inbound", CONTACT, "Ada", null, null, null, "completed",
                "voicemail", null, 31, "https://rec/1", null, BUSINESS, null, false);
        for (List<DomainEvent> order : List.of(events, events.reversed(),
                List.of(events.get(3), events.get(0), events.get(2), events.get(1)))) {
            InMemoryCallRows fresh = new InMemoryCallRows();
            CallLogWriter w = new CallLogWriter(fresh, new InMemoryWorkspaceStore(), AnalyticsCounters.NONE,
                    dev.autocall.domain.webhook.OutboundWebhooks.NONE);
            order.forEach(e -> w.record(e, Optional.of("Ada")));
            assertEquals(Optional.of(expected), fresh.find(WS, "CA9"), "order " + order.stream().map(DomainEvent::type).toList());
        }
    }

    @Test
    void anInboundCallsEnd_beforeItsRinging_staysCompleted() {
        writer.record(inbound(EventTypes.CALL_COMPLETED, Map.of("durationSeconds", "12")), Optional.empty());
        writer.record(inbound(EventTypes.CALL_RECEIVED, Map.of()), Optional.empty());

        assertEquals("completed", rows.find(WS, "CA9").orElseThrow().status());
        assertEquals(List.of("completed", "completed"), counted.stream().map(c -> c.row().status()).toList());
    }

    @Test
    void anInboundIvrCall_addsItsFlowKeysAndOutcome_toTheInboundRow() {
        writer.record(inbound(EventTypes.CALL_COMPLETED, Map.of("durationSeconds", "50")), Optional.empty());
        writer.record(inbound(EventTypes.IVR_COMPLETED, Map.of("direction", "inbound", "flow", "hours", "outcome", "confirmed",
                "keyPresses", List.of(Map.of("node", "menu", "keys", "2")))), Optional.empty());

        CallRow row = rows.find(WS, "CA9").orElseThrow();
        assertEquals("hours", row.flow());
        assertEquals("menu=2", row.keys());
        assertEquals("confirmed", row.outcome());
        assertEquals(50, row.durationSeconds());
    }

    @Test
    void aCallStillRinging_isInProgress_andAnnouncedToNobody() {
        writer.record(inbound(EventTypes.CALL_RECEIVED, Map.of()), Optional.empty());

        assertEquals("in_progress", rows.find(WS, "CA9").orElseThrow().status());
        assertEquals(List.of(), counted);
        assertEquals(List.of(), sent);
    }

    @Test
    void otherEvents_writeNoRow() {
        writer.record(new DomainEvent("e1", EventTypes.SMS_RECEIVED, WS, REQUESTED, CONTACT, BUSINESS,
                Map.of("messageSid", "SM1", "body", "hi"), Map.of()), Optional.empty());

        assertEquals(0, rows.writes());
    }

    @Test
    void aTestRunsCall_isMarkedTest() {
        Map<String, Object> data = new HashMap<>(outcome("req-7", "completed").data());
        data.put("test", true);
        writer.record(new DomainEvent("x", EventTypes.CALL_OUTCOME, WS, DIALED, CONTACT, null, data, Map.of()), Optional.empty());

        assertTrue(rows.find(WS, "req-7").orElseThrow().test());
    }

    private static DomainEvent outcome(String requestId, String outcome) {
        Map<String, Object> data = new HashMap<>();
        data.put("requestId", requestId);
        data.put("outcome", outcome);
        data.put("callSid", "CA1");
        data.put("workflowId", "wf-1");
        data.put("runId", "run-1");
        data.put("attempt", 1);
        data.put("test", false);
        data.put("flow", "flow-1");
        data.put("durationSeconds", 42);
        data.put("callerId", BUSINESS);
        data.put("startedAt", DIALED.toString());
        data.put("requestedAt", REQUESTED.toString());
        data.put("keyPresses", List.of(Map.of("node", "menu", "keys", "1"), Map.of("node", "rate", "keys", "5")));
        return new DomainEvent("call:" + requestId + ":outcome", EventTypes.CALL_OUTCOME, WS, DIALED.plusSeconds(60), CONTACT,
                null, data, Map.of());
    }

    private static DomainEvent deferred(String requestId) {
        return new DomainEvent("call:" + requestId + ":deferred", EventTypes.CALL_DEFERRED, WS, REQUESTED, CONTACT, null,
                Map.of("requestId", requestId, "reason", "OUTSIDE_WINDOW", "workflowId", "wf-1", "attempt", 1, "test", false,
                        "requestedAt", REQUESTED.toString()), Map.of());
    }

    private static DomainEvent failed(String requestId, String reason) {
        return new DomainEvent("call:" + requestId + ":failed", EventTypes.CALL_FAILED, WS, REQUESTED, CONTACT, null,
                Map.of("requestId", requestId, "reason", reason, "outcome", "failed", "campaignId", "camp-1", "attempt", 2,
                        "test", false), Map.of());
    }

    private static DomainEvent inbound(String type, Map<String, Object> extra) {
        Map<String, Object> data = new HashMap<>(extra);
        data.put("callSid", "CA9");
        data.put("startedAt", REQUESTED.toString());
        return new DomainEvent("twilio:CA9:" + type, type, WS, REQUESTED.plusSeconds(40), CONTACT, BUSINESS, data, Map.of());
    }
}
