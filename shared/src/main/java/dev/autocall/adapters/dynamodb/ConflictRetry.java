package dev.autocall.adapters.dynamodb;

import dev.autocall.error.ConflictException;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs an optimistic read-change-write again when its conditional write lost to a concurrent writer. The
 * pause between attempts is random (full jitter) so that writers that collided once do not collide again in
 * step; the attempts are bounded so that a caller under a storm of writes gets a clear failure, not a hang.
 */
final class ConflictRetry {
    static final int ATTEMPTS = 12;
    private static final long MAX_PAUSE_MILLIS = 100;

    private ConflictRetry() {
    }

    /** Thrown by an attempt whose conditional write found the item changed since it was read. */
    static final class Lost extends RuntimeException {
        Lost() {
            super(null, null, false, false);
        }
    }

    /** @param what names the record for the error, e.g. "contact" (never a phone number) */
    static <T> T run(String what, Supplier<T> attempt) {
        for (int i = 1; ; i++) {
            try {
                return attempt.get();
            } catch (Lost e) {
                if (i == ATTEMPTS) {
                    throw new ConflictException("the " + what + " kept changing while it was being saved ("
                            + ATTEMPTS + " attempts); try again");
                }
                pause(i);
            }
        }
    }

    private static void pause(int attempt) {
        long bound = Math.min(MAX_PAUSE_MILLIS, 2L << attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a conflicting write", e);
        }
    }
}
