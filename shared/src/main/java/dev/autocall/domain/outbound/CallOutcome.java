package dev.autocall.domain.outbound;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a placed (or refused) call ended, as workflows branch on it. {@code agent_unavailable}: the rep a makeCall
 * rang first did not answer, was busy, or hung up before the customer was dialed.
 */
public enum CallOutcome {
    COMPLETED, VOICEMAIL, NO_ANSWER, BUSY, FAILED, INVALID, AGENT_UNAVAILABLE, CONFIRMED, DECLINED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CallOutcome> of(String wire) {
        return Arrays.stream(values()).filter(o -> o.wire().equals(wire)).findFirst();
    }
}
