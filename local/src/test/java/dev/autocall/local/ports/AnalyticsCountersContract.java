package dev.autocall.local.ports;

import dev.autocall.domain.reporting.AnalyticsCounters;
import dev.autocall.domain.reporting.AnalyticsDays;
import dev.autocall.domain.reporting.CallRow;
import dev.autocall.domain.reporting.DayCounts;
import dev.autocall.domain.reporting.Dimension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What every analytics counters store does: every row counted once however often and however concurrently it
 * arrives, only dialed live outbound calls counted, each on its local day.
 */
abstract class AnalyticsCountersContract<T extends AnalyticsCounters & AnalyticsDays> {
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final LocalDate NOV_2 = LocalDate.parse("2026-11-02");
    private static final AtomicInteger WORKSPACES = new AtomicInteger();
    private T counters;

    protected abstract T newCounters();

    @BeforeEach
    void setUp() {
        counters = newCounters();
    }

    @Test
    void theSameRowCountedTwice_countsOnce() {
        String ws = workspace();
        CallRow row = row("r1", "2026-11-02T15:00:00Z", "confirmed", "+13125550100");

        counters.count(ws, row, CHICAGO);
        counters.count(ws, row, CHICAGO);

        DayCounts day = only(ws, Dimension.ALL);
        assertEquals(1, day.attempted());
        assertEquals(1, day.connected());
        assertEquals(1, day.completed());
        assertEquals(30, day.durationSeconds());
        assertEquals(Map.of("confirmed", 1L), day.outcomes());
        assertEquals(Map.of("+13125550100", new DayCounts.CallerCounts(1, 1)), day.callers());
        assertEquals(1, only(ws, Dimension.campaign("c1")).attempted());
        assertEquals(1, only(ws, Dimension.workflow("w1")).attempted());
        assertEquals(1, only(ws, Dimension.callerId("+13125550100")).attempted());
    }

    @Test
    void aRowDeliveredAgainWithAnotherOutcome_keepsTheFirstCount() {
        String ws = workspace();

        counters.count(ws, row("r1", "2026-11-02T15:00:00Z", "no_answer", "+13125550100"), CHICAGO);
        counters.count(ws, row("r1", "2026-11-02T15:00:00Z", "completed", "+13125550100"), CHICAGO);

        DayCounts day = only(ws, Dimension.ALL);
        assertEquals(1, day.attempted());
        assertEquals(0, day.connected());
        assertEquals(Map.of("no_answer", 1L), day.outcomes());
    }

    @Test
    void aRowNotFinalYet_isNotCounted_andDoesNotStopItsFinalRow() {
        String ws = workspace();
        CallRow ringing = new CallRow("r1", "CAr1", Instant.parse("2026-11-02T15:00:00Z"), CallRow.OUTBOUND, "+13125550199",
                null, null, null, null, "in_progress", null, null, null, null, null, "+13125550100", 1, false);

        counters.count(ws, ringing, CHICAGO);
        assertEquals(List.of(), counters.days(ws, Dimension.ALL, NOV_2, NOV_2));

        counters.count(ws, row("r1", "2026-11-02T15:00:00Z", "completed", "+13125550100"), CHICAGO);
        assertEquals(1, only(ws, Dimension.ALL).completed());
    }

    @Test
    void eightThreadsCountingOverlappingRows_leaveEveryCounterExact() throws Exception {
        // GIVEN 200 rows; thread t counts rows [25t, 25t + 75): most rows reach two or three threads, in varying order.
        String ws = workspace();
        List<CallRow> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String outcome = i % 4 == 0 ? "no_answer" : i % 4 == 1 ? "voicemail" : "completed";
            rows.add(row("r" + i, "2026-11-02T15:00:00Z", outcome, i % 2 == 0 ? "+13125550100" : "+13125550101"));
        }

        // WHEN
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                List<CallRow> mine = new ArrayList<>(rows.subList(25 * t, Math.min(200, 25 * t + 75)));
                Collections.shuffle(mine);
                work.add(pool.submit(() -> mine.forEach(row -> counters.count(ws, row, CHICAGO))));
            }
            for (Future<?> f : work) {
                f.get();
            }
        }

        // THEN
        DayCounts day = only(ws, Dimension.ALL);
        assertEquals(200, day.attempted());
        assertEquals(150, day.connected());
        assertEquals(100, day.completed());
        assertEquals(150 * 30, day.durationSeconds());
        assertEquals(Map.of("no_answer", 50L, "voicemail", 50L, "completed", 100L), day.outcomes());
        // +13125550100: the even rows, half of them no_answer.
        assertEquals(Map.of("+13125550100", new DayCounts.CallerCounts(100, 50), "+13125550101", new DayCounts.CallerCounts(100, 100)),
                day.callers());
        assertEquals(200, only(ws, Dimension.campaign("c1")).attempted());
    }

    @Test
    void aTestCallAndAnInboundCall_areCountedNowhere() {
        String ws = workspace();
        CallRow live = row("live", "2026-11-02T15:00:00Z", "completed", "+13125550100");
        CallRow test = new CallRow("test", "CAtest", live.at(), CallRow.OUTBOUND, live.contact(), null, "w1", "c1", null,
                "completed", "completed", null, 30, null, null, "+13125550100", 1, true);
        CallRow inbound = new CallRow("CAin", "CAin", live.at(), CallRow.INBOUND, live.contact(), null, null, null, null,
                "completed", "completed", null, 30, null, null, "+13125550100", null, false);

        counters.count(ws, test, CHICAGO);
        counters.count(ws, inbound, CHICAGO);
        assertEquals(List.of(), counters.days(ws, Dimension.ALL, NOV_2, NOV_2));
        assertEquals(List.of(), counters.days(ws, Dimension.callerId("+13125550100"), NOV_2, NOV_2));

        counters.count(ws, live, CHICAGO);
        assertEquals(1, only(ws, Dimension.ALL).attempted());
    }

    @Test
    void aRowAt2330Local_countsOnItsLocalDay() {
        String ws = workspace();

        counters.count(ws, row("late", "2026-11-03T05:30:00Z", "completed", "+13125550100"), CHICAGO); // 23:30 CST, Nov 2

        assertEquals(List.of(NOV_2), counters.days(ws, Dimension.ALL, NOV_2.minusDays(1), NOV_2.plusDays(1)).stream()
                .map(DayCounts::day).toList());
    }

    @Test
    void days_readsOnlyTheAskedRange() {
        String ws = workspace();
        counters.count(ws, row("a", "2026-11-01T15:00:00Z", "completed", "+13125550100"), CHICAGO);
        counters.count(ws, row("b", "2026-11-02T15:00:00Z", "completed", "+13125550100"), CHICAGO);
        counters.count(ws, row("c", "2026-11-03T15:00:00Z", "completed", "+13125550100"), CHICAGO);

        assertEquals(List.of(NOV_2, NOV_2.plusDays(1)), counters.days(ws, Dimension.ALL, NOV_2, NOV_2.plusDays(5)).stream()
                .map(DayCounts::day).toList());
    }

    private DayCounts only(String ws, Dimension dimension) {
        List<DayCounts> days = counters.days(ws, dimension, NOV_2, NOV_2);
        assertEquals(1, days.size(), dimension + ": " + days);
        return days.getFirst();
    }

    private static CallRow row(String id, String at, String outcome, String callerId) {
        return new CallRow(id, "CA" + id, Instant.parse(at), CallRow.OUTBOUND, "+13125550199", null, "w1", "c1", null,
                "completed", outcome, null, 30, null, null, callerId, 1, false);
    }

    private static String workspace() {
        return "ws" + WORKSPACES.incrementAndGet();
    }
}
