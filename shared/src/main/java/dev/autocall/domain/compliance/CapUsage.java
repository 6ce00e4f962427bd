package dev.autocall.domain.compliance;

import java.time.Instant;
import java.util.List;

/**
 * How much of each cap is used at the moment of a check, as stored counters report it.
 *
 * @param workspaceThisMinute calls reserved by the workspace in the current UTC minute
 * @param workspaceToday calls reserved by the workspace on the current UTC day
 * @param numberToday calls reserved to this number on the current day in the number's time zone
 * @param numberCallTimes when calls to this number were reserved within the last 14 days (any order)
 */
public record CapUsage(int workspaceThisMinute, int workspaceToday, int numberToday, List<Instant> numberCallTimes) {
    public static final CapUsage NONE = new CapUsage(0, 0, 0, List.of());

    public CapUsage {
        numberCallTimes = List.copyOf(numberCallTimes);
    }
}
