package dev.autocall.domain.workflow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a run stands: running (held by one delivery), waiting (for a call or a time), or ended. */
public enum RunStatus {
    RUNNING, WAITING, COMPLETED, FAILED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RunStatus of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    public boolean ended() {
        return this == COMPLETED || this == FAILED;
    }
}
