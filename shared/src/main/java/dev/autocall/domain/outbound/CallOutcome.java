package dev.autocall.domain.outbound;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a placed (or refused) call ended, as workflows branch on it. {@code agent_unavailable}: the rep a makeCall
 * rang first did not answer, was busy, or hung up before the customer was dialed. confirmed, declined, rescheduled,
 * opted_out and no_input are the outcomes IVR flows name most; a flow may set its own words too.
 */
public enum CallOutcome {
    COMPLETED, VOICEMAIL, NO_ANSWER, BUSY, FAILED, INVALID, AGENT_UNAVAILABLE, CONFIRMED, DECLINED, RESCHEDULED, OPTED_OUT,
    NO_INPUT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CallOutcome> of(String wire) {
        return Arrays.stream(values()).filter(o -> o.wire().equals(wire)).findFirst();
    }
}
