package dev.autocall.error;

/** The request contradicts stored state (e.g. a number already owned by another workspace): HTTP 409. */
public final class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
