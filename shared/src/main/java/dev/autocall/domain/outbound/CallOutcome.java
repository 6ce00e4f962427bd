package dev.autocall.domain.outbound;

import java.util.Arrays;
import java.util.Optional;

/** How a call attempt ended, as a workflow's branch names it and as the run history shows it. */
public enum CallOutcome {
    COMPLETED("completed"),
    VOICEMAIL("voicemail"),
    NO_ANSWER("no_answer"),
    BUSY("busy"),
    FAILED("failed"),
    INVALID("invalid"),
    /** From an IVR flow's answer; no step produces it yet. */
    CONFIRMED("confirmed"),
    /** From an IVR flow's answer; no step produces it yet. */
    DECLINED("declined");

    private final String wire;

    CallOutcome(String wire) {
        this.wire = wire;
    }

    /** The name in definitions, events and run histories, e.g. no_answer. */
    public String wire() {
        return wire;
    }

    public static Optional<CallOutcome> fromWire(String name) {
        return Arrays.stream(values()).filter(o -> o.wire.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wire;
    }
}
