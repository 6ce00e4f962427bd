package dev.autocall.domain.campaign;

import java.util.Locale;

/**
 * Where one target of a run stands. PENDING waits for the dispatcher (also between retries); IN_PROGRESS and
 * DEFERRED hold a call request the gate has (DEFERRED: it waits for its next allowed time) and both count against
 * maxConcurrent; the other four are final.
 */
public enum TargetState {
    PENDING, IN_PROGRESS, DEFERRED, COMPLETED, FAILED, CANCELLED, EXPIRED;

    public String wire() {
        return switch (this) {
            case IN_PROGRESS -> "inProgress";
            default -> name().toLowerCase(Locale.ROOT);
        };
    }

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == EXPIRED;
    }

    public boolean holdsSlot() {
        return this == IN_PROGRESS || this == DEFERRED;
    }
}
