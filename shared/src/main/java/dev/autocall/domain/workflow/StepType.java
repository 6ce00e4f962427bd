package dev.autocall.domain.workflow;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The step types a definition may name, each with the fields it allows. */
public enum StepType {
    SEND_SMS("sendSms", "body"),
    CREATE_TASK("createTask", "title", "dueInMinutes"),
    ADD_TAG("addTag", "tag"),
    REMOVE_TAG("removeTag", "tag"),
    NOTIFY("notify", "body"),
    MAKE_CALL("makeCall", "agent", "whisper", "timeoutSeconds", "record", "purpose", "ifNoAnswer"),
    LEAVE_VOICEMAIL("leaveVoicemail", "message", "audioUrl", "voice", "purpose", "ifNoAnswer"),
    RUN_IVR("runIvr", "flow", "purpose", "ifNoAnswer", "onMachine", "machineMessage"),
    WAIT("wait", "duration", "until", "offset"),
    BRANCH("branch", "cases", "otherwise");

    private final String wire;
    private final Set<String> fields;

    StepType(String wire, String... fields) {
        this.wire = wire;
        this.fields = Set.copyOf(Stream.concat(Stream.of("id", "type"), Arrays.stream(fields)).toList());
    }

    /** The name in definitions and run histories, e.g. sendSms. */
    public String wire() {
        return wire;
    }

    /** Every field the step allows, id and type included. */
    public Set<String> fields() {
        return fields;
    }

    public static Optional<StepType> of(String name) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wire;
    }
}
