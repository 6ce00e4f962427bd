package dev.autocall.domain.setup;

import dev.autocall.domain.workflow.WorkflowParser;
import dev.autocall.domain.workflow.WorkflowStore;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.domain.workspace.WorkspaceStore;

import java.time.Clock;

/** Creates a workspace with its default workflows published and a first API key. */
public final class WorkspaceSetup {
    private final WorkspaceStore workspaces;
    private final WorkflowStore workflows;
    private final Clock clock;

    public WorkspaceSetup(WorkspaceStore workspaces, WorkflowStore workflows, Clock clock) {
        this.workspaces = workspaces;
        this.workflows = workflows;
        this.clock = clock;
    }

    /** @return the new API key, in clear text: show it once, it is not stored. */
    public String create(Workspace workspace) {
        workspaces.save(workspace);
        String definition = WorkflowParser.toJson(DefaultWorkflows.MISSED_CALL_TEXT_BACK).toString();
        String trigger = WorkflowParser.parse(DefaultWorkflows.MISSED_CALL_TEXT_BACK_ID, definition).trigger();
        workflows.saveDraft(workspace.id(), DefaultWorkflows.MISSED_CALL_TEXT_BACK_ID, definition, clock.instant());
        workflows.publish(workspace.id(), DefaultWorkflows.MISSED_CALL_TEXT_BACK_ID, trigger, clock.instant());
        return addKey(workspace.id());
    }

    /** A further key for rotation: both work until the old one is revoked. */
    public String addKey(String workspaceId) {
        String key = ApiKeys.newKey();
        workspaces.addApiKeyHash(workspaceId, ApiKeys.hash(key));
        return key;
    }
}
