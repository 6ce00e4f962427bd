package dev.autocall.local.ports;

import dev.autocall.domain.compliance.CapStore;
import dev.autocall.domain.compliance.CapStore.Limits;
import dev.autocall.domain.compliance.CapStore.Reservation;
import dev.autocall.domain.compliance.CapUsage;
import dev.autocall.domain.compliance.ComplianceReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** What every {@link CapStore} does: each cap is exact under concurrency, and a request reserves once. */
abstract class CapStoreContract {
    private static final AtomicInteger WORKSPACES = new AtomicInteger();
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final Instant NOON = Instant.parse("2026-11-24T18:00:00Z");
    private static final Limits DEFAULTS = new Limits(1, 100, 1, 4);
    private static final String NUMBER = "+13125550100";

    private CapStore caps;
    private String ws;

    protected abstract CapStore newStore();

    @BeforeEach
    void setUp() {
        caps = newStore();
        ws = "ws_caps_" + WORKSPACES.incrementAndGet();
    }

    private static long count(List<Reservation> results, Reservation wanted) {
        return results.stream().filter(wanted::equals).count();
    }

    @Test
    void usage_should_countWhatWasReserved() {
        caps.reserve("a", ws, NUMBER, NOON, CHICAGO, new Limits(10, 10, 10, 10));
        caps.reserve("b", ws, NUMBER, NOON.plusSeconds(20), CHICAGO, new Limits(10, 10, 10, 10));
        caps.reserve("c", ws, "+13125550101", NOON.plusSeconds(70), CHICAGO, new Limits(10, 10, 10, 10));

        assertEquals(new CapUsage(2, 3, 2, List.of(NOON, NOON.plusSeconds(20))), caps.usage(ws, NUMBER, NOON.plusSeconds(30), CHICAGO));
        assertEquals(CapUsage.NONE, caps.usage(ws + "_other", NUMBER, NOON, CHICAGO));
    }

    @Test
    void usage_should_listCallTimesToTheSecond() {
        caps.reserve("a", ws, NUMBER, NOON.plusMillis(750), CHICAGO, DEFAULTS);

        assertEquals(List.of(NOON), caps.usage(ws, NUMBER, NOON.plusSeconds(1), CHICAGO).numberCallTimes());
    }

    @Test
    void reserve_should_reserveOnce_perRequest_evenWhenRedeliveredLater() {
        assertInstanceOf(Reservation.Reserved.class, caps.reserve("req-1", ws, NUMBER, NOON, CHICAGO, DEFAULTS));

        assertInstanceOf(Reservation.AlreadyReserved.class, caps.reserve("req-1", ws, NUMBER, NOON.plusSeconds(90), CHICAGO, DEFAULTS));
        assertEquals(new CapUsage(1, 1, 1, List.of(NOON)), caps.usage(ws, NUMBER, NOON, CHICAGO));
    }

    @Test
    void reserve_should_notMeetAnotherWorkspacesRequest_ofTheSameId() {
        caps.reserve("req-1", ws, NUMBER, NOON, CHICAGO, DEFAULTS);

        assertInstanceOf(Reservation.Reserved.class, caps.reserve("req-1", ws + "_other", NUMBER, NOON, CHICAGO, DEFAULTS));
    }

    @Test
    void reserve_should_passExactlyOnce_when_tenChecksForOneNumberRace_forItsDailyCapOfOne() throws Exception {
        List<Reservation> results = Concurrently.run(10, i -> caps.reserve("req-" + i, ws, NUMBER, NOON, CHICAGO,
                new Limits(1000, 1000, 1, 4)));

        assertEquals(1, results.stream().filter(Reservation.Reserved.class::isInstance).count(), results.toString());
        assertEquals(9, count(results, new Reservation.CapReached(ComplianceReason.NUMBER_DAILY_CAP)), results.toString());
        assertEquals(1, caps.usage(ws, NUMBER, NOON, CHICAGO).numberToday());
    }

    @Test
    void reserve_should_takeExactlyTheDailyCap_when_moreRequestsRaceForIt() throws Exception {
        List<Reservation> results = Concurrently.run(20, i -> caps.reserve("req-" + i, ws, String.format("+1312555%04d", i), NOON,
                CHICAGO, new Limits(1000, 7, 1, 4)));

        assertEquals(7, results.stream().filter(Reservation.Reserved.class::isInstance).count(), results.toString());
        assertEquals(13, count(results, new Reservation.CapReached(ComplianceReason.WORKSPACE_DAILY_CAP)), results.toString());
        assertEquals(7, caps.usage(ws, NUMBER, NOON, CHICAGO).workspaceToday());
    }

    @Test
    void reserve_should_answerRateLimited_untilTheNextMinute() {
        caps.reserve("a", ws, NUMBER, NOON, CHICAGO, DEFAULTS);

        assertEquals(new Reservation.CapReached(ComplianceReason.RATE_LIMITED),
                caps.reserve("b", ws, "+13125550103", NOON.plusSeconds(59), CHICAGO, DEFAULTS));
        assertInstanceOf(Reservation.Reserved.class, caps.reserve("c", ws, "+13125550103", NOON.plusSeconds(60), CHICAGO, DEFAULTS));
    }

    @Test
    void reserve_should_countTheFourteenDayCapOverARollingWindow() {
        for (int day : new int[]{0, 2, 4, 6}) {
            assertInstanceOf(Reservation.Reserved.class, caps.reserve("d" + day, ws, NUMBER, NOON.plus(Duration.ofDays(day)), CHICAGO, DEFAULTS));
        }

        assertEquals(new Reservation.CapReached(ComplianceReason.NUMBER_WINDOW_CAP),
                caps.reserve("d9", ws, NUMBER, NOON.plus(Duration.ofDays(9)), CHICAGO, DEFAULTS));
        assertInstanceOf(Reservation.Reserved.class,
                caps.reserve("d14", ws, NUMBER, NOON.plus(Duration.ofDays(14)).plusSeconds(1), CHICAGO, DEFAULTS));
    }

    @Test
    void reserve_should_countTheNumbersDay_inTheNumbersZone() {
        // 23:30 and 00:30 in Chicago are two local days, though the same UTC day.
        Instant lateEvening = Instant.parse("2026-11-24T05:30:00Z");
        assertInstanceOf(Reservation.Reserved.class, caps.reserve("e1", ws, NUMBER, lateEvening, CHICAGO, DEFAULTS));

        assertInstanceOf(Reservation.Reserved.class, caps.reserve("e2", ws, NUMBER, lateEvening.plus(Duration.ofHours(1)), CHICAGO, DEFAULTS));
        assertEquals(new Reservation.CapReached(ComplianceReason.NUMBER_DAILY_CAP),
                caps.reserve("e3", ws, NUMBER, lateEvening.plus(Duration.ofHours(2)), CHICAGO, DEFAULTS));
    }
}
