package dev.autocall.domain.reporting;

import java.time.ZoneId;

/**
 * Port: the analytics counters, kept per workspace, local day and dimension as calls end, so that analytics are read
 * from a few counter items and never by scanning calls.
 */
public interface AnalyticsCounters {
    /** Where analytics are not kept. */
    AnalyticsCounters NONE = (workspaceId, row, zone) -> { };

    /**
     * Counts a call's final row on its local day in {@code zone}. Only dialed, ended, live calls count (the counters
     * decide); the same row id counted twice, or a row arriving after its call was counted, changes nothing.
     */
    void count(String workspaceId, CallRow row, ZoneId zone);
}
