package dev.autocall.domain.workflow;

import dev.autocall.domain.event.DomainEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One execution of a workflow version for one event. Its history lists every step with its result (each
 * call attempt, deferral and outcome too), so "why did Dana get (or not get) a call?" has an answer.
 *
 * @param status running, waiting (for a call's outcome or a wait), completed or failed
 * @param cursor the index of the next step to run (or of the step being waited on)
 * @param waitingFor the call request id or wait token the run waits for; on a running run, what resumed it when a step
 *                   then failed ({@link #interrupted}); otherwise null
 * @param lastOutcome the outcome of the last call step, which a branch reads
 * @param trigger the event that started the run: templates of later steps still read it
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
        String status,
        List<StepResult> steps,
        int cursor,
        String waitingFor,
        String lastOutcome,
        DomainEvent trigger) {

    public WorkflowRun {
        steps = List.copyOf(steps);
    }

    public WorkflowRun withStep(StepResult result) {
        List<StepResult> next = new ArrayList<>(steps);
        next.add(result);
        return new WorkflowRun(runId, workflowId, version, eventId, eventType, contactPhone, test, startedAt, finishedAt,
                status, next, cursor, waitingFor, lastOutcome, trigger);
    }

    public WorkflowRun at(int newCursor) {
        return new WorkflowRun(runId, workflowId, version, eventId, eventType, contactPhone, test, startedAt, finishedAt,
                "running", steps, newCursor, null, lastOutcome, trigger);
    }

    public WorkflowRun waiting(String token) {
        return new WorkflowRun(runId, workflowId, version, eventId, eventType, contactPhone, test, startedAt, finishedAt,
                "waiting", steps, cursor, token, lastOutcome, trigger);
    }

    /**
     * A run resumed by {@code token} whose step then failed: kept running at that step, so that the redelivery of what
     * resumed it goes on from there (and only that, once).
     */
    public WorkflowRun interrupted(String token) {
        return new WorkflowRun(runId, workflowId, version, eventId, eventType, contactPhone, test, startedAt, finishedAt,
                "running", steps, cursor, token, lastOutcome, trigger);
    }

    public WorkflowRun withOutcome(String outcome) {
        return new WorkflowRun(runId, workflowId, version, eventId, eventType, contactPhone, test, startedAt, finishedAt,
                status, steps, cursor, waitingFor, outcome, trigger);
    }

    public WorkflowRun finished(String finalStatus, Instant at) {
        return new WorkflowRun(runId, workflowId, version, eventId, eventType, contactPhone, test, startedAt, at,
                finalStatus, steps, cursor, null, lastOutcome, trigger);
    }

    public boolean active() {
        return "running".equals(status) || "waiting".equals(status);
    }

    /**
     * @param result done, skipped, failed; for calls: requested, deferred, or the outcome (completed, voicemail,
     *               no_answer, busy, failed, invalid)
     * @param detail what happened, e.g. "sent SM123" or "deferred OUTSIDE_WINDOW until 2026-11-25T15:00:00Z"
     */
    public record StepResult(int index, String type, String result, String detail, Instant at) {
    }
}
