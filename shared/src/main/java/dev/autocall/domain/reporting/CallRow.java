package dev.autocall.domain.reporting;

import java.time.Instant;

/**
 * One row of the call log: a call attempt (outbound or inbound), or a call request that was never dialed (deferred,
 * failed). The field names are the API's and, in this order, the CSV export's columns (docs/api.md, "Call log").
 *
 * @param id the row's id: the call request's id for an outbound attempt, the provider's CallSid for an inbound call
 * @param callSid the provider's call, null when nothing was dialed
 * @param at when the call started (dialed or received); for a request never dialed, when it was requested
 * @param direction {@code inbound} or {@code outbound}
 * @param contact the other party in E.164
 * @param status {@code queued}, {@code deferred}, {@code in_progress}, {@code completed} or {@code failed}
 * @param outcome the call's outcome word ({@code completed}, {@code confirmed}, {@code voicemail}, {@code no_answer}, ...)
 * @param reason the compliance reason of a deferred or failed request
 * @param keys the keys pressed in an IVR call, in order, each as {@code node=digits}, separated by spaces
 * @param callerId the number the call came from (outbound) or was made to (inbound)
 * @param test a test call (a workflow's test run): left out of the log unless asked for, never in the analytics
 */
public record CallRow(
        String id,
        String callSid,
        Instant at,
        String direction,
        String contact,
        String contactName,
        String workflow,
        String campaign,
        String flow,
        String status,
        String outcome,
        String reason,
        Integer durationSeconds,
        String recordingUrl,
        String keys,
        String callerId,
        Integer attempt,
        boolean test) {

    public static final String INBOUND = "inbound";
    public static final String OUTBOUND = "outbound";
}
