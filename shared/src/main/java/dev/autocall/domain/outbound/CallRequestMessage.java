package dev.autocall.domain.outbound;

/**
 * The body of compliance- and dial-queue messages: the request itself, so that neither function has to read
 * it before judging or dialing it (the stored record holds its state and history).
 *
 * @param request null in a message that names a stored request only; the consumer then reads it
 * @param check set on the dial queue's settle checks of a placed call: the how-manieth check this is
 * @param callSid on a settle check, the provider's sid of the call placed
 */
public record CallRequestMessage(String requestId, String workspaceId, CallRequest request, Integer check, String callSid,
                                 Boolean deferred) {
    public CallRequestMessage(String requestId, String workspaceId) {
        this(requestId, workspaceId, null, null, null, null);
    }

    public CallRequestMessage(String requestId, String workspaceId, CallRequest request) {
        this(requestId, workspaceId, request, null, null, null);
    }

    public CallRequestMessage(String requestId, String workspaceId, CallRequest request, Integer check, String callSid) {
        this(requestId, workspaceId, request, check, callSid, null);
    }

    /** The gate's own redelivery of a request it deferred. */
    public static CallRequestMessage afterDeferral(CallRequest request) {
        return new CallRequestMessage(request.id(), request.workspaceId(), request, null, null, true);
    }

    public boolean wasDeferred() {
        return Boolean.TRUE.equals(deferred);
    }

    public static CallRequestMessage of(CallRequest request) {
        return new CallRequestMessage(request.id(), request.workspaceId(), request);
    }

    /** The n-th check that a placed call has ended and been reported. */
    public static CallRequestMessage settleCheck(CallRequest request, String callSid, int n) {
        return new CallRequestMessage(request.id(), request.workspaceId(), request, n, callSid);
    }
}
