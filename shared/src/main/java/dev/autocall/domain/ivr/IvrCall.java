package dev.autocall.domain.ivr;

import java.time.Instant;
import java.util.Map;

/**
 * An IVR call as stored between its turns, by its call sid: the facts its templates read (kept from the first
 * turn, so later turns read nothing else), where the flow stands, and the last answer given (a repeated callback
 * gets the same answer). The keys pressed are on it, with the node each answered.
 *
 * @param requestId the call request of an outbound call; null for an inbound one
 * @param direction inbound or outbound
 * @param contact   what templates read as contact.*, as it was when the call started
 * @param workspace what templates read as workspace.* (name, number, forwarding)
 * @param data      what templates read as data.*
 * @param reported  the call's end was reported (ivr.completed published, the outcome recorded)
 */
public record IvrCall(String callSid, String workspaceId, String requestId, String direction, String caller, String business,
                      Map<String, Object> contact, Map<String, Object> workspace, Map<String, Object> data, IvrSession session, String lastAnswer,
                      Instant startedAt, boolean reported) {
    public IvrCall {
        contact = contact == null ? Map.of() : contact;
        workspace = workspace == null ? Map.of() : workspace;
        data = data == null ? Map.of() : data;
    }

    public IvrCall next(IvrSession newSession, String answer) {
        return new IvrCall(callSid, workspaceId, requestId, direction, caller, business, contact, workspace, data, newSession, answer,
                startedAt, reported);
    }

    public IvrCall asReported() {
        return new IvrCall(callSid, workspaceId, requestId, direction, caller, business, contact, workspace, data, session, lastAnswer,
                startedAt, true);
    }
}
