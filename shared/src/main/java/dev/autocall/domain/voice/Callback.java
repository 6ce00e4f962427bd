package dev.autocall.domain.voice;

import java.util.Map;

/**
 * Where the provider reports back during a call: a {@link Kind} the voice adapter maps to its own URL, and the
 * parameters that identify what is reported on (the workspace, the request or call, the IVR turn).
 */
public record Callback(Kind kind, Map<String, String> params) {
    public Callback {
        params = Map.copyOf(params);
    }

    public static Callback of(Kind kind) {
        return new Callback(kind, Map.of());
    }

    public enum Kind {
        /** An inbound call's forwarding dial ended. */
        FORWARD_RESULT,
        /** The forwarding line answered an inbound call. */
        FORWARD_ANSWERED,
        /** A voicemail recording ended (the caller hung up or pressed #). */
        VOICEMAIL_DONE,
        VOICEMAIL_STORED,
        VOICEMAIL_TRANSCRIBED,
        /** The customer leg of a makeCall ended. */
        CONNECT_RESULT,
        /** The next turn of an IVR call: keys, a recording's end, a dial's end, or a redirect to fetch. */
        IVR,
        /** The whisper a flow's dial node plays to the called party. */
        IVR_WHISPER,
        /** A placed call was answered: its instructions, when they did not go with the call. */
        CALL_ANSWERED,
        /** A placed call's final status. */
        CALL_STATUS
    }
}
