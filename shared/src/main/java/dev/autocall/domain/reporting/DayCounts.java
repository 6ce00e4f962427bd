package dev.autocall.domain.reporting;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The counters of one dimension on one local day: what the counted calls of that day add up to.
 *
 * @param outcomes calls per outcome word
 * @param callers attempted and connected calls per caller ID
 */
public record DayCounts(LocalDate day, long attempted, long connected, long completed, long durationSeconds, long ivr,
                        long ivrKeyed, long optOuts, Map<String, Long> outcomes, Map<String, CallerCounts> callers) {

    public DayCounts {
        outcomes = Map.copyOf(outcomes);
        callers = Map.copyOf(callers);
    }

    public static DayCounts empty(LocalDate day) {
        return new DayCounts(day, 0, 0, 0, 0, 0, 0, 0, Map.of(), Map.of());
    }

    /** These counters with one more call: what the stored counters do with their additions. */
    public DayCounts plus(CountedCall call) {
        Map<String, Long> moreOutcomes = new HashMap<>(outcomes);
        if (call.outcome() != null) {
            moreOutcomes.merge(call.outcome(), 1L, Long::sum);
        }
        Map<String, CallerCounts> moreCallers = new HashMap<>(callers);
        if (call.callerId() != null) {
            moreCallers.merge(call.callerId(), new CallerCounts(1, call.connected() ? 1 : 0),
                    (a, b) -> new CallerCounts(a.attempted() + b.attempted(), a.connected() + b.connected()));
        }
        return new DayCounts(day, attempted + 1, connected + one(call.connected()), completed + one(call.completed()),
                durationSeconds + call.durationSeconds(), ivr + one(call.ivr()), ivrKeyed + one(call.ivrKeyed()),
                optOuts + one(call.optOut()), moreOutcomes, moreCallers);
    }

    private static long one(boolean yes) {
        return yes ? 1 : 0;
    }

    /** The calls placed from one caller ID. */
    public record CallerCounts(long attempted, long connected) {
    }
}
