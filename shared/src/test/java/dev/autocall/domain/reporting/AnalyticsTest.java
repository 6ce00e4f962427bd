package dev.autocall.domain.reporting;

import dev.autocall.domain.reporting.Analytics.Bucket;
import dev.autocall.domain.reporting.Analytics.CallerIdStats;
import dev.autocall.domain.reporting.Analytics.Report;
import dev.autocall.testing.InMemoryAnalyticsCounters;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Analytics against numbers worked out by hand for the rows below (Chicago; US daylight saving time ends on
 * 2026-11-01 at 07:00Z, so local days shift from UTC-5 to UTC-6 inside the range).
 */
class AnalyticsTest {
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final String A = "+13125550100";
    private static final String B = "+13125550101";
    private static final String WS = "ws1";

    /** Every row, with the local day it belongs to and why it counts or not. */
    private static final List<CallRow> ROWS = List.of(
            row("r1", "2026-10-30T15:00:00Z", "completed", "completed", null, null, 60, A, "w1", null),   // Oct 30
            row("r2", "2026-10-30T16:00:00Z", "completed", "no_answer", null, null, null, A, null, null), // Oct 30
            row("r3", "2026-10-31T15:00:00Z", "completed", "voicemail", null, null, 30, B, null, null),   // Oct 31
            row("r4", "2026-11-01T04:30:00Z", "completed", "confirmed", "f1", "menu=1", 45, B, null, "c1"), // 23:30 CDT Oct 31
            row("r5", "2026-11-01T06:30:00Z", "completed", "opted_out", "f1", "menu=9", 20, A, null, "c1"), // 01:30 CDT Nov 1
            row("r6", "2026-11-02T05:30:00Z", "completed", "busy", "f1", null, null, A, null, "c1"),         // 23:30 CST Nov 1
            row("r7", "2026-11-02T15:00:00Z", "completed", "declined", "f1", null, 15, B, null, null),       // Nov 2
            row("r8", "2026-11-02T16:00:00Z", "failed", "failed", null, null, null, B, null, null),          // Nov 2, not connected
            // Counted nowhere: a test call, an inbound call, a request that never dialed.
            new CallRow("t1", "CAt1", Instant.parse("2026-11-02T17:00:00Z"), CallRow.OUTBOUND, "+13125550199", null, "w1",
                    null, null, "completed", "completed", null, 99, null, null, A, 1, true),
            new CallRow("CAin", "CAin", Instant.parse("2026-11-02T17:00:00Z"), CallRow.INBOUND, "+13125550199", null, null,
                    null, null, "completed", "completed", null, 99, null, null, A, null, false),
            new CallRow("d1", null, Instant.parse("2026-11-02T17:00:00Z"), CallRow.OUTBOUND, "+13125550199", null, "w1",
                    null, null, "deferred", null, "OUTSIDE_WINDOW", null, null, null, null, 1, false));

    private final InMemoryAnalyticsCounters counters = counted();

    @Test
    void report_addsUpTheDialedLiveCalls_asWorkedOutByHand() {
        Report report = report("from=2026-10-30&to=2026-11-02");

        assertEquals("2026-10-30", report.from());
        assertEquals("2026-11-02", report.to());
        assertEquals("America/Chicago", report.timeZone());
        assertEquals("day", report.granularity());
        assertEquals(8, report.attempted());
        assertEquals(5, report.connected());           // completed, voicemail, confirmed, opted_out, declined
        assertEquals(0.625, report.connectRate());      // 5 / 8
        assertEquals(4, report.completed());            // the connected ones but the voicemail
        assertEquals(0.8, report.completionRate());     // 4 / 5
        assertEquals(Map.of("completed", 1L, "no_answer", 1L, "voicemail", 1L, "confirmed", 1L, "opted_out", 1L,
                "busy", 1L, "declined", 1L, "failed", 1L), report.outcomes());
        assertEquals(new Analytics.Duration(170, 34.0), report.durationSeconds()); // 60+30+45+20+15 over 5
        assertEquals(0.6667, report.ivrResponseRate()); // r4, r5 keyed of r4, r5, r7 answered (r6 busy is no IVR call)
        assertEquals(0.25, report.optOutRate());        // 1 / 4 completed
        assertEquals(List.of(new CallerIdStats(A, 4, 2, 0.5), new CallerIdStats(B, 4, 3, 0.75)), report.byCallerId());
    }

    @Test
    void trend_putsCallsOnLocalDays_acrossTheDaylightSavingChange() {
        Report report = report("from=2026-10-30&to=2026-11-02");

        // r4 (04:30Z) is still Oct 31 in CDT; r6 (05:30Z) is Nov 1 in CST though it would be Nov 2 in CDT.
        assertEquals(List.of(new Bucket("2026-10-30", 2, 1), new Bucket("2026-10-31", 2, 2),
                new Bucket("2026-11-01", 2, 1), new Bucket("2026-11-02", 2, 1)), report.trend());
    }

    @Test
    void trend_bucketsWeeksFromMonday_andMonthsFromTheFirst() {
        assertEquals(List.of(new Bucket("2026-10-26", 6, 4), new Bucket("2026-11-02", 2, 1)),
                report("from=2026-10-30&to=2026-11-02&granularity=week").trend());
        assertEquals(List.of(new Bucket("2026-10-01", 4, 3), new Bucket("2026-11-01", 4, 2)),
                report("from=2026-10-30&to=2026-11-02&granularity=month").trend());
    }

    @Test
    void trend_listsEveryBucketOfTheRange_withZeros() {
        Report days = report("from=2026-10-28&to=2026-11-04");
        assertEquals(8, days.trend().size());
        assertEquals(new Bucket("2026-10-28", 0, 0), days.trend().get(0));
        assertEquals(new Bucket("2026-11-04", 0, 0), days.trend().get(7));

        Report months = report("from=2026-09-15&to=2026-12-03&granularity=month");
        assertEquals(List.of(new Bucket("2026-09-01", 0, 0), new Bucket("2026-10-01", 4, 3), new Bucket("2026-11-01", 4, 2),
                new Bucket("2026-12-01", 0, 0)), months.trend());
    }

    @Test
    void aCampaignFilter_readsOnlyThatCampaignsCalls() {
        Report report = report("from=2026-10-30&to=2026-11-02&campaign=c1");

        assertEquals(3, report.attempted());            // r4, r5, r6
        assertEquals(2, report.connected());
        assertEquals(0.6667, report.connectRate());
        assertEquals(2, report.completed());
        assertEquals(1.0, report.completionRate());
        assertEquals(new Analytics.Duration(65, 32.5), report.durationSeconds());
        assertEquals(1.0, report.ivrResponseRate());
        assertEquals(0.5, report.optOutRate());
        assertEquals(List.of(new CallerIdStats(A, 2, 1, 0.5), new CallerIdStats(B, 1, 1, 1.0)), report.byCallerId());
    }

    @Test
    void callerIdAndWorkflowFilters_readTheirOwnCounters() {
        Report caller = report("from=2026-10-30&to=2026-11-02&callerId=%2B13125550101".replace("%2B", "+"));
        assertEquals(4, caller.attempted());
        assertEquals(3, caller.connected());
        assertEquals(List.of(new CallerIdStats(B, 4, 3, 0.75)), caller.byCallerId());

        Report workflow = report("from=2026-10-30&to=2026-11-02&workflow=w1");
        assertEquals(1, workflow.attempted()); // the test call of w1 is not counted
        assertEquals(60, workflow.durationSeconds().total());
    }

    @Test
    void everyRateIsZero_whenItsDenominatorIsZero() {
        Report report = report("from=2026-12-01&to=2026-12-02");

        assertEquals(0, report.attempted());
        assertEquals(0.0, report.connectRate());
        assertEquals(0.0, report.completionRate());
        assertEquals(new Analytics.Duration(0, 0.0), report.durationSeconds());
        assertEquals(0.0, report.ivrResponseRate());
        assertEquals(0.0, report.optOutRate());
        assertEquals(List.of(), report.byCallerId());
        assertEquals(Map.of(), report.outcomes());
        assertEquals(List.of(new Bucket("2026-12-01", 0, 0), new Bucket("2026-12-02", 0, 0)), report.trend());
    }

    @Test
    void theSameRowCountedAgain_changesNothing() {
        ROWS.forEach(row -> counters.count(WS, row, CHICAGO));

        assertEquals(8, report("from=2026-10-30&to=2026-11-02").attempted());
    }

    private Report report(String query) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], kv[1]);
        }
        AnalyticsQuery parsed = AnalyticsQuery.parse(params, CHICAGO, Instant.parse("2026-11-27T18:00:00Z"));
        return Analytics.report(parsed, CHICAGO, counters.days(WS, parsed.dimension(), parsed.from(), parsed.to()));
    }

    private static InMemoryAnalyticsCounters counted() {
        InMemoryAnalyticsCounters counters = new InMemoryAnalyticsCounters();
        ROWS.forEach(row -> counters.count(WS, row, CHICAGO));
        return counters;
    }

    static CallRow row(String id, String at, String status, String outcome, String flow, String keys, Integer duration,
                       String callerId, String workflow, String campaign) {
        return new CallRow(id, "CA" + id, Instant.parse(at), CallRow.OUTBOUND, "+13125550199", null, workflow, campaign,
                flow, status, outcome, null, duration, null, keys, callerId, 1, false);
    }
}
