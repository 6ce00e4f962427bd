package dev.autocall.domain.workflow;

import java.util.List;
import java.util.Optional;

/** Port: workflow runs with their history, listed per workflow and per contact. */
public interface RunStore {
    Optional<WorkflowRun> find(String workspaceId, String runId);

    /**
     * Stores {@code run} (whose revision is the stored one's plus one) if the stored run is still at the revision before
     * it, or absent when the run's revision is 1. False when another delivery saved it first: this one must stop. A run
     * stored before runs had revisions reads as revision 0, so its next save (revision 1) is taken once too. The
     * lease is kept to the millisecond.
     *
     * @throws IllegalArgumentException when the run's revision is below 1: a run's first save is revision 1
     */
    boolean save(String workspaceId, WorkflowRun run);

    /** Newest first, to the millisecond (runs started in the same millisecond: the greater run id first). */
    List<WorkflowRun> forWorkflow(String workspaceId, String workflowId, int limit);

    /** Newest first, as {@link #forWorkflow}. */
    List<WorkflowRun> forContact(String workspaceId, String phone, int limit);
}
