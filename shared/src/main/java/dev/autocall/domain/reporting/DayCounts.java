package dev.autocall.domain.reporting;

import java.time.LocalDate;
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

    /** The calls placed from one caller ID. */
    public record CallerCounts(long attempted, long connected) {
    }
}
