package dev.autocall.testing;

import dev.autocall.domain.reporting.AnalyticsCounters;
import dev.autocall.domain.reporting.AnalyticsDays;
import dev.autocall.domain.reporting.CallRow;
import dev.autocall.domain.reporting.CountedCall;
import dev.autocall.domain.reporting.DayCounts;
import dev.autocall.domain.reporting.Dimension;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The analytics counters in memory, counting each row id once as the DynamoDB adapter does. */
public final class InMemoryAnalyticsCounters implements AnalyticsCounters, AnalyticsDays {
    private final Set<String> counted = ConcurrentHashMap.newKeySet();
    private final Map<String, DayCounts> days = new ConcurrentHashMap<>();

    @Override
    public synchronized void count(String workspaceId, CallRow row, ZoneId zone) {
        CountedCall.of(row, zone).ifPresent(call -> {
            if (counted.add(workspaceId + "#" + row.id())) {
                for (Dimension dimension : call.dimensions()) {
                    days.merge(key(workspaceId, dimension, call.day()), DayCounts.empty(call.day()).plus(call),
                            (old, ignored) -> old.plus(call));
                }
            }
        });
    }

    @Override
    public List<DayCounts> days(String workspaceId, Dimension dimension, LocalDate from, LocalDate to) {
        return from.datesUntil(to.plusDays(1)).map(d -> days.get(key(workspaceId, dimension, d)))
                .filter(java.util.Objects::nonNull).toList();
    }

    private static String key(String workspaceId, Dimension dimension, LocalDate day) {
        return workspaceId + "#" + dimension.key() + "#" + day;
    }
}
