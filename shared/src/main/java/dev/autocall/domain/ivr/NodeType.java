package dev.autocall.domain.ivr;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The node types a flow may use, each with the fields it allows. */
public enum NodeType {
    SAY("say", "text", "digits", "repeat", "voice", "language", "next"),
    PLAY("play", "url", "next"),
    GATHER("gather", "prompt", "promptUrl", "numDigits", "finishOnKey", "timeoutSeconds", "attempts", "choices", "noInput", "invalid"),
    RECORD("record", "prompt", "maxSeconds", "transcribe", "next"),
    SMS("sms", "body", "next"),
    DIAL("dial", "number", "whisper", "timeoutSeconds", "record", "next", "noAnswer"),
    FETCH("fetch", "url", "timeoutSeconds", "next", "onError"),
    PAUSE("pause", "seconds", "next"),
    HANGUP("hangup", "say", "outcome");

    private final String wire;
    private final Set<String> fields;

    NodeType(String wire, String... fields) {
        this.wire = wire;
        this.fields = Set.copyOf(Stream.concat(Stream.of("type"), Arrays.stream(fields)).toList());
    }

    public String wire() {
        return wire;
    }

    /** Every field the node allows, type included. */
    public Set<String> fields() {
        return fields;
    }

    public static Optional<NodeType> of(String name) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wire;
    }
}
