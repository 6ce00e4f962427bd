package dev.autocall.domain.voice;

import java.util.List;

/**
 * What a call does next, in no provider's terms: the domain (inbound routing, outbound plans, the IVR interpreter)
 * builds a list of these, and the voice adapter renders them in its provider's language (TwiML for Twilio). Where the
 * provider must come back with a result (keys, a recording, a dial's end), the instruction names a {@link Callback}.
 */
public sealed interface VoiceInstruction {
    /** Speaks {@code text}; {@code voice} and {@code language} may be null (the provider's default). */
    record Say(String text, String voice, String language) implements VoiceInstruction {
    }

    record Play(String url) implements VoiceInstruction {
    }

    record Pause(int seconds) implements VoiceInstruction {
    }

    /**
     * Plays {@code prompt} (Say, Play and Pause only) while listening for keys; the keys (or none, after
     * {@code timeoutSeconds} of silence) go to {@code action}.
     *
     * @param numDigits   stop listening after this many keys
     * @param finishOnKey a key that ends the input early (not part of it); null: none
     */
    record Gather(List<VoiceInstruction> prompt, int numDigits, String finishOnKey, int timeoutSeconds, Callback action)
            implements VoiceInstruction {
        public Gather {
            prompt = List.copyOf(prompt);
            if (prompt.stream().anyMatch(p -> !(p instanceof Say || p instanceof Play || p instanceof Pause))) {
                throw new IllegalArgumentException("a gather's prompt speaks, plays or pauses only");
            }
        }
    }

    /**
     * Records the caller after a beep, up to {@code maxSeconds}; {@code action} hears when the recording ends,
     * {@code recordingStatus} when it is stored, {@code transcription} (when asked for) when its text is ready.
     */
    record Record(int maxSeconds, boolean transcribe, Callback action, Callback recordingStatus, Callback transcription)
            implements VoiceInstruction {
    }

    /**
     * Rings {@code number} for {@code timeoutSeconds} and connects the call to whoever answers.
     *
     * @param callerId    the number the called party sees; null: the call's own
     * @param whisper     played to the called party before connecting (null: none)
     * @param answered    told when the called party answers (null: not needed)
     * @param action      told how the dial ended; null: the call goes on to the next instruction
     * @param answerOnConnect the call itself is answered only when the called party answers: a forwarded inbound
     *                    caller hears ringing meanwhile, and a forward nobody takes is never an answered call
     */
    record Dial(String number, String callerId, int timeoutSeconds, boolean record, Callback whisper, Callback answered,
                Callback action, boolean answerOnConnect) implements VoiceInstruction {
        /** A dial from a call that is already answered (an outbound call, or a flow that has spoken). */
        public Dial(String number, String callerId, int timeoutSeconds, boolean record, Callback whisper, Callback answered,
                    Callback action) {
            this(number, callerId, timeoutSeconds, record, whisper, answered, action, false);
        }
    }

    /** Continues with the instructions {@code to} answers (used to do slow work, e.g. a fetch, after speech is heard). */
    record Redirect(Callback to) implements VoiceInstruction {
    }

    record Hangup() implements VoiceInstruction {
    }
}
