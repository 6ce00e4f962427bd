package dev.autocall.domain.workflow;

import java.util.List;
import java.util.Optional;

/** Port: workflow runs with their history, listed per workflow and per contact. */
public interface RunStore {
    Optional<WorkflowRun> find(String workspaceId, String runId);

    void save(String workspaceId, WorkflowRun run);

    /** Newest first. */
    List<WorkflowRun> forWorkflow(String workspaceId, String workflowId, int limit);

    /** Newest first. */
    List<WorkflowRun> forContact(String workspaceId, String phone, int limit);
}
