package dev.autocall.testing;

import dev.autocall.domain.ivr.FlowStore;
import dev.autocall.error.NotFoundException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** In-memory {@link FlowStore}: drafts with revisions and frozen published versions, per workspace. */
public final class InMemoryFlowStore implements FlowStore {
    private final Map<String, TreeMap<String, StoredFlow>> drafts = new HashMap<>();
    private final Map<String, String> versions = new HashMap<>();

    @Override
    public synchronized StoredFlow saveDraft(String workspaceId, String flowId, String definitionJson, Instant at) {
        Optional<StoredFlow> current = find(workspaceId, flowId);
        StoredFlow next = new StoredFlow(flowId, definitionJson, current.map(StoredFlow::draftRevision).orElse(0) + 1,
                current.map(StoredFlow::publishedVersion).orElse(0), at, current.map(StoredFlow::publishedAt).orElse(null));
        drafts.computeIfAbsent(workspaceId, k -> new TreeMap<>()).put(flowId, next);
        return next;
    }

    @Override
    public synchronized Optional<StoredFlow> find(String workspaceId, String flowId) {
        return Optional.ofNullable(drafts.getOrDefault(workspaceId, new TreeMap<>()).get(flowId));
    }

    @Override
    public synchronized List<StoredFlow> list(String workspaceId) {
        return new ArrayList<>(drafts.getOrDefault(workspaceId, new TreeMap<>()).values());
    }

    @Override
    public synchronized int publish(String workspaceId, String flowId, Instant at) {
        StoredFlow current = find(workspaceId, flowId)
                .orElseThrow(() -> new NotFoundException("no flow " + flowId + "; save it with PUT first"));
        int next = current.publishedVersion() + 1;
        versions.put(versionKey(workspaceId, flowId, next), current.draftJson());
        drafts.get(workspaceId).put(flowId, new StoredFlow(flowId, current.draftJson(), current.draftRevision(), next,
                current.updatedAt(), at));
        return next;
    }

    @Override
    public synchronized Optional<String> version(String workspaceId, String flowId, int version) {
        return Optional.ofNullable(versions.get(versionKey(workspaceId, flowId, version)));
    }

    private static String versionKey(String workspaceId, String flowId, int version) {
        return workspaceId + "#" + flowId + "#" + version;
    }
}
