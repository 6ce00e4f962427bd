package dev.autocall.domain.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Analytics from the day counters of one dimension (docs/api.md, "Analytics"). Every rate is 0 when its denominator
 * is 0 and is rounded to 4 decimals (half up); the average duration to 1 decimal.
 */
public final class Analytics {
    private Analytics() {
    }

    /** The response of GET /v1/analytics, fields in the documented order. */
    public record Report(String from, String to, String timeZone, String granularity, long attempted, long connected,
                         double connectRate, long completed, double completionRate, Map<String, Long> outcomes,
                         Duration durationSeconds, double ivrResponseRate, double optOutRate, List<CallerIdStats> byCallerId,
                         List<Bucket> trend) {
    }

    public record Duration(long total, double average) {
    }

    public record CallerIdStats(String callerId, long attempted, long connected, double connectRate) {
    }

    /** @param start the bucket's first local day (a Monday for weeks, the 1st for months) */
    public record Bucket(String start, long attempted, long connected) {
    }

    /** @param days the counters of the query's dimension on the query's days (others are ignored) */
    public static Report report(AnalyticsQuery query, ZoneId zone, List<DayCounts> days) {
        long attempted = 0;
        long connected = 0;
        long completed = 0;
        long duration = 0;
        long ivr = 0;
        long ivrKeyed = 0;
        long optOuts = 0;
        Map<String, Long> outcomes = new TreeMap<>();
        Map<String, long[]> callers = new HashMap<>();
        Map<LocalDate, long[]> buckets = emptyBuckets(query);
        for (DayCounts day : days) {
            if (day.day().isBefore(query.from()) || day.day().isAfter(query.to())) {
                continue;
            }
            attempted += day.attempted();
            connected += day.connected();
            completed += day.completed();
            duration += day.durationSeconds();
            ivr += day.ivr();
            ivrKeyed += day.ivrKeyed();
            optOuts += day.optOuts();
            day.outcomes().forEach((outcome, n) -> outcomes.merge(outcome, n, Long::sum));
            day.callers().forEach((callerId, c) -> {
                long[] sums = callers.computeIfAbsent(callerId, k -> new long[2]);
                sums[0] += c.attempted();
                sums[1] += c.connected();
            });
            long[] bucket = buckets.get(bucketStart(day.day(), query.granularity()));
            bucket[0] += day.attempted();
            bucket[1] += day.connected();
        }
        List<CallerIdStats> byCallerId = new ArrayList<>();
        callers.forEach((callerId, c) -> byCallerId.add(new CallerIdStats(callerId, c[0], c[1], rate(c[1], c[0]))));
        byCallerId.sort(Comparator.comparingLong(CallerIdStats::attempted).reversed().thenComparing(CallerIdStats::callerId));
        List<Bucket> trend = new ArrayList<>();
        buckets.forEach((start, c) -> trend.add(new Bucket(start.toString(), c[0], c[1])));
        return new Report(query.from().toString(), query.to().toString(), zone.getId(), query.granularity().wire(),
                attempted, connected, rate(connected, attempted), completed, rate(completed, connected), outcomes,
                new Duration(duration, round(duration, connected, 1)), rate(ivrKeyed, ivr), rate(optOuts, completed),
                byCallerId, trend);
    }

    /** Every bucket the range touches, zeros included, in order. */
    private static Map<LocalDate, long[]> emptyBuckets(AnalyticsQuery query) {
        Map<LocalDate, long[]> buckets = new LinkedHashMap<>();
        for (LocalDate d = query.from(); !d.isAfter(query.to()); d = d.plusDays(1)) {
            buckets.computeIfAbsent(bucketStart(d, query.granularity()), k -> new long[2]);
        }
        return buckets;
    }

    static LocalDate bucketStart(LocalDate day, AnalyticsQuery.Granularity granularity) {
        return switch (granularity) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    static double rate(long numerator, long denominator) {
        return round(numerator, denominator, 4);
    }

    private static double round(long numerator, long denominator, int decimals) {
        if (denominator == 0) {
            return 0;
        }
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), decimals, RoundingMode.HALF_UP).doubleValue();
    }
}
