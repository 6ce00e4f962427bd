package dev.autocall.domain.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a failed delivery is tried again: 5 s, 5 min, 30 min, 2 h, 5 h and 10 h after the attempts that failed, then
 * daily, as long as the next attempt falls within 3 days of the first one; after that the delivery is parked. From a
 * first attempt at t, attempts come at t+5s, +5m5s, +35m5s, +2h35m5s, +7h35m5s, +17h35m5s, +41h35m5s and +65h35m5s
 * (each delay counted from the end of the attempt before): 9 attempts in all (docs/webhooks.md).
 */
public final class RetrySchedule {
    public static final List<Duration> DELAYS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10));
    public static final Duration THEN = Duration.ofDays(1);
    public static final Duration WINDOW = Duration.ofDays(3);

    private RetrySchedule() {
    }

    /**
     * @param attemptsMade attempts made so far, the failed one included
     * @param firstAttempt when the first attempt was made
     * @param now          when the failed attempt ended
     * @return when the next attempt is due, or empty when the delivery is to be parked
     */
    public static Optional<Instant> next(int attemptsMade, Instant firstAttempt, Instant now) {
        Duration delay = attemptsMade <= DELAYS.size() ? DELAYS.get(attemptsMade - 1) : THEN;
        Instant next = now.plus(delay);
        return next.isAfter(firstAttempt.plus(WINDOW)) ? Optional.empty() : Optional.of(next);
    }
}
