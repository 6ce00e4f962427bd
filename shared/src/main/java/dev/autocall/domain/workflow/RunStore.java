package dev.autocall.domain.workflow;

import java.util.List;
import java.util.Optional;

/** Port: workflow runs with their history, listed per workflow and per contact. */
public interface RunStore {
    Optional<WorkflowRun> find(String workspaceId, String runId);

    void save(String workspaceId, WorkflowRun run);

    /**
     * Saves the run only if the stored one still waits for {@code waitingFor} (or, interrupted, was resumed by it): of
     * two deliveries of what a run waited for, one resumes it. False when it had been resumed already.
     */
    boolean saveIfWaitingFor(String workspaceId, WorkflowRun run, String waitingFor);

    /** Newest first. */
    List<WorkflowRun> forWorkflow(String workspaceId, String workflowId, int limit);

    /** Newest first. */
    List<WorkflowRun> forContact(String workspaceId, String phone, int limit);
}
