package dev.autocall.local.sim;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.Set;

/**
 * Twilio failing a share of REST requests, as set with {@code POST /_sim/faults}: answering 429 or 5xx, or holding
 * the request past the client's timeout and dropping the connection, none of them acting on the request. Which
 * requests fail follows from the seed and the order requests arrive in.
 */
final class TwilioFaults {
    static final List<String> KINDS = List.of("429", "500", "503", "timeout");
    private static final Set<String> FIELDS = Set.of("rate", "kinds", "seed", "hangSeconds");
    /** Past the Twilio SDK's 30.5 s read timeout, as it builds its client in AWS. */
    static final int DEFAULT_HANG_SECONDS = 31;

    /** The setting: share of requests, kinds drawn from, seed, how long a timeout holds the request. */
    record Setting(double rate, List<String> kinds, long seed, int hangSeconds) {
        static final Setting OFF = new Setting(0, KINDS, 0, DEFAULT_HANG_SECONDS);
    }

    /** The fault drawn for one request; empty when the request is served. */
    record Fault(String kind, Duration hang) {
    }

    private final Clock clock;
    private Setting setting = Setting.OFF;
    private SplittableRandom random = new SplittableRandom(0);
    private final List<Map<String, Object>> injected = new ArrayList<>();

    TwilioFaults(Clock clock) {
        this.clock = clock;
    }

    /** Replaces the setting and restarts the seeded sequence; @return what is wrong with the request, if anything. */
    synchronized List<String> set(JsonNode request) {
        List<String> problems = new ArrayList<>();
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add("unknown field " + name + " (known: rate, kinds, seed, hangSeconds)");
            }
        }
        JsonNode rate = request.path("rate");
        if (!rate.isNumber() || rate.asDouble() < 0 || rate.asDouble() > 1) {
            problems.add("rate must be a number from 0 to 1 (the share of REST requests that fail)");
        }
        List<String> kinds = new ArrayList<>();
        JsonNode kindsNode = request.path("kinds");
        if (kindsNode.isMissingNode()) {
            kinds.addAll(KINDS);
        } else if (!kindsNode.isArray() || kindsNode.isEmpty()) {
            problems.add("kinds must be a non-empty list of " + String.join(", ", KINDS));
        } else {
            kindsNode.forEach(k -> {
                if (!k.isTextual() || !KINDS.contains(k.asText())) {
                    problems.add("unknown kind " + k + " (known: " + String.join(", ", KINDS) + ")");
                } else {
                    kinds.add(k.asText());
                }
            });
        }
        JsonNode seed = request.path("seed");
        if (!seed.isMissingNode() && !seed.isIntegralNumber()) {
            problems.add("seed must be a whole number");
        }
        JsonNode hang = request.path("hangSeconds");
        if (!hang.isMissingNode() && (!hang.isIntegralNumber() || hang.asInt() < 0 || hang.asInt() > 300)) {
            problems.add("hangSeconds must be a whole number from 0 to 300");
        }
        if (problems.isEmpty()) {
            setting = new Setting(rate.asDouble(), List.copyOf(kinds), seed.asLong(0), hang.asInt(DEFAULT_HANG_SECONDS));
            random = new SplittableRandom(setting.seed());
            injected.clear();
        }
        return problems;
    }

    /** Draws whether this request fails, and how. */
    synchronized Optional<Fault> draw(String method, String path) {
        if (setting.rate() == 0) {
            return Optional.empty();
        }
        boolean fails = random.nextDouble() < setting.rate();
        String kind = setting.kinds().get(random.nextInt(setting.kinds().size()));
        if (!fails) {
            return Optional.empty();
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", kind);
        entry.put("method", method);
        entry.put("path", path);
        entry.put("at", clock.instant().toString());
        injected.add(entry);
        return Optional.of(new Fault(kind, Duration.ofSeconds(setting.hangSeconds())));
    }

    /** The setting and every fault injected since it was set. */
    synchronized Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("rate", setting.rate());
        view.put("kinds", setting.kinds());
        view.put("seed", setting.seed());
        view.put("hangSeconds", setting.hangSeconds());
        view.put("injected", List.copyOf(injected));
        return view;
    }
}
