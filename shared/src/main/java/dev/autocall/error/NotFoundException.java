package dev.autocall.error;

/** A resource the caller named does not exist in its workspace: maps to HTTP 404. */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
