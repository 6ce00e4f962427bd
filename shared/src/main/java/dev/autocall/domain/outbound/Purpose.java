package dev.autocall.domain.outbound;

import java.util.Arrays;
import java.util.Optional;

/** What a call is for: marketing calls also meet the stricter rules of the callee's state. */
public enum Purpose {
    TRANSACTIONAL("transactional"),
    MARKETING("marketing");

    private final String wire;

    Purpose(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Purpose> of(String name) {
        return Arrays.stream(values()).filter(p -> p.wire.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wire;
    }
}
