package dev.autocall.domain.contact;

import java.time.Instant;

/** A to-do for the business's staff, e.g. "call back Dana", created by a workflow step. */
public record Task(
        String id,
        String title,
        String contactPhone,
        Instant createdAt,
        Instant dueAt,
        String status,
        String workflowId,
        String runId) {
}
