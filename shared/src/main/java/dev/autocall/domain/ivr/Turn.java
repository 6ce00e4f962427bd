package dev.autocall.domain.ivr;

import dev.autocall.domain.voice.VoiceInstruction;

import java.util.List;

/**
 * What one interpreter turn decided: what the caller hears until the provider must report back, the session to store,
 * and the side effects the caller of the interpreter carries out (texts to send, the voice opt-out).
 *
 * @param fetches every fetch made in this turn, for the simulation's answer and the logs
 */
public record Turn(IvrSession session, List<VoiceInstruction> instructions, List<String> sms, List<FetchLog> fetches,
                   boolean optedOut) {
    public Turn {
        instructions = List.copyOf(instructions);
        sms = List.copyOf(sms);
        fetches = List.copyOf(fetches);
    }

    /**
     * @param status the HTTP status, or 0 when there was none (timeout, refused connection)
     * @param error  why the answer was not used (timeout, non-2xx, malformed), or null when it was
     */
    public record FetchLog(String node, String url, int status, long millis, String error) {
    }
}
