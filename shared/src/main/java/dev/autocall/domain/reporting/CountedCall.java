package dev.autocall.domain.reporting;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one ended call adds to the counters. Only dialed, ended, live outbound calls count: inbound calls, test calls
 * and requests that never dialed are left out, so a rate's denominator is calls the business actually placed.
 *
 * @param outcome the outcome word, or null when the row has none
 * @param connected answered by a person or a machine
 * @param completed answered by a person (connected, not voicemail)
 * @param durationSeconds the call's length when connected, else 0
 * @param ivr an IVR call answered by a person
 * @param ivrKeyed such a call in which at least one key was pressed
 * @param optOut the callee opted out (outcome {@code opted_out})
 */
public record CountedCall(LocalDate day, List<Dimension> dimensions, String callerId, String outcome, boolean connected,
                          boolean completed, long durationSeconds, boolean ivr, boolean ivrKeyed, boolean optOut) {

    /** Outcomes of calls nobody (person or machine) answered. */
    static final Set<String> NOT_CONNECTED = Set.of("no_answer", "busy", "failed", "invalid", "canceled");
    static final String VOICEMAIL = "voicemail";
    static final String OPTED_OUT = "opted_out";

    public CountedCall {
        dimensions = List.copyOf(dimensions);
    }

    /** The counts of a final row on its local day in {@code zone}; empty when the row does not count. */
    public static Optional<CountedCall> of(CallRow row, ZoneId zone) {
        boolean counts = CallRow.OUTBOUND.equals(row.direction()) && row.callSid() != null && !row.test()
                && ("completed".equals(row.status()) || "failed".equals(row.status()));
        if (!counts) {
            return Optional.empty();
        }
        String outcome = row.outcome();
        boolean connected = outcome != null && !NOT_CONNECTED.contains(outcome);
        boolean completed = connected && !VOICEMAIL.equals(outcome);
        boolean ivr = completed && row.flow() != null;
        boolean keyed = ivr && row.keys() != null && !row.keys().isBlank();
        long duration = connected && row.durationSeconds() != null ? Math.max(0, row.durationSeconds()) : 0;
        List<Dimension> dimensions = new ArrayList<>(List.of(Dimension.ALL));
        if (row.workflow() != null) {
            dimensions.add(Dimension.workflow(row.workflow()));
        }
        if (row.campaign() != null) {
            dimensions.add(Dimension.campaign(row.campaign()));
        }
        if (row.callerId() != null) {
            dimensions.add(Dimension.callerId(row.callerId()));
        }
        return Optional.of(new CountedCall(LocalDate.ofInstant(row.at(), zone), dimensions, row.callerId(), outcome,
                connected, completed, duration, ivr, keyed, OPTED_OUT.equals(outcome)));
    }
}
