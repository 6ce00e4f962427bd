package dev.autocall.domain.outbound;

/**
 * The body of compliance- and dial-queue messages: the request itself, so that neither function has to read
 * it before judging or dialing it (the stored record holds its state and history).
 *
 * @param request null in a message that names a stored request only; the consumer then reads it
 */
public record CallRequestMessage(String requestId, String workspaceId, CallRequest request) {
    public CallRequestMessage(String requestId, String workspaceId) {
        this(requestId, workspaceId, null);
    }

    public static CallRequestMessage of(CallRequest request) {
        return new CallRequestMessage(request.id(), request.workspaceId(), request);
    }
}
