package dev.autocall.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one clock of the local runtime, read by the functions and the Twilio simulator: real time plus an
 * offset that /_sim/clock can move, so "tomorrow at 10:00" is a second away.
 */
public final class LocalClock extends Clock {
    private final AtomicLong offsetMillis = new AtomicLong();

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the local clock is UTC");
    }

    @Override
    public Instant instant() {
        return Instant.now().plusMillis(offsetMillis.get());
    }

    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        offsetMillis.addAndGet(duration.toMillis());
    }

    public void set(Instant target) {
        long delta = target.toEpochMilli() - Instant.now().toEpochMilli();
        if (delta < offsetMillis.get()) {
            throw new IllegalArgumentException("the clock only moves forward: " + target + " is before " + instant());
        }
        offsetMillis.set(delta);
    }
}
