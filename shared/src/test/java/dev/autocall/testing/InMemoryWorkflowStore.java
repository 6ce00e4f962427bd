package dev.autocall.testing;

import dev.autocall.domain.workflow.StoredWorkflow;
import dev.autocall.domain.workflow.WorkflowStore;
import dev.autocall.error.NotFoundException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** In-memory {@link WorkflowStore}: drafts with revisions, frozen published versions, one live version per trigger. */
public final class InMemoryWorkflowStore implements WorkflowStore {
    private final Map<String, TreeMap<String, StoredWorkflow>> drafts = new HashMap<>();
    private final Map<String, String> liveTriggers = new HashMap<>();
    private final Map<String, PublishedWorkflow> versions = new HashMap<>();
    private final Map<String, TreeMap<String, PublishedWorkflow>> live = new HashMap<>();

    @Override
    public synchronized StoredWorkflow saveDraft(String workspaceId, String workflowId, String definitionJson, Instant at) {
        Optional<StoredWorkflow> current = find(workspaceId, workflowId);
        StoredWorkflow next = new StoredWorkflow(workflowId, definitionJson,
                current.map(StoredWorkflow::draftRevision).orElse(0) + 1,
                current.map(StoredWorkflow::publishedVersion).orElse(0), at,
                current.map(StoredWorkflow::publishedAt).orElse(null));
        drafts.computeIfAbsent(workspaceId, k -> new TreeMap<>()).put(workflowId, next);
        return next;
    }

    @Override
    public synchronized Optional<StoredWorkflow> find(String workspaceId, String workflowId) {
        return Optional.ofNullable(drafts.getOrDefault(workspaceId, new TreeMap<>()).get(workflowId));
    }

    @Override
    public synchronized List<StoredWorkflow> list(String workspaceId) {
        return new ArrayList<>(drafts.getOrDefault(workspaceId, new TreeMap<>()).values());
    }

    @Override
    public synchronized int publish(String workspaceId, String workflowId, String trigger, Instant at) {
        StoredWorkflow current = find(workspaceId, workflowId)
                .orElseThrow(() -> new NotFoundException("workflow " + workflowId + " does not exist"));
        int next = current.publishedVersion() + 1;
        PublishedWorkflow published = new PublishedWorkflow(workflowId, next, current.draftJson());
        versions.put(versionKey(workspaceId, workflowId, next), published);
        String previousTrigger = liveTriggers.put(workspaceId + "#" + workflowId, trigger);
        if (previousTrigger != null && !previousTrigger.equals(trigger)) {
            live.getOrDefault(workspaceId + "#" + previousTrigger, new TreeMap<>()).remove(workflowId);
        }
        live.computeIfAbsent(workspaceId + "#" + trigger, k -> new TreeMap<>()).put(workflowId, published);
        drafts.get(workspaceId).put(workflowId, new StoredWorkflow(workflowId, current.draftJson(),
                current.draftRevision(), next, current.updatedAt(), at));
        return next;
    }

    @Override
    public synchronized List<PublishedWorkflow> live(String workspaceId, String trigger) {
        return new ArrayList<>(live.getOrDefault(workspaceId + "#" + trigger, new TreeMap<>()).values());
    }

    @Override
    public synchronized Optional<PublishedWorkflow> version(String workspaceId, String workflowId, int version) {
        return Optional.ofNullable(versions.get(versionKey(workspaceId, workflowId, version)));
    }

    private static String versionKey(String workspaceId, String workflowId, int version) {
        return workspaceId + "#" + workflowId + "#" + version;
    }
}
