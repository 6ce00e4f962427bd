package dev.autocall.domain.ivr;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: IVR flow drafts and their immutable published versions, per workspace. */
public interface FlowStore {
    /** Saves the draft (normalized JSON); the published version, if any, keeps answering calls until the next publish. */
    StoredFlow saveDraft(String workspaceId, String flowId, String definitionJson, Instant at);

    Optional<StoredFlow> find(String workspaceId, String flowId);

    /** Every flow of the workspace with its draft, by id. */
    List<StoredFlow> list(String workspaceId);

    /** Freezes the current draft as the next version, which new calls use; returns its number. */
    int publish(String workspaceId, String flowId, Instant at);

    /** A published version's definition JSON; versions never change, so callers may cache them for good. */
    Optional<String> version(String workspaceId, String flowId, int version);

    /**
     * @param draftJson        the definition as last saved
     * @param publishedVersion 0 until first published
     */
    record StoredFlow(String id, String draftJson, int draftRevision, int publishedVersion, Instant updatedAt,
                      Instant publishedAt) {
    }
}
