package dev.autocall.local;

import dev.autocall.adapters.dynamodb.DynamoCapStore;
import dev.autocall.domain.compliance.CapStore;
import dev.autocall.domain.compliance.CapStore.Limits;
import dev.autocall.domain.compliance.CapStore.Reservation;
import dev.autocall.domain.compliance.ComplianceReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The caps are reserved atomically through the real DynamoDB client against DynamoDB Local, with the
 * Caps table as template.yaml defines it: no two concurrent checks take the last slot, and a redelivered
 * request reserves nothing twice.
 */
class DynamoCapStoreConcurrencyTest {
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final Instant NOON = Instant.parse("2026-11-24T18:00:00Z");
    private static final Limits DEFAULTS = new Limits(1, 100, 1, 4);
    private static TemplateTables tables;
    private static CapStore caps;
    private static final AtomicInteger WORKSPACES = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        tables = TemplateTables.start("CapsTable");
        caps = new DynamoCapStore(tables.client(), "CapsTable");
    }

    @AfterAll
    static void stop() throws Exception {
        if (tables != null) {
            tables.close();
        }
    }

    @Test
    void fiftyConcurrentChecks_forOneNumberWithACapOfOne_passExactlyOnce() throws Exception {
        String ws = workspace();
        List<Reservation> results = concurrently(50, i -> caps.reserve("req-" + i, ws, "+13125550100", NOON, CHICAGO,
                new Limits(1000, 1000, 1, 4)));

        assertEquals(1, count(results, Reservation.Reserved.class));
        assertEquals(49, results.stream().filter(r -> r.equals(new Reservation.CapReached(ComplianceReason.NUMBER_DAILY_CAP))).count());
        assertEquals(1, caps.usage(ws, "+13125550100", NOON, CHICAGO).numberToday());
    }

    @Test
    void threeHundredConcurrentRequests_againstADailyCapOfOneHundred_reserveExactlyOneHundred() throws Exception {
        String ws = workspace();
        List<Reservation> results = concurrently(300, i -> caps.reserve("req-" + i, ws, String.format("+1312555%04d", i), NOON,
                CHICAGO, new Limits(10_000, 100, 1, 4)));

        assertEquals(100, count(results, Reservation.Reserved.class));
        assertEquals(200, results.stream().filter(r -> r.equals(new Reservation.CapReached(ComplianceReason.WORKSPACE_DAILY_CAP))).count());
        assertEquals(100, caps.usage(ws, "+13125550001", NOON, CHICAGO).workspaceToday());
    }

    @Test
    void aRedeliveredRequest_reservesNothingTwice() {
        String ws = workspace();
        Reservation first = caps.reserve("req-1", ws, "+13125550101", NOON, CHICAGO, DEFAULTS);
        Reservation again = caps.reserve("req-1", ws, "+13125550101", NOON.plusSeconds(90), CHICAGO, DEFAULTS);

        assertInstanceOf(Reservation.Reserved.class, first);
        assertInstanceOf(Reservation.AlreadyReserved.class, again);
        assertEquals(1, caps.usage(ws, "+13125550101", NOON, CHICAGO).workspaceToday());
        assertEquals(1, caps.usage(ws, "+13125550101", NOON, CHICAGO).numberCallTimes().size());
    }

    @Test
    void thePerMinuteCap_clearsAtTheNextMinute() {
        String ws = workspace();
        assertInstanceOf(Reservation.Reserved.class, caps.reserve("a", ws, "+13125550102", NOON, CHICAGO, DEFAULTS));
        assertEquals(new Reservation.CapReached(ComplianceReason.RATE_LIMITED),
                caps.reserve("b", ws, "+13125550103", NOON.plusSeconds(59), CHICAGO, DEFAULTS));
        assertInstanceOf(Reservation.Reserved.class, caps.reserve("c", ws, "+13125550103", NOON.plusSeconds(60), CHICAGO, DEFAULTS));
    }

    @Test
    void theFourteenDayCap_countsARollingWindow() {
        String ws = workspace();
        String number = "+13125550104";
        for (int day : new int[]{0, 2, 4, 6}) {
            assertInstanceOf(Reservation.Reserved.class,
                    caps.reserve("d" + day, ws, number, NOON.plus(Duration.ofDays(day)), CHICAGO, DEFAULTS), "day " + day);
        }

        assertEquals(new Reservation.CapReached(ComplianceReason.NUMBER_WINDOW_CAP),
                caps.reserve("d9", ws, number, NOON.plus(Duration.ofDays(9)), CHICAGO, DEFAULTS));
        assertEquals(4, caps.usage(ws, number, NOON.plus(Duration.ofDays(9)), CHICAGO).numberCallTimes().size());
        // The day-0 call leaves the window fourteen days later.
        assertInstanceOf(Reservation.Reserved.class,
                caps.reserve("d14", ws, number, NOON.plus(Duration.ofDays(14)).plusSeconds(1), CHICAGO, DEFAULTS));
    }

    @Test
    void thePerNumberDay_isTheNumbersLocalDay() {
        String ws = workspace();
        // 23:30 and 00:30 in Chicago are two local days, though the same UTC day.
        Instant lateEvening = Instant.parse("2026-11-24T05:30:00Z");
        assertInstanceOf(Reservation.Reserved.class, caps.reserve("e1", ws, "+13125550105", lateEvening, CHICAGO, DEFAULTS));
        assertInstanceOf(Reservation.Reserved.class,
                caps.reserve("e2", ws, "+13125550105", lateEvening.plus(Duration.ofHours(1)), CHICAGO, DEFAULTS));
    }

    private static String workspace() {
        return "ws_caps_" + WORKSPACES.incrementAndGet();
    }

    private interface Attempt {
        Reservation run(int index);
    }

    private static List<Reservation> concurrently(int count, Attempt attempt) throws Exception {
        List<Future<Reservation>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit((Callable<Reservation>) () -> attempt.run(index)));
            }
        }
        List<Reservation> results = new ArrayList<>();
        for (Future<Reservation> f : futures) {
            results.add(f.get());
        }
        return results;
    }

    private static long count(List<Reservation> results, Class<?> type) {
        return results.stream().filter(type::isInstance).count();
    }
}
