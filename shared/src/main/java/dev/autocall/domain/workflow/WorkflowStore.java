package dev.autocall.domain.workflow;

import java.util.List;
import java.util.Optional;

/** Port: workflow drafts, their immutable published versions, and which are live per trigger. */
public interface WorkflowStore {
    /** Saves the draft; the published version, if any, keeps running until the next publish. */
    StoredWorkflow saveDraft(String workspaceId, String workflowId, String definitionJson, java.time.Instant at);

    Optional<StoredWorkflow> find(String workspaceId, String workflowId);

    List<StoredWorkflow> list(String workspaceId);

    /** Freezes the current draft as the next version and makes it the live one for its trigger. */
    int publish(String workspaceId, String workflowId, String trigger, java.time.Instant at);

    /** The live versions for a trigger: definition JSON with the version number. */
    List<PublishedWorkflow> live(String workspaceId, String trigger);

    Optional<PublishedWorkflow> version(String workspaceId, String workflowId, int version);

    record PublishedWorkflow(String workflowId, int version, String definitionJson) {
    }
}
