package dev.autocall.local.ports;

import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.workflow.RunStatus;
import dev.autocall.domain.workflow.RunStore;
import dev.autocall.domain.workflow.WorkflowRun;
import dev.autocall.domain.workflow.WorkflowRun.StepResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link RunStore} does, checked against the in-memory fake and the DynamoDB adapter alike: the fake's
 * tests of the workflow runner mean something only if the fake refuses and keeps what the adapter does.
 */
abstract class RunStoreContract {
    static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");
    private static final AtomicInteger WORKSPACES = new AtomicInteger();

    /** A workspace of this test alone, so that tests sharing one table never list each other's runs. */
    final String ws = "ws_runs_" + WORKSPACES.incrementAndGet();

    abstract RunStore store();

    /** Stores {@code run} as a run saved before runs had revisions was stored: without one. */
    abstract void storeWithoutRevision(String workspaceId, WorkflowRun run);

    @Test
    void find_shouldBeEmpty_whenTheRunWasNeverSaved() {
        assertEquals(Optional.empty(), store().find(ws, "run_none"));
    }

    @Test
    void aRunWithItsHistory_readsBackWhole_andListsNewestFirst() {
        WorkflowRun first = run(ws, "run_a", "+13125550101", T0, 3);
        WorkflowRun second = run(ws, "run_b", "+13125550101", T0.plusSeconds(60), 12);
        store().save(ws, first);
        store().save(ws, second);

        assertEquals(second, store().find(ws, "run_b").orElseThrow());
        assertEquals(List.of(second, first), store().forContact(ws, "+13125550101", 10));
        assertEquals(List.of(second, first), store().forWorkflow(ws, "wf_0101", 10));
    }

    @Test
    void save_shouldCreateTheRun_whenItsRevisionIsOneAndNoneIsStored() {
        WorkflowRun started = started("run_new");

        assertTrue(store().save(ws, started));

        assertEquals(started, store().find(ws, "run_new").orElseThrow());
    }

    @Test
    void save_shouldRefuseASecondStart_sothatOfTwoDeliveriesStartingARunOneGoesOn() {
        WorkflowRun mine = started("run_twice").heldBy("delivery-1", T0.plusSeconds(60));
        WorkflowRun theirs = started("run_twice").heldBy("delivery-2", T0.plusSeconds(61));
        assertTrue(store().save(ws, mine));

        assertFalse(store().save(ws, theirs));

        assertEquals("delivery-1", store().find(ws, "run_twice").orElseThrow().heldBy());
    }

    @Test
    void save_shouldTakeTheNextRevisionOnce_whenTwoDeliveriesReadTheSameRevision() {
        store().save(ws, started("run_race"));
        WorkflowRun read = store().find(ws, "run_race").orElseThrow();
        WorkflowRun mine = read.heldBy("delivery-1", T0.plusSeconds(60)).nextRevision();
        WorkflowRun theirs = read.heldBy("delivery-2", T0.plusSeconds(60)).nextRevision();

        assertTrue(store().save(ws, mine));
        assertFalse(store().save(ws, theirs));

        WorkflowRun stored = store().find(ws, "run_race").orElseThrow();
        assertEquals(2, stored.revision());
        assertEquals("delivery-1", stored.heldBy());
    }

    @Test
    void save_shouldTakeOneOfManyConcurrentSaves_ofTheSameRevision() throws Exception {
        store().save(ws, started("run_many"));
        WorkflowRun read = store().find(ws, "run_many").orElseThrow();

        List<Boolean> taken = AllAtOnce.run(i -> store().save(ws, read.heldBy("delivery-" + i, T0.plusSeconds(60)).nextRevision()));

        assertEquals(1, taken.stream().filter(t -> t).count());
        assertEquals("delivery-" + taken.indexOf(true), store().find(ws, "run_many").orElseThrow().heldBy());
    }

    @Test
    void find_shouldReturnTheLease_toTheMillisecond() {
        store().save(ws, started("run_ms").heldBy("delivery-1", T0.plusNanos(60_000_999_999L)));

        assertEquals(T0.plusMillis(60_000), store().find(ws, "run_ms").orElseThrow().leaseUntil());
    }

    @Test
    void save_shouldRefuseARevisionThatSkipsOne_whenStoredOrNot() {
        store().save(ws, started("run_skip"));

        assertFalse(store().save(ws, started("run_skip").nextRevision().nextRevision()));
        assertFalse(store().save(ws, started("run_absent").nextRevision()));

        assertEquals(1, store().find(ws, "run_skip").orElseThrow().revision());
        assertEquals(Optional.empty(), store().find(ws, "run_absent"));
    }

    @Test
    void save_shouldRefuseARunWithoutARevision_becauseItsFirstSaveIsRevisionOne() {
        WorkflowRun unsaved = WorkflowRun.start("run_zero", "wf_1", 1, event(ws, "run_zero", "+13125550199", T0),
                "+13125550199", false, T0);

        assertThrows(IllegalArgumentException.class, () -> store().save(ws, unsaved));

        assertEquals(Optional.empty(), store().find(ws, "run_zero"));
    }

    @Test
    void aRunStoredWithoutARevision_readsAsRevisionZero_andItsNextSaveIsTakenOnce() {
        WorkflowRun old = run(ws, "run_old", "+13125550103", T0, 2);
        storeWithoutRevision(ws, old);

        WorkflowRun read = store().find(ws, "run_old").orElseThrow();
        assertEquals(old.stored(old.status(), old.waitingFor(), null, null, 0), read);

        assertTrue(store().save(ws, read.heldBy("delivery-1", T0.plusSeconds(60)).nextRevision()));
        assertFalse(store().save(ws, read.heldBy("delivery-2", T0.plusSeconds(60)).nextRevision()));
        assertEquals("delivery-1", store().find(ws, "run_old").orElseThrow().heldBy());
    }

    @Test
    void find_shouldReturnWhoHoldsTheRunUntilWhen_andItsRevision() {
        Instant lease = T0.plusMillis(90_250);
        store().save(ws, started("run_held").heldBy("delivery-7", lease));

        WorkflowRun held = store().find(ws, "run_held").orElseThrow();

        assertEquals(RunStatus.RUNNING, held.status());
        assertEquals("delivery-7", held.heldBy());
        assertEquals(lease, held.leaseUntil());
        assertEquals(1, held.revision());
    }

    @Test
    void find_shouldReturnWhatAWaitingRunWaitsFor_andNoHolder() {
        WorkflowRun held = started("run_wait").heldBy("delivery-1", T0.plusSeconds(60));
        store().save(ws, held);

        store().save(ws, held.waiting("req_run_wait_0").nextRevision());

        WorkflowRun waiting = store().find(ws, "run_wait").orElseThrow();
        assertEquals(RunStatus.WAITING, waiting.status());
        assertEquals("req_run_wait_0", waiting.waitingFor());
        assertNull(waiting.heldBy());
        assertNull(waiting.leaseUntil());
        assertEquals(2, waiting.revision());
    }

    @Test
    void find_shouldReturnAnEndedRun_withoutHolderOrWhatItWaitedFor() {
        WorkflowRun waiting = started("run_end").waiting("req_run_end_0");
        store().save(ws, waiting);
        WorkflowRun resumed = waiting.heldBy("delivery-2", T0.plusSeconds(120)).nextRevision();
        store().save(ws, resumed);

        store().save(ws, resumed.at(1).finished(RunStatus.COMPLETED, T0.plusSeconds(130)).nextRevision());

        WorkflowRun ended = store().find(ws, "run_end").orElseThrow();
        assertEquals(RunStatus.COMPLETED, ended.status());
        assertEquals(T0.plusSeconds(130), ended.finishedAt());
        assertNull(ended.waitingFor());
        assertNull(ended.heldBy());
        assertNull(ended.leaseUntil());
        assertEquals(3, ended.revision());
    }

    @Test
    void forWorkflowAndForContact_shouldListNewestFirst_uptoTheLimit_andOnlyTheirOwn() {
        WorkflowRun oldest = run(ws, "run_1", "+13125550111", T0, 1);
        WorkflowRun middle = run(ws, "run_2", "+13125550111", T0.plusSeconds(10), 1);
        WorkflowRun newest = run(ws, "run_3", "+13125550111", T0.plusSeconds(20), 1);
        WorkflowRun otherContact = run(ws, "run_4", "+13125550222", T0.plusSeconds(30), 1);
        for (WorkflowRun r : List.of(middle, newest, oldest, otherContact)) {
            store().save(ws, r);
        }

        assertEquals(List.of(newest, middle), store().forContact(ws, "+13125550111", 2));
        assertEquals(List.of(newest, middle, oldest), store().forWorkflow(ws, "wf_0111", 10));
        assertEquals(List.of(otherContact), store().forContact(ws, "+13125550222", 10));
        assertEquals(List.of(), store().forWorkflow(ws, "wf_9999", 10));
    }

    @Test
    void forContact_shouldListRunsStartedInOneMillisecond_byRunIdGreatestFirst() {
        WorkflowRun later = run(ws, "run_x", "+13125550133", T0.plusNanos(900_000), 1);
        WorkflowRun earlier = run(ws, "run_y", "+13125550133", T0.plusNanos(100_000), 1);
        store().save(ws, later);
        store().save(ws, earlier);

        assertEquals(List.of(earlier, later), store().forContact(ws, "+13125550133", 10));
    }

    @Test
    void runsOfTwoWorkspaces_withTheSameRunId_areTwoRuns() {
        String other = ws + "_other";
        WorkflowRun mine = run(ws, "run_same", "+13125550123", T0, 2);
        WorkflowRun theirs = run(other, "run_same", "+13125550123", T0.plusSeconds(5), 5);

        assertTrue(store().save(ws, mine));
        assertTrue(store().save(other, theirs));

        assertEquals(mine, store().find(ws, "run_same").orElseThrow());
        assertEquals(theirs, store().find(other, "run_same").orElseThrow());
        assertEquals(List.of(mine), store().forContact(ws, "+13125550123", 10));
        assertEquals(List.of(theirs), store().forWorkflow(other, "wf_0123", 10));
    }

    private WorkflowRun started(String runId) {
        return WorkflowRun.start(runId, "wf_1", 1, event(ws, runId, "+13125550100", T0), "+13125550100", false, T0)
                .nextRevision();
    }

    private static DomainEvent event(String workspaceId, String runId, String phone, Instant at) {
        return new DomainEvent("evt_" + runId, "appointment.scheduled", workspaceId, at, phone, null,
                Map.of("appointmentAt", "2026-11-25T16:00:00-06:00", "service", "dental cleaning", "location", "Main St clinic"),
                Map.of("firstName", "Dana", "lastName", "Lee", "consent", Map.of("source", "form", "at", "2026-11-01T12:00:00Z")));
    }

    /** A reminder's run at revision 1, waiting for its next call after {@code steps} steps. */
    static WorkflowRun run(String workspaceId, String runId, String phone, Instant startedAt, int steps) {
        DomainEvent trigger = event(workspaceId, runId, phone, startedAt);
        List<StepResult> history = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            history.add(new StepResult(i, i % 2 == 0 ? "leaveVoicemail" : "addTag", i % 2 == 0 ? "voicemail" : "done",
                    "attempt " + (i + 1) + ": voicemail (req_" + runId + "_" + i + ")", startedAt.plusSeconds(i * 3600L)));
        }
        return new WorkflowRun(runId, "wf_" + phone.substring(phone.length() - 4), 3, trigger.id(), trigger.type(), phone,
                false, startedAt, null, RunStatus.WAITING, history, steps, "req_" + runId + "_" + steps, "voicemail", java.util.List.of(), trigger,
                null, null, 1);
    }
}
