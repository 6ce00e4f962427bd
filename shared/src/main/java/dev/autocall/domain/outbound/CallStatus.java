package dev.autocall.domain.outbound;

/** Where a call request stands. PENDING and DEFERRED wait for the gate; FAILED never changes again. */
public enum CallStatus {
    PENDING, DEFERRED, FAILED, READY, DIALING, DIALED, COMPLETED;

    public boolean decided() {
        return this == FAILED || this == READY || this == DIALING || this == DIALED || this == COMPLETED;
    }
}
