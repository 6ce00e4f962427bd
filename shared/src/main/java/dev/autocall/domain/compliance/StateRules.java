package dev.autocall.domain.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * US states' stricter rules for marketing calls, found by area code; kept as data (resources under compliance/)
 * so that a change in a state's law is a change to a table, not to code.
 */
public final class StateRules {
    private static final String RULES = "/compliance/state-rules.json";
    private static final String AREA_CODES = "/compliance/nanp-area-codes.json";

    private final Map<String, CallingWindow> ruleByState;
    private final Map<String, String> stateByAreaCode;

    StateRules(Map<String, CallingWindow> ruleByState, Map<String, String> stateByAreaCode) {
        this.ruleByState = Map.copyOf(ruleByState);
        this.stateByAreaCode = Map.copyOf(stateByAreaCode);
    }

    /** The tables shipped in the jar, read once; a missing or malformed table stops start-up rather than a call. */
    public static StateRules bundled() {
        return Bundled.INSTANCE;
    }

    /** The state of a US number by its area code, e.g. "FL" for +1305...; empty outside the table. */
    public Optional<String> stateOf(String e164) {
        return CalleeNumber.parse(e164).flatMap(CalleeNumber::areaCode).map(stateByAreaCode::get);
    }

    /** The state's marketing-call window for this number, to be narrowed into the workspace's; empty if none. */
    public Optional<CallingWindow> marketingWindowFor(String e164) {
        return stateOf(e164).map(ruleByState::get);
    }

    private static final class Bundled {
        static final StateRules INSTANCE = load();

        private static StateRules load() {
            JsonNode rules = read(RULES).path("states");
            Map<String, CallingWindow> ruleByState = new HashMap<>();
            rules.properties().forEach(state -> ruleByState.put(state.getKey(), window(state.getKey(), state.getValue())));
            Map<String, String> stateByAreaCode = new HashMap<>();
            read(AREA_CODES).path("areaCodes").properties().forEach(state -> state.getValue().forEach(code -> {
                String previous = stateByAreaCode.put(code.asText(), state.getKey());
                if (previous != null) {
                    throw new IllegalStateException(AREA_CODES + ": area code " + code.asText() + " is listed for "
                            + previous + " and " + state.getKey());
                }
            }));
            return new StateRules(ruleByState, stateByAreaCode);
        }

        private static CallingWindow window(String state, JsonNode rule) {
            JsonNode hours = rule.path("hours");
            LocalTime start = hours.isMissingNode() ? LocalTime.MIN : LocalTime.parse(hours.path("start").asText());
            LocalTime end = hours.isMissingNode() ? LocalTime.MAX : LocalTime.parse(hours.path("end").asText());
            if (!start.isBefore(end)) {
                throw new IllegalStateException(RULES + ": " + state + " hours start " + start + " is not before end " + end);
            }
            Set<DayOfWeek> closed = EnumSet.noneOf(DayOfWeek.class);
            rule.path("closedDays").forEach(day -> closed.add(DayOfWeek.valueOf(day.asText())));
            return new CallingWindow(start, end, closed);
        }

        private static JsonNode read(String resource) {
            try (InputStream in = StateRules.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing from the classpath");
                }
                return new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
    }
}
