package dev.autocall.domain.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One execution of a workflow version for one event. Its history lists every step with its result,
 * so "why did Dana get (or not get) a text?" has an answer.
 *
 * @param status running, completed or failed
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
        List<StepResult> steps) {

    public WorkflowRun {
        steps = List.copyOf(steps);
    }

    public WorkflowRun withStep(StepResult result) {
        List<StepResult> next = new ArrayList<>(steps);
        next.add(result);
        return new WorkflowRun(runId, workflowId, version, eventId, eventType, contactPhone, test, startedAt,
                finishedAt, status, next);
    }

    public WorkflowRun finished(String finalStatus, Instant at) {
        return new WorkflowRun(runId, workflowId, version, eventId, eventType, contactPhone, test, startedAt, at,
                finalStatus, steps);
    }

    /**
     * @param result done, skipped or failed
     * @param detail what happened, e.g. "sent SM123" or "skipped: contact opted out of SMS"
     */
    public record StepResult(int index, String type, String result, String detail, Instant at) {
    }
}
