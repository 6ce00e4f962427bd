package dev.autocall.error;

import java.util.Optional;

/** Bad input from a caller: maps to HTTP 400 with the field it concerns and what to change. */
public final class InvalidInputException extends RuntimeException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public InvalidInputException(String message) {
        this(null, message);
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
