package dev.autocall.domain.ivr;

import dev.autocall.domain.voice.Callback;

import java.util.Map;

/**
 * One call's fixed facts for the interpreter: the flow version it runs, what its templates read, and where the
 * provider reports each turn.
 *
 * @param contact  template root contact.* (firstName, lastName, phone, custom fields)
 * @param workspace template root workspace.* (name, number)
 * @param data     template root data.*: the triggering event's data, or the campaign target's
 * @param callSid  the provider's id of the call (a made-up one in a simulation)
 * @param caller   the person's number (the callee of an outbound call, the caller of an inbound one)
 * @param business the business number on the call
 * @param turn     the callback for the next turn; the interpreter adds the turn number to its parameters
 */
public record FlowCall(String workspaceId, String flowId, int version, Flow flow, Map<String, Object> contact,
                       Map<String, Object> workspace, Map<String, Object> data, String callSid, String caller,
                       String business, String direction, Callback turn) {
}
