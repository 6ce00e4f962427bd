package dev.autocall.local.sim;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * How a simulated number behaves when it is called or texted, as set with {@code PUT /_sim/callees/{phone}}.
 *
 * @param behavior        answer, no-answer, busy, voicemail, invalid or fail
 * @param digits          the keys the person presses, in order, across the call's Gathers
 * @param gathers         instead of digits: the keys pressed at each successive Gather ("" for none); none once
 *                        the list runs out
 * @param afterSeconds    simulated ring time before the person or the machine picks up (no real waiting);
 *                        at or beyond the caller's timeout the call is not answered
 * @param throttle        how many create requests to this number answer 429 (Twilio error 20429) before one works
 * @param repeatCallbacks every status callback of a call to this number is sent twice
 * @param outOfOrder      the final status callback is sent before the earlier ones
 * @param hangupAfterSeconds the person hangs up this many simulated seconds after answering
 */
record CalleeScript(String behavior, String digits, Optional<List<String>> gathers, Optional<Integer> afterSeconds,
                    int throttle, boolean repeatCallbacks, boolean outOfOrder, Optional<Integer> hangupAfterSeconds) {
    static final List<String> BEHAVIORS = List.of("answer", "no-answer", "busy", "voicemail", "invalid", "fail");
    private static final List<String> FIELDS = List.of("behavior", "digits", "gathers", "hangupAfterSeconds", "afterSeconds",
            "throttle", "repeatCallbacks", "outOfOrder");
    private static final String KEYS = "[0-9*#]*";
    /** Seconds a person lets a phone ring before picking up, when the script does not say. */
    static final int HUMAN_RING_SECONDS = 5;
    /** Seconds before a voicemail box picks up, when the script does not say. */
    static final int MACHINE_RING_SECONDS = 15;

    /** A number nobody scripted: a person who answers. */
    static final CalleeScript DEFAULT = new CalleeScript("answer", "", Optional.empty(), Optional.empty(), 0, false, false,
            Optional.empty());

    /** The script, or what is wrong with the request (every problem, so one correction suffices). */
    record Parsed(Optional<CalleeScript> script, List<String> problems) {
    }

    static Parsed parse(JsonNode request) {
        List<String> problems = new ArrayList<>();
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add("unknown field " + name + " (known: " + String.join(", ", FIELDS) + ")");
            }
        }
        String behavior = request.path("behavior").asText("");
        if (!BEHAVIORS.contains(behavior)) {
            problems.add("behavior must be one of " + String.join(", ", BEHAVIORS));
        }
        String digits = "";
        JsonNode d = request.path("digits");
        if (!d.isMissingNode() && !d.isNull()) {
            digits = d.isTextual() || d.isIntegralNumber() ? d.asText() : "?";
            if (!digits.matches(KEYS)) {
                problems.add("digits must be keys to press: 0-9, * and #, e.g. \"1\" or \"1234#\"");
            }
        }
        Optional<List<String>> gathers = gathers(request, problems);
        if (!digits.isEmpty() && gathers.isPresent()) {
            problems.add("give digits or gathers, not both: digits are keys taken across the Gathers as each needs them,"
                    + " gathers the keys pressed at each Gather in turn");
        }
        Optional<Integer> hangupAfterSeconds = count(request, "hangupAfterSeconds", 86_400, problems);
        Optional<Integer> afterSeconds = count(request, "afterSeconds", 3600, problems);
        int throttle = count(request, "throttle", 1000, problems).orElse(0);
        boolean repeat = flag(request, "repeatCallbacks", problems);
        boolean outOfOrder = flag(request, "outOfOrder", problems);
        return problems.isEmpty()
                ? new Parsed(Optional.of(new CalleeScript(behavior, digits, gathers, afterSeconds, throttle, repeat, outOfOrder,
                        hangupAfterSeconds)), List.of())
                : new Parsed(Optional.empty(), problems);
    }

    /** {@code "gathers": ["", "1", "12#"]}: one string of keys per Gather, "" for no input. */
    private static Optional<List<String>> gathers(JsonNode request, List<String> problems) {
        JsonNode value = request.path("gathers");
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        String expected = "gathers must be a list of keys pressed at each Gather, \"\" for no input, e.g. [\"\", \"1\"]";
        if (!value.isArray()) {
            problems.add(expected);
            return Optional.empty();
        }
        List<String> gathers = new ArrayList<>();
        for (JsonNode entry : value) {
            if (!entry.isTextual() || !entry.asText().matches(KEYS)) {
                problems.add(expected + "; entry " + gathers.size() + " is " + entry);
                return Optional.empty();
            }
            gathers.add(entry.asText());
        }
        return Optional.of(List.copyOf(gathers));
    }

    private static Optional<Integer> count(JsonNode request, String field, int max, List<String> problems) {
        JsonNode value = request.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > max) {
            problems.add(field + " must be a whole number from 0 to " + max);
            return Optional.empty();
        }
        return Optional.of(value.asInt());
    }

    private static boolean flag(JsonNode request, String field, List<String> problems) {
        JsonNode value = request.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            problems.add(field + " must be true or false");
            return false;
        }
        return value.asBoolean();
    }

    /** Seconds the phone rings before someone (or something) picks up. */
    int ringSeconds() {
        return afterSeconds.orElse(behavior.equals("voicemail") ? MACHINE_RING_SECONDS : HUMAN_RING_SECONDS);
    }

    /** Picks up within a caller's ring timeout: a person or a voicemail box that answers soon enough. */
    boolean picksUpWithin(int timeoutSeconds) {
        return (behavior.equals("answer") || behavior.equals("voicemail")) && ringSeconds() < timeoutSeconds;
    }
}
