package dev.autocall.api;

/** A body, or what it would make of a stored record, over its documented size: answered 413. */
final class TooLargeException extends RuntimeException {
    private final String field;

    TooLargeException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
