package dev.autocall.local.sim;

import java.util.Optional;
import java.util.function.Function;

/** The people on a call, as scripted: whom a Dial reaches, the keys pressed at a Gather, what a Record hears. */
interface People {
    /** Seconds a dialed person talks once connected. */
    int TALK_SECONDS = 42;
    /** How long a dialed voicemail box records whoever is connected to it. */
    int MESSAGE_SECONDS = 20;

    /** What comes of dialing {@code number} and letting it ring {@code timeoutSeconds}. */
    Leg dial(String number, int timeoutSeconds);

    /**
     * The keys pressed at a Gather: up to {@code numDigits} (0: no limit), ended early by a key of
     * {@code finishOnKey} (not included); empty when nobody presses anything.
     */
    String keys(int numDigits, String finishOnKey);

    /** What the party says when a Record verb runs, if anything. */
    Optional<String> message();

    /**
     * The result of one dialed leg.
     *
     * @param status      Twilio's DialCallStatus: completed, busy, no-answer or failed
     * @param talkSeconds how long the leg was connected
     * @param answeredBy  human or machine when it was answered, else null
     */
    record Leg(String status, int talkSeconds, String answeredBy) {
        boolean connected() {
            return status.equals("completed");
        }
    }

    /**
     * The people on an inbound call: the forwarding line does {@code forward}; the caller presses what
     * {@code keypad} holds and may leave {@code voicemail}.
     */
    record Script(String forward, Optional<String> voicemail, Keypad keypad) implements People {
        @Override
        public Leg dial(String number, int timeoutSeconds) {
            return switch (forward) {
                case "answer" -> new Leg("completed", TALK_SECONDS, "human");
                case "busy" -> new Leg("busy", 0, null);
                default -> new Leg("no-answer", 0, null);
            };
        }

        @Override
        public String keys(int numDigits, String finishOnKey) {
            return keypad.keys(numDigits, finishOnKey);
        }

        @Override
        public Optional<String> message() {
            return voicemail;
        }
    }

    /**
     * The people on an outbound call: the callee (a person, or a voicemail box that presses nothing), and for
     * each number a Dial rings, that number's own script.
     */
    final class Callee implements People {
        private final Keypad keypad;
        private final Function<String, CalleeScript> scripts;

        Callee(CalleeScript script, boolean machine, Function<String, CalleeScript> scripts) {
            this.keypad = machine ? Keypad.silent() : Keypad.of(script);
            this.scripts = scripts;
        }

        @Override
        public Leg dial(String number, int timeoutSeconds) {
            return leg(scripts.apply(number), timeoutSeconds);
        }

        @Override
        public String keys(int numDigits, String finishOnKey) {
            return keypad.keys(numDigits, finishOnKey);
        }

        @Override
        public Optional<String> message() {
            return Optional.empty();
        }
    }

    /** What a number with this script does when rung for {@code timeoutSeconds}. */
    static Leg leg(CalleeScript script, int timeoutSeconds) {
        int patience = script.hangupAfterSeconds().orElse(Integer.MAX_VALUE);
        return switch (script.behavior()) {
            case "answer" -> script.picksUpWithin(timeoutSeconds)
                    ? new Leg("completed", Math.min(TALK_SECONDS, patience), "human") : new Leg("no-answer", 0, null);
            case "voicemail" -> script.picksUpWithin(timeoutSeconds)
                    ? new Leg("completed", Math.min(MESSAGE_SECONDS, patience), "machine") : new Leg("no-answer", 0, null);
            case "busy" -> new Leg("busy", 0, null);
            case "no-answer" -> new Leg("no-answer", 0, null);
            default -> new Leg("failed", 0, null);
        };
    }
}
