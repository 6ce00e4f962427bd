package dev.autocall.domain.workflow;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.autocall.domain.event.DomainEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One execution of a workflow version for one event. Its history lists every step with its result (each
 * call attempt, deferral and outcome too), so "why did Dana get (or not get) a call?" has an answer.
 *
 * <p>A run is held by one delivery at a time: the event that started it, or the outcome or wait end that resumed
 * it ({@code heldBy}), until {@code leaseUntil}. Every save is conditional on {@code revision}, so of two deliveries
 * one goes on; a delivery that died is replaced by the redelivery of the same message once its lease has passed.
 *
 * @param cursor the index of the next step to run (or of the step being waited on)
 * @param waitingFor the call request id or wait token the run waits for; kept on a resumed run until what it waited
 *                   for has been applied, so that a redelivery after a crash applies it then
 * @param lastOutcome the outcome of the last call step, which a branch reads
 * @param lastKeys the keys pressed on the last call step's IVR call, in order (templates read {@code call.keys})
 * @param trigger the event that started the run: templates of later steps still read it
 * @param heldBy the delivery that holds a running run (stored beside the document, not in it)
 * @param revision how often the run was saved: a save is conditional on the stored revision being the one read
 */
public record WorkflowRun(
        String runId,
        String workflowId,
        int version,
        String eventId,
        String eventType,
        String contactPhone,
        boolean test,
        Instant startedAt,
        Instant finishedAt,
        RunStatus status,
        List<StepResult> steps,
        int cursor,
        String waitingFor,
        String lastOutcome,
        List<String> lastKeys,
        DomainEvent trigger,
        @JsonIgnore String heldBy,
        @JsonIgnore Instant leaseUntil,
        @JsonIgnore int revision) {

    public WorkflowRun {
        steps = List.copyOf(steps);
        lastKeys = lastKeys == null ? List.of() : List.copyOf(lastKeys);
    }

    /** A new run, not yet stored, held by the delivery that starts it. */
    public static WorkflowRun start(String runId, String workflowId, int version, DomainEvent trigger, String contactPhone,
                                    boolean test, Instant at) {
        return new WorkflowRun(runId, workflowId, version, trigger.id(), trigger.type(), contactPhone, test, at, null,
                RunStatus.RUNNING, List.of(), 0, null, null, List.of(), trigger, null, null, 0);
    }

    public WorkflowRun withStep(StepResult result) {
        List<StepResult> next = new ArrayList<>(steps);
        next.add(result);
        return new WorkflowRun(runId, workflowId, version, eventId, eventType, contactPhone, test, startedAt, finishedAt,
                status, next, cursor, waitingFor, lastOutcome, lastKeys, trigger, heldBy, leaseUntil, revision);
    }

    /** Moves to another step; what the run waited for has been applied. */
    public WorkflowRun at(int newCursor) {
        return new WorkflowRun(runId, workflowId, version, eventId, eventType, contactPhone, test, startedAt, finishedAt,
                RunStatus.RUNNING, steps, newCursor, null, lastOutcome, lastKeys, trigger, heldBy, leaseUntil, revision);
    }

    /** Waits for a call request's outcome or a wait's end; no delivery holds it meanwhile. */
    public WorkflowRun waiting(String token) {
        return new WorkflowRun(runId, workflowId, version, eventId, eventType, contactPhone, test, startedAt, finishedAt,
                RunStatus.WAITING, steps, cursor, token, lastOutcome, lastKeys, trigger, null, null, revision);
    }

    /** Held by a delivery until the lease ends; a waiting run keeps what it waits for until that is applied. */
    public WorkflowRun heldBy(String delivery, Instant until) {
        return new WorkflowRun(runId, workflowId, version, eventId, eventType, contactPhone, test, startedAt, finishedAt,
                RunStatus.RUNNING, steps, cursor, waitingFor, lastOutcome, lastKeys, trigger, delivery, until, revision);
    }

    public WorkflowRun withOutcome(String outcome) {
        return withCall(outcome, List.of());
    }

    /** The last call step's outcome and the keys pressed on it, which branches and templates read. */
    public WorkflowRun withCall(String outcome, List<String> keys) {
        return new WorkflowRun(runId, workflowId, version, eventId, eventType, contactPhone, test, startedAt, finishedAt,
                status, steps, cursor, waitingFor, outcome, keys, trigger, heldBy, leaseUntil, revision);
    }

    public WorkflowRun finished(RunStatus finalStatus, Instant at) {
        return new WorkflowRun(runId, workflowId, version, eventId, eventType, contactPhone, test, startedAt, at,
                finalStatus, steps, cursor, null, lastOutcome, lastKeys, trigger, null, null, revision);
    }

    /** The run as stored by the save that follows the one it was read with. */
    public WorkflowRun nextRevision() {
        return new WorkflowRun(runId, workflowId, version, eventId, eventType, contactPhone, test, startedAt, finishedAt,
                status, steps, cursor, waitingFor, lastOutcome, lastKeys, trigger, heldBy, leaseUntil, revision + 1);
    }

    /** The stored state beside the document, as the store read it. */
    public WorkflowRun stored(RunStatus storedStatus, String storedWaitingFor, String holder, Instant lease, int storedRevision) {
        return new WorkflowRun(runId, workflowId, version, eventId, eventType, contactPhone, test, startedAt, finishedAt,
                storedStatus, steps, cursor, storedWaitingFor, lastOutcome, lastKeys, trigger, holder, lease, storedRevision);
    }

    @JsonIgnore
    public boolean active() {
        return !status.ended();
    }

    /**
     * @param result done, skipped, failed; for calls: requested, deferred, or the outcome (completed, voicemail,
     *               no_answer, busy, failed, invalid)
     * @param detail what happened, e.g. "sent SM123" or "deferred OUTSIDE_WINDOW until 2026-11-25T15:00:00Z"
     */
    public record StepResult(int index, String type, String result, String detail, Instant at) {
    }
}
