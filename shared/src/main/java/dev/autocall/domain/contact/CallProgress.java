package dev.autocall.domain.contact;

import java.util.Map;

/** The forward-only order of thread entry statuses: a late or repeated update never moves one back. */
public final class CallProgress {
    private static final Map<String, Integer> RANK = Map.ofEntries(
            Map.entry("accepted", 1), Map.entry("queued", 2), Map.entry("ringing", 3), Map.entry("sending", 3),
            Map.entry("received", 4), Map.entry("sent", 5), Map.entry("in-progress", 5), Map.entry("answered", 6),
            Map.entry("missed", 7), Map.entry("voicemail", 8), Map.entry("delivered", 9), Map.entry("undelivered", 9),
            Map.entry("failed", 9), Map.entry("completed", 10), Map.entry("read", 10));

    private CallProgress() {
    }

    public static int rank(String status) {
        // Updates without a status (a call's duration, a voicemail's transcript) rank nowhere; Map.of refuses null keys.
        return status == null ? 0 : RANK.getOrDefault(status, 0);
    }
}
