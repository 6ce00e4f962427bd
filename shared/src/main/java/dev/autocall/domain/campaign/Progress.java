package dev.autocall.domain.campaign;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's progress, from counters moved with each target's change of state: total is always the sum of the states,
 * outcomes count each completed target once by its final outcome, failures each failed target by its reason.
 */
public record Progress(Map<TargetState, Long> states, Map<String, Long> outcomes, Map<String, Long> failures) {
    public Progress {
        EnumMap<TargetState, Long> all = new EnumMap<>(TargetState.class);
        for (TargetState state : TargetState.values()) {
            all.put(state, states.getOrDefault(state, 0L));
        }
        states = Map.copyOf(all);
        outcomes = Map.copyOf(new TreeMap<>(outcomes));
        failures = Map.copyOf(new TreeMap<>(failures));
    }

    public static Progress empty() {
        return new Progress(Map.of(), Map.of(), Map.of());
    }

    public long total() {
        return states.values().stream().mapToLong(Long::longValue).sum();
    }

    public long count(TargetState state) {
        return states.get(state);
    }

    /** Calls in flight: what maxConcurrent limits. */
    public long holdingSlots() {
        return count(TargetState.IN_PROGRESS) + count(TargetState.DEFERRED);
    }

    public boolean allFinal() {
        return count(TargetState.PENDING) == 0 && holdingSlots() == 0;
    }
}
