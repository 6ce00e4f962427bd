package dev.autocall.domain.compliance;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The cap usage as it will look at a later instant if nothing else is reserved meanwhile: a counter whose minute or
 * day has passed starts again from zero; the rolling 14-day list keeps its times.
 */
final class UsageProjection {

    private UsageProjection() {
    }

    static CapUsage at(CapUsage usage, Instant from, Instant to, ZoneId numberDayZone) {
        boolean sameMinute = from.truncatedTo(ChronoUnit.MINUTES).equals(to.truncatedTo(ChronoUnit.MINUTES));
        boolean sameUtcDay = from.truncatedTo(ChronoUnit.DAYS).equals(to.truncatedTo(ChronoUnit.DAYS));
        boolean sameLocalDay = from.atZone(numberDayZone).toLocalDate().equals(to.atZone(numberDayZone).toLocalDate());
        return new CapUsage(sameMinute ? usage.workspaceThisMinute() : 0, sameUtcDay ? usage.workspaceToday() : 0,
                sameLocalDay ? usage.numberToday() : 0, usage.numberCallTimes());
    }
}
