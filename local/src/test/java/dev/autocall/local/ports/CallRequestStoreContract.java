package dev.autocall.local.ports;

import dev.autocall.domain.outbound.CallPlan;
import dev.autocall.domain.outbound.CallRequest;
import dev.autocall.domain.outbound.CallRequestStore;
import dev.autocall.domain.outbound.CallRequestStore.HistoryEntry;
import dev.autocall.domain.outbound.CallRequestStore.StoredCallRequest;
import dev.autocall.domain.outbound.CallStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link CallRequestStore} does, checked against the in-memory fake and the DynamoDB adapter alike: each
 * conditional write takes and refuses the same states in both, so the dialer's and the gate's tests on the fake hold
 * on DynamoDB.
 */
abstract class CallRequestStoreContract {
    static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");
    private static final AtomicInteger WORKSPACES = new AtomicInteger();

    /** A workspace of this test alone, so that tests sharing one table never meet. */
    final String ws = "ws_requests_" + WORKSPACES.incrementAndGet();

    abstract CallRequestStore store();

    // record: a compliance decision

    @Test
    void record_shouldStoreANewRequest_withItsDecision() {
        CallRequest request = request(ws, "req_new");
        HistoryEntry pass = entry(0, "PASS");

        assertTrue(store().record(request, CallStatus.READY, pass));

        assertEquals(new StoredCallRequest(request, CallStatus.READY, List.of(pass), Optional.empty(), Optional.empty(), false),
                store().find(ws, "req_new").orElseThrow());
    }

    @Test
    void record_shouldMoveOnFromPendingAndDeferred_andKeepEveryDecisionInOrder() {
        CallRequest request = request(ws, "req_gate");
        HistoryEntry created = entry(0, "created");
        HistoryEntry defer = new HistoryEntry(T0.plusSeconds(1), "DEFER", "OUTSIDE_WINDOW", T0.plusSeconds(3600), "until 9am");
        HistoryEntry pass = entry(3601, "PASS");

        assertTrue(store().record(request, CallStatus.PENDING, created));
        assertTrue(store().record(request, CallStatus.DEFERRED, defer));
        assertTrue(store().record(request, CallStatus.READY, pass));

        StoredCallRequest stored = store().find(ws, "req_gate").orElseThrow();
        assertEquals(CallStatus.READY, stored.status());
        assertEquals(List.of(created, defer, pass), stored.history());
    }

    @Test
    void record_shouldTakeTheSameDecisionAgain_whenARedeliveryOrASecondDeferralRecordsIt() {
        CallRequest request = request(ws, "req_again");
        store().record(request, CallStatus.DEFERRED, entry(0, "DEFER"));
        assertTrue(store().record(request, CallStatus.DEFERRED, entry(1, "DEFER")));
        store().record(request, CallStatus.READY, entry(2, "PASS"));

        assertTrue(store().record(request, CallStatus.READY, entry(3, "PASS")));

        StoredCallRequest stored = store().find(ws, "req_again").orElseThrow();
        assertEquals(CallStatus.READY, stored.status());
        assertEquals(4, stored.history().size());
    }

    @Test
    void record_shouldRecordAFailureOnce() {
        CallRequest request = request(ws, "req_fail");
        HistoryEntry fail = new HistoryEntry(T0, "FAIL", "OPTED_OUT", null, null);

        assertTrue(store().record(request, CallStatus.FAILED, fail));
        assertFalse(store().record(request, CallStatus.FAILED, entry(1, "FAIL")));
        assertFalse(store().record(request, CallStatus.READY, entry(2, "PASS")));

        StoredCallRequest stored = store().find(ws, "req_fail").orElseThrow();
        assertEquals(CallStatus.FAILED, stored.status());
        assertEquals(List.of(fail), stored.history());
    }

    @Test
    void record_shouldChangeNothing_onceTheRequestHasMovedOn() {
        CallRequest request = request(ws, "req_moved");
        store().record(request, CallStatus.READY, entry(0, "PASS"));
        assertFalse(store().record(request, CallStatus.DEFERRED, entry(1, "DEFER")));
        store().claimForDialing(ws, "req_moved", T0.plusSeconds(2), T0.plusSeconds(62));

        for (CallStatus decision : List.of(CallStatus.READY, CallStatus.DEFERRED, CallStatus.FAILED, CallStatus.PENDING)) {
            assertFalse(store().record(request, decision, entry(3, decision.name())), decision.name());
        }

        StoredCallRequest stored = store().find(ws, "req_moved").orElseThrow();
        assertEquals(CallStatus.DIALING, stored.status());
        assertEquals(2, stored.history().size());
    }

    @Test
    void record_shouldKeepTheRequestAsFirstStored() {
        CallRequest first = request(ws, "req_doc");
        store().record(first, CallStatus.PENDING, entry(0, "created"));

        store().record(new CallRequest("req_doc", ws, "+13125550999", "marketing", first.plan(), null, null, 0, 2, false, T0, null),
                CallStatus.READY, entry(1, "PASS"));

        assertEquals(first, store().find(ws, "req_doc").orElseThrow().request());
    }

    // claimIfReady and claimForDialing: one dialer at a time

    @Test
    void claimIfReady_shouldTakeAReadyRequestOnce_underALease() {
        store().record(request(ws, "req_claim"), CallStatus.READY, entry(0, "PASS"));

        assertTrue(store().claimIfReady(ws, "req_claim", T0.plusSeconds(1), T0.plusSeconds(61)));
        assertFalse(store().claimIfReady(ws, "req_claim", T0.plusSeconds(2), T0.plusSeconds(62)));

        StoredCallRequest stored = store().find(ws, "req_claim").orElseThrow();
        assertEquals(CallStatus.DIALING, stored.status());
        assertEquals(Optional.of(T0.plusSeconds(61)), stored.leaseUntil());
        assertEquals(new HistoryEntry(T0.plusSeconds(1), "dialing", null, null, null), stored.history().get(1));
    }

    @Test
    void claimIfReady_shouldNeverTakeADialingRequest_evenAfterItsLease() {
        store().record(request(ws, "req_stale"), CallStatus.READY, entry(0, "PASS"));
        store().claimIfReady(ws, "req_stale", T0, T0.plusSeconds(60));

        assertFalse(store().claimIfReady(ws, "req_stale", T0.plusSeconds(600), T0.plusSeconds(660)));

        assertEquals(Optional.of(T0.plusSeconds(60)), store().find(ws, "req_stale").orElseThrow().leaseUntil());
    }

    @Test
    void claims_shouldRefuse_whenTheRequestIsUnknownUndecidedOrEnded() {
        store().record(request(ws, "req_pending"), CallStatus.PENDING, entry(0, "created"));
        store().record(request(ws, "req_deferred"), CallStatus.DEFERRED, entry(0, "DEFER"));
        store().record(request(ws, "req_failed"), CallStatus.FAILED, entry(0, "FAIL"));
        store().record(request(ws, "req_done"), CallStatus.READY, entry(0, "PASS"));
        store().transition(ws, "req_done", CallStatus.COMPLETED, entry(1, "invalid"));

        for (String id : List.of("req_unknown", "req_pending", "req_deferred", "req_failed", "req_done")) {
            assertFalse(store().claimIfReady(ws, id, T0.plusSeconds(5), T0.plusSeconds(65)), id);
            assertFalse(store().claimForDialing(ws, id, T0.plusSeconds(5), T0.plusSeconds(65)), id);
        }
        assertEquals(Optional.empty(), store().find(ws, "req_unknown"));
        assertEquals(CallStatus.COMPLETED, store().find(ws, "req_done").orElseThrow().status());
    }

    @Test
    void claimForDialing_shouldTakeADialingRequestWithoutSid_onlyOnceItsLeaseHasPassed() {
        store().record(request(ws, "req_takeover"), CallStatus.READY, entry(0, "PASS"));
        assertTrue(store().claimForDialing(ws, "req_takeover", T0, T0.plusSeconds(60)));

        assertFalse(store().claimForDialing(ws, "req_takeover", T0.plusSeconds(30), T0.plusSeconds(90)));
        assertFalse(store().claimForDialing(ws, "req_takeover", T0.plusSeconds(60), T0.plusSeconds(120)));
        assertTrue(store().claimForDialing(ws, "req_takeover", T0.plusSeconds(61), T0.plusSeconds(121)));

        StoredCallRequest stored = store().find(ws, "req_takeover").orElseThrow();
        assertEquals(CallStatus.DIALING, stored.status());
        assertEquals(Optional.of(T0.plusSeconds(121)), stored.leaseUntil());
        assertEquals(3, stored.history().size());
    }

    @Test
    void claimForDialing_shouldTakeADialingRequestWithoutALease_asOneWhoseLeaseHasPassed() {
        store().record(request(ws, "req_nolease"), CallStatus.READY, entry(0, "PASS"));
        store().transition(ws, "req_nolease", CallStatus.DIALING, entry(1, "dialing"));

        assertTrue(store().claimForDialing(ws, "req_nolease", T0.plusSeconds(2), T0.plusSeconds(62)));

        assertEquals(Optional.of(T0.plusSeconds(62)), store().find(ws, "req_nolease").orElseThrow().leaseUntil());
    }

    @Test
    void claimForDialing_shouldNeverTakeARequestWithACallSid() {
        store().record(request(ws, "req_placed"), CallStatus.READY, entry(0, "PASS"));
        store().claimForDialing(ws, "req_placed", T0, T0.plusSeconds(60));
        store().recordCallSid(ws, "req_placed", "CA0001", entry(1, "dialed"));
        assertFalse(store().claimForDialing(ws, "req_placed", T0.plusSeconds(600), T0.plusSeconds(660)));

        store().transition(ws, "req_placed", CallStatus.DIALING, entry(601, "dialing"));

        assertFalse(store().claimForDialing(ws, "req_placed", T0.plusSeconds(602), T0.plusSeconds(662)));
        assertEquals(Optional.of(T0.plusSeconds(60)), store().find(ws, "req_placed").orElseThrow().leaseUntil());
    }

    @Test
    void claimForDialing_shouldLetOneOfManyConcurrentDialersWin() throws Exception {
        store().record(request(ws, "req_rush"), CallStatus.READY, entry(0, "PASS"));

        List<Boolean> won = AllAtOnce.run(i -> store().claimForDialing(ws, "req_rush", T0.plusSeconds(1), T0.plusSeconds(61 + i)));

        assertEquals(1, won.stream().filter(w -> w).count());
        StoredCallRequest stored = store().find(ws, "req_rush").orElseThrow();
        assertEquals(Optional.of(T0.plusSeconds(61 + won.indexOf(true))), stored.leaseUntil());
        assertEquals(2, stored.history().size());
    }

    @Test
    void claims_shouldKeepTheLeaseToTheMillisecond_andTakeOverOnlyInALaterMillisecond() {
        store().record(request(ws, "req_ms"), CallStatus.READY, entry(0, "PASS"));
        store().claimForDialing(ws, "req_ms", T0, T0.plusNanos(60_000_500_000L));
        assertEquals(Optional.of(T0.plusMillis(60_000)), store().find(ws, "req_ms").orElseThrow().leaseUntil());

        assertFalse(store().claimForDialing(ws, "req_ms", T0.plusNanos(60_000_900_000L), T0.plusSeconds(120)));
        assertTrue(store().claimForDialing(ws, "req_ms", T0.plusMillis(60_001), T0.plusSeconds(120)));
    }

    // recordCallSid

    @Test
    void recordCallSid_shouldMarkTheRequestDialed_andKeepTheFirstSid() {
        store().record(request(ws, "req_sid"), CallStatus.READY, entry(0, "PASS"));
        store().claimForDialing(ws, "req_sid", T0, T0.plusSeconds(60));
        HistoryEntry dialed = entry(1, "dialed");

        store().recordCallSid(ws, "req_sid", "CA0001", dialed);
        store().recordCallSid(ws, "req_sid", "CA0002", entry(2, "reconciled"));

        StoredCallRequest stored = store().find(ws, "req_sid").orElseThrow();
        assertEquals(CallStatus.DIALED, stored.status());
        assertEquals(Optional.of("CA0001"), stored.callSid());
        assertEquals(dialed, stored.history().get(stored.history().size() - 1));
        assertEquals(3, stored.history().size());
    }

    @Test
    void recordCallSid_shouldNotReopenARequestThatEnded() {
        store().record(request(ws, "req_ended"), CallStatus.READY, entry(0, "PASS"));
        store().claimForDialing(ws, "req_ended", T0, T0.plusSeconds(60));
        store().transition(ws, "req_ended", CallStatus.COMPLETED, entry(1, "invalid"));

        store().recordCallSid(ws, "req_ended", "CA0003", entry(2, "reconciled"));

        StoredCallRequest stored = store().find(ws, "req_ended").orElseThrow();
        assertEquals(CallStatus.COMPLETED, stored.status());
        assertEquals(3, stored.history().size());
    }

    @Test
    void recordCallSid_shouldStoreNothing_whenTheRequestIsUnknown() {
        store().recordCallSid(ws, "req_ghost", "CA0004", entry(0, "reconciled"));

        assertEquals(Optional.empty(), store().find(ws, "req_ghost"));
    }

    // finish: a call's end, once

    @Test
    void finish_shouldRecordTheEndOnce_andReturnTheRequest() {
        CallRequest request = request(ws, "req_finish");
        store().record(request, CallStatus.READY, entry(0, "PASS"));
        store().claimForDialing(ws, "req_finish", T0, T0.plusSeconds(60));
        HistoryEntry voicemail = entry(40, "voicemail");

        assertEquals(Optional.of(request), store().finish(ws, "req_finish", CallStatus.COMPLETED, "CA0005", voicemail));
        assertEquals(Optional.empty(), store().finish(ws, "req_finish", CallStatus.COMPLETED, "CA0005", entry(41, "voicemail")));
        assertEquals(Optional.empty(), store().finish(ws, "req_finish", CallStatus.FAILED, "CA0005", entry(42, "failed")));

        StoredCallRequest stored = store().find(ws, "req_finish").orElseThrow();
        assertEquals(CallStatus.COMPLETED, stored.status());
        assertEquals(Optional.of("CA0005"), stored.callSid());
        assertEquals(Optional.of(voicemail), stored.ending());
        assertEquals(3, stored.history().size());
    }

    @Test
    void finish_shouldRecordOneOfManyConcurrentEnds() throws Exception {
        CallRequest request = request(ws, "req_callbacks");
        store().record(request, CallStatus.READY, entry(0, "PASS"));
        store().claimForDialing(ws, "req_callbacks", T0, T0.plusSeconds(60));

        List<Optional<CallRequest>> ends = AllAtOnce.run(i ->
                store().finish(ws, "req_callbacks", CallStatus.COMPLETED, "CA1" + i, entry(30 + i, "completed")));

        assertEquals(1, ends.stream().filter(Optional::isPresent).count());
        int first = ends.indexOf(Optional.of(request));
        StoredCallRequest stored = store().find(ws, "req_callbacks").orElseThrow();
        assertEquals(Optional.of("CA1" + first), stored.callSid());
        assertEquals(Optional.of(entry(30 + first, "completed")), stored.ending());
        assertEquals(3, stored.history().size());
    }

    @Test
    void record_shouldRecordOneOfManyConcurrentFailures() throws Exception {
        CallRequest request = request(ws, "req_failures");

        List<Boolean> recorded = AllAtOnce.run(i -> store().record(request, CallStatus.FAILED, entry(i, "FAIL")));

        assertEquals(1, recorded.stream().filter(r -> r).count());
        assertEquals(List.of(entry(recorded.indexOf(true), "FAIL")), store().find(ws, "req_failures").orElseThrow().history());
    }

    @Test
    void finish_shouldKeepTheSidRecordedFirst() {
        store().record(request(ws, "req_twosids"), CallStatus.READY, entry(0, "PASS"));
        store().claimForDialing(ws, "req_twosids", T0, T0.plusSeconds(60));
        store().recordCallSid(ws, "req_twosids", "CA0006", entry(1, "dialed"));

        store().finish(ws, "req_twosids", CallStatus.COMPLETED, "CA0007", entry(30, "completed"));

        assertEquals(Optional.of("CA0006"), store().find(ws, "req_twosids").orElseThrow().callSid());
    }

    @Test
    void finish_shouldRecordNoSid_whenItIsGivenNoneOrABlankOne() {
        for (String sid : new String[] {null, "", " "}) {
            String id = "req_nosid_" + (sid == null ? "null" : sid.length());
            store().record(request(ws, id), CallStatus.READY, entry(0, "PASS"));
            store().claimForDialing(ws, id, T0, T0.plusSeconds(60));

            assertTrue(store().finish(ws, id, CallStatus.FAILED, sid, entry(1, "failed")).isPresent(), id);

            assertEquals(Optional.empty(), store().find(ws, id).orElseThrow().callSid(), id);
        }
    }

    @Test
    void finish_shouldNeverEndARequestThatFailedOrIsUnknown() {
        store().record(request(ws, "req_refused"), CallStatus.FAILED, entry(0, "FAIL"));

        assertEquals(Optional.empty(), store().finish(ws, "req_refused", CallStatus.COMPLETED, "CA0008", entry(1, "completed")));
        assertEquals(Optional.empty(), store().finish(ws, "req_nobody", CallStatus.COMPLETED, "CA0009", entry(1, "completed")));

        StoredCallRequest stored = store().find(ws, "req_refused").orElseThrow();
        assertEquals(CallStatus.FAILED, stored.status());
        assertEquals(Optional.empty(), stored.callSid());
        assertEquals(Optional.empty(), store().find(ws, "req_nobody"));
    }

    // transition

    @Test
    void transition_shouldRecordTheState_keepingTheSidAndTheLease() {
        store().record(request(ws, "req_move"), CallStatus.READY, entry(0, "PASS"));
        store().claimForDialing(ws, "req_move", T0, T0.plusSeconds(60));
        store().recordCallSid(ws, "req_move", "CA0010", entry(1, "dialed"));
        HistoryEntry outcome = entry(20, "completed");

        store().transition(ws, "req_move", CallStatus.COMPLETED, outcome);

        StoredCallRequest stored = store().find(ws, "req_move").orElseThrow();
        assertEquals(CallStatus.COMPLETED, stored.status());
        assertEquals(Optional.of("CA0010"), stored.callSid());
        assertEquals(Optional.of(T0.plusSeconds(60)), stored.leaseUntil());
        assertEquals(Optional.of(outcome), stored.ending());
    }

    @Test
    void transition_shouldThrowIllegalState_whenTheRequestIsUnknownOrFailed() {
        store().record(request(ws, "req_dead"), CallStatus.FAILED, entry(0, "FAIL"));

        assertThrows(IllegalStateException.class,
                () -> store().transition(ws, "req_dead", CallStatus.COMPLETED, entry(1, "completed")));
        assertThrows(IllegalStateException.class,
                () -> store().transition(ws, "req_nowhere", CallStatus.FAILED, entry(1, "FAIL")));

        assertEquals(CallStatus.FAILED, store().find(ws, "req_dead").orElseThrow().status());
        assertEquals(Optional.empty(), store().find(ws, "req_nowhere"));
    }

    // markReported

    @Test
    void markReported_shouldNoteThatTheEndWasReported_changingNothingElse() {
        store().record(request(ws, "req_report"), CallStatus.FAILED, new HistoryEntry(T0, "FAIL", "DND", null, null));
        StoredCallRequest before = store().find(ws, "req_report").orElseThrow();
        assertFalse(before.reported());

        store().markReported(ws, "req_report");

        StoredCallRequest after = store().find(ws, "req_report").orElseThrow();
        assertTrue(after.reported());
        assertEquals(new StoredCallRequest(before.request(), before.status(), before.history(), before.callSid(),
                before.leaseUntil(), true), after);
    }

    @Test
    void reported_shouldStay_throughEveryLaterWrite() {
        store().record(request(ws, "req_kept"), CallStatus.READY, entry(0, "PASS"));
        store().markReported(ws, "req_kept");

        store().record(request(ws, "req_kept"), CallStatus.READY, entry(1, "PASS"));
        store().claimForDialing(ws, "req_kept", T0, T0.plusSeconds(60));
        assertTrue(store().find(ws, "req_kept").orElseThrow().reported(), "after the claim");
        store().recordCallSid(ws, "req_kept", "CA0011", entry(2, "dialed"));
        assertTrue(store().find(ws, "req_kept").orElseThrow().reported(), "after the sid");
        store().transition(ws, "req_kept", CallStatus.DIALED, entry(3, "ringing"));
        store().finish(ws, "req_kept", CallStatus.COMPLETED, "CA0011", entry(4, "completed"));

        assertTrue(store().find(ws, "req_kept").orElseThrow().reported(), "after the end");
    }

    @Test
    void markReported_shouldThrowIllegalState_whenTheRequestIsUnknown() {
        assertThrows(IllegalStateException.class, () -> store().markReported(ws, "req_unheard"));

        assertEquals(Optional.empty(), store().find(ws, "req_unheard"));
    }

    // workspaces

    @Test
    void requestsOfTwoWorkspaces_withTheSameId_areTwoRequests() {
        String other = ws + "_other";
        CallRequest mine = request(ws, "req_shared_id");
        CallRequest theirs = request(other, "req_shared_id");
        assertTrue(store().record(mine, CallStatus.READY, entry(0, "PASS")));
        assertTrue(store().record(theirs, CallStatus.READY, entry(0, "PASS")));

        assertTrue(store().claimIfReady(ws, "req_shared_id", T0, T0.plusSeconds(60)));
        assertTrue(store().claimIfReady(other, "req_shared_id", T0, T0.plusSeconds(60)));
        store().recordCallSid(ws, "req_shared_id", "CA0012", entry(1, "dialed"));
        assertEquals(Optional.of(mine), store().finish(ws, "req_shared_id", CallStatus.COMPLETED, "CA0012", entry(2, "completed")));
        store().markReported(ws, "req_shared_id");
        store().transition(other, "req_shared_id", CallStatus.FAILED, entry(3, "FAIL"));

        StoredCallRequest myStored = store().find(ws, "req_shared_id").orElseThrow();
        StoredCallRequest theirStored = store().find(other, "req_shared_id").orElseThrow();
        assertEquals(mine, myStored.request());
        assertEquals(theirs, theirStored.request());
        assertEquals(CallStatus.COMPLETED, myStored.status());
        assertEquals(CallStatus.FAILED, theirStored.status());
        assertEquals(Optional.of("CA0012"), myStored.callSid());
        assertEquals(Optional.empty(), theirStored.callSid());
        assertTrue(myStored.reported());
        assertFalse(theirStored.reported());
    }

    static CallRequest request(String workspaceId, String id) {
        return new CallRequest(id, workspaceId, "+13125550142", "transactional",
                new CallPlan.Voicemail("Hi Dana, a reminder of your visit tomorrow at 4pm.", "Polly.Joanna", null),
                "run_" + id, "wf_reminder", 1, 1, false, T0, T0.plusSeconds(86_400));
    }

    static HistoryEntry entry(long secondsAfterT0, String event) {
        return new HistoryEntry(T0.plusSeconds(secondsAfterT0), event, null, null, null);
    }
}
