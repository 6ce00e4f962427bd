package dev.autocall.domain.outbound;

/** The body of compliance- and dial-queue messages: which request to look at. The request itself is stored. */
public record CallRequestMessage(String requestId, String workspaceId) {
}
