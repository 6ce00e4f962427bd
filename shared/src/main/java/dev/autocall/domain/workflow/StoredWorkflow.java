package dev.autocall.domain.workflow;

import java.time.Instant;

/**
 * A workflow as stored: its latest draft and, once published, the version that new runs use.
 *
 * @param draftJson the definition as last saved (normalized to JSON)
 * @param publishedVersion 0 until first published
 */
public record StoredWorkflow(String id, String draftJson, int draftRevision, int publishedVersion,
                             Instant updatedAt, Instant publishedAt) {
}
