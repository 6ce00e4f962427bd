package dev.autocall.local.sim;

import java.util.List;

/**
 * The keys a scripted person presses at a call's Gathers: either one string of {@code digits} taken as each
 * Gather needs them, or {@code gathers}, one entry per Gather in turn ("" for no input, none once they run out).
 * One per call, since both are used up as the call plays.
 */
final class Keypad {
    private final String digits;
    private final List<String> gathers;
    private int nextKey;
    private int nextGather;

    private Keypad(String digits, List<String> gathers) {
        this.digits = digits;
        this.gathers = gathers;
    }

    static Keypad of(CalleeScript script) {
        return script.gathers().map(g -> new Keypad("", g)).orElseGet(() -> new Keypad(script.digits(), null));
    }

    /** A person who presses nothing (a voicemail box, an inbound caller with no script). */
    static Keypad silent() {
        return new Keypad("", List.of());
    }

    /**
     * The keys pressed at one Gather: up to {@code numDigits} (0: no limit), ended early by a key of
     * {@code finishOnKey} (not included); empty when nobody presses anything.
     */
    synchronized String keys(int numDigits, String finishOnKey) {
        if (gathers != null) {
            String entry = nextGather < gathers.size() ? gathers.get(nextGather++) : "";
            return take(entry, 0, numDigits, finishOnKey).keys();
        }
        Taken taken = take(digits, nextKey, numDigits, finishOnKey);
        nextKey = taken.next();
        return taken.keys();
    }

    private record Taken(String keys, int next) {
    }

    private static Taken take(String pressed, int from, int numDigits, String finishOnKey) {
        StringBuilder keys = new StringBuilder();
        int i = from;
        while (i < pressed.length()) {
            char key = pressed.charAt(i++);
            if (finishOnKey.indexOf(key) >= 0) {
                break;
            }
            keys.append(key);
            if (numDigits > 0 && keys.length() == numDigits) {
                break;
            }
        }
        return new Taken(keys.toString(), i);
    }
}
