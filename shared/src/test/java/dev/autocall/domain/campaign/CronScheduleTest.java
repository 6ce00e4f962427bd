package dev.autocall.domain.campaign;

import dev.autocall.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CronScheduleTest {
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final ZoneId UTC = ZoneId.of("UTC");

    @ParameterizedTest(name = "{0} after {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            // every Monday 09:00 in Chicago, across the autumn change (CDT -05:00 → CST -06:00 on 1 Nov 2026)
            "0 9 ? * MON *         | 2026-10-26T09:00-05:00[America/Chicago] | 2026-11-02T09:00-06:00[America/Chicago]",
            "0 9 ? * MON *         | 2026-10-26T08:59-05:00[America/Chicago] | 2026-10-26T09:00-05:00[America/Chicago]",
            // and across the spring change (CST → CDT on 8 Mar 2026)
            "0 9 ? * 2 *           | 2026-03-02T10:00-06:00[America/Chicago] | 2026-03-09T09:00-05:00[America/Chicago]",
            // lists, ranges, steps
            "0,30 8-10 * * ? *     | 2026-06-10T10:30Z[UTC]                  | 2026-06-11T08:00Z[UTC]",
            "*/15 * * * ? *        | 2026-06-10T10:46Z[UTC]                  | 2026-06-10T11:00Z[UTC]",
            "5/20 * * * ? *        | 2026-06-10T10:46Z[UTC]                  | 2026-06-10T11:05Z[UTC]",
            "0 9 ? * * *           | 2026-06-10T10:00Z[UTC]                  | 2026-06-11T09:00Z[UTC]",
            "0 10-12/2 * * ? *     | 2026-06-10T10:00Z[UTC]                  | 2026-06-10T12:00Z[UTC]",
            "0 22-2 * * ? *        | 2026-06-10T23:00Z[UTC]                  | 2026-06-11T00:00Z[UTC]",
            "0 0 1/10 * ? *        | 2026-06-11T00:00Z[UTC]                  | 2026-06-21T00:00Z[UTC]",
            // names, in any case, and a weekday range
            "0 12 ? JAN,jul MON-FRI * | 2026-06-10T00:00Z[UTC]               | 2026-07-01T12:00Z[UTC]",
            "0 12 ? * SAT-SUN *    | 2026-06-10T00:00Z[UTC]                  | 2026-06-13T12:00Z[UTC]",
            "0 12 ? * FRI-MON *    | 2026-06-14T12:00Z[UTC]                  | 2026-06-15T12:00Z[UTC]",
            // L: last day of the month (February of a leap year), Saturday, the last Friday
            "0 0 L * ? *           | 2028-02-01T00:00Z[UTC]                  | 2028-02-29T00:00Z[UTC]",
            "0 0 ? * L *           | 2026-06-10T00:00Z[UTC]                  | 2026-06-13T00:00Z[UTC]",
            "0 0 ? * 6L *          | 2026-06-01T00:00Z[UTC]                  | 2026-06-26T00:00Z[UTC]",
            // W: the weekday nearest the day, never leaving the month; LW the last weekday
            "0 0 15W * ? *         | 2026-08-01T00:00Z[UTC]                  | 2026-08-14T00:00Z[UTC]",
            "0 0 16W * ? *         | 2026-08-01T00:00Z[UTC]                  | 2026-08-17T00:00Z[UTC]",
            "0 0 1W * ? *          | 2026-07-31T00:00Z[UTC]                  | 2026-08-03T00:00Z[UTC]",
            "0 0 31W * ? *         | 2026-05-01T00:00Z[UTC]                  | 2026-05-29T00:00Z[UTC]",
            "0 0 LW * ? *          | 2026-05-01T00:00Z[UTC]                  | 2026-05-29T00:00Z[UTC]",
            // #: the second Tuesday, the fifth Friday (months without one are passed over)
            "0 9 ? * 3#2 *         | 2026-06-01T00:00Z[UTC]                  | 2026-06-09T09:00Z[UTC]",
            "0 9 ? * FRI#5 *       | 2026-06-01T00:00Z[UTC]                  | 2026-07-31T09:00Z[UTC]",
            // the year field
            "0 0 1 1 ? 2028        | 2026-06-01T00:00Z[UTC]                  | 2028-01-01T00:00Z[UTC]",
            "0 0 1 1 ? 2026/3      | 2026-06-01T00:00Z[UTC]                  | 2029-01-01T00:00Z[UTC]",
            // a day that only leap years have
            "0 0 29 FEB ? *        | 2026-06-01T00:00Z[UTC]                  | 2028-02-29T00:00Z[UTC]"})
    void next_should_giveTheFirstFiringAfter_when_theExpressionIsValid(String cron, String after, String expected) {
        // WHEN
        Optional<ZonedDateTime> next = CronSchedule.parse(cron).next(ZonedDateTime.parse(after));

        // THEN
        assertEquals(Optional.of(ZonedDateTime.parse(expected)).map(ZonedDateTime::toInstant), next.map(ZonedDateTime::toInstant));
    }

    @Test
    void next_should_keepNineInTheMorning_when_aWeeklyScheduleCrossesBothDaylightChanges() {
        // GIVEN every Monday 09:00 in Chicago
        CronSchedule mondays = CronSchedule.parse("0 9 ? * MON *");

        // WHEN
        List<ZonedDateTime> firings = firings(mondays, ZonedDateTime.of(2026, 2, 23, 0, 0, 0, 0, CHICAGO), 3);
        firings.addAll(firings(mondays, ZonedDateTime.of(2026, 10, 19, 0, 0, 0, 0, CHICAGO), 3));

        // THEN nine o'clock local every week: 15:00 UTC in winter, 14:00 UTC in summer
        assertEquals(List.of("2026-02-23T15:00:00Z", "2026-03-02T15:00:00Z", "2026-03-09T14:00:00Z",
                        "2026-10-19T14:00:00Z", "2026-10-26T14:00:00Z", "2026-11-02T15:00:00Z"),
                firings.stream().map(f -> f.toInstant().toString()).toList());
    }

    @Test
    void next_should_skipTheFiring_when_springForwardRemovesItsLocalTime() {
        // GIVEN 02:30 daily; on 8 Mar 2026 Chicago's clocks jump from 02:00 to 03:00
        CronSchedule halfPastTwo = CronSchedule.parse("30 2 * * ? *");

        // WHEN
        List<ZonedDateTime> firings = firings(halfPastTwo, ZonedDateTime.of(2026, 3, 7, 12, 0, 0, 0, CHICAGO), 2);

        // THEN the 8th has no 02:30 and does not fire, as Scheduler does
        assertEquals(List.of("2026-03-09T02:30-05:00[America/Chicago]", "2026-03-10T02:30-05:00[America/Chicago]"),
                firings.stream().map(ZonedDateTime::toString).toList());
    }

    @Test
    void next_should_fireOnce_when_autumnRepeatsItsLocalTime() {
        // GIVEN 01:30 daily; on 1 Nov 2026 Chicago lives 01:00-02:00 twice
        CronSchedule halfPastOne = CronSchedule.parse("30 1 * * ? *");

        // WHEN
        List<ZonedDateTime> firings = firings(halfPastOne, ZonedDateTime.of(2026, 10, 31, 12, 0, 0, 0, CHICAGO), 2);

        // THEN once, at the first 01:30, then the next day
        assertEquals(List.of("2026-11-01T01:30-05:00[America/Chicago]", "2026-11-02T01:30-06:00[America/Chicago]"),
                firings.stream().map(ZonedDateTime::toString).toList());
    }

    @Test
    void next_should_notRepeatTheHour_when_startingInsideTheRepeatedHour() {
        // GIVEN every 20 minutes, read during the second pass of Chicago's repeated hour
        ZonedDateTime secondPass = ZonedDateTime.of(2026, 11, 1, 1, 10, 0, 0, CHICAGO).withLaterOffsetAtOverlap();

        // WHEN
        Optional<ZonedDateTime> next = CronSchedule.parse("0/20 * * * ? *").next(secondPass);

        // THEN the local times of the first pass are not fired again
        assertEquals(Optional.of("2026-11-01T02:00-06:00[America/Chicago]"), next.map(ZonedDateTime::toString));
    }

    @Test
    void next_should_beEmpty_when_noFiringIsLeft() {
        // WHEN / THEN
        assertEquals(Optional.empty(), CronSchedule.parse("0 0 1 1 ? 2025").next(ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, UTC)));
        assertEquals(Optional.empty(), CronSchedule.parse("0 0 30 2 ? *").next(ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, UTC)));
    }

    @Test
    void next_should_beStrictlyAfter_when_calledAtAFiring() {
        // GIVEN
        ZonedDateTime nine = ZonedDateTime.of(2026, 6, 10, 9, 0, 0, 0, UTC);

        // WHEN / THEN
        assertEquals(Optional.of(nine.plusDays(1)), CronSchedule.parse("0 9 * * ? *").next(nine));
        assertEquals(Optional.of(nine), CronSchedule.parse("0 9 * * ? *").next(nine.minusNanos(1)));
    }

    @Test
    void scheduleExpression_should_wrapTheNormalizedFields_when_givenToScheduler() {
        // WHEN
        CronSchedule schedule = CronSchedule.parse("  0  9 ? *   mon * ");

        // THEN
        assertEquals("0 9 ? * MON *", schedule.fields());
        assertEquals("cron(0 9 ? * MON *)", schedule.scheduleExpression());
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @CsvSource(delimiter = '|', value = {
            "0 9 * * MON *      | exactly one of day-of-month and day-of-week",
            "0 9 ? * ? *        | exactly one of day-of-month and day-of-week",
            "0 9 1 * MON *      | exactly one of day-of-month and day-of-week",
            "? 9 * * ? *        | minutes",
            "0 ? * * ? *        | hours",
            "0 9 * ? ? *        | month",
            "0 9 * * ? ?        | year",
            "0 9 * * *          | six fields",
            "0 9 * * ? * *      | six fields",
            "60 9 * * ? *       | outside 0-59",
            "0 24 * * ? *       | outside 0-23",
            "0 9 0 * ? *        | outside 1-31",
            "0 9 * 13 ? *       | outside 1-12",
            "0 9 ? * 8 *        | outside 1-7",
            "0 9 * * ? 2200     | outside 1970-2199",
            "0 9 * * ? 2030-2027 | starts after it ends",
            "*/0 9 * * ? *      | step",
            "0 9 ? * MON/2 *    | no / step",
            "0 9 ? * 3#6 *      | #",
            "0 9 ? * 3#1,6#3 *  | #",
            "0 9 32W * ? *      | W",
            "0 9 L-3 * ? *      | day-of-month",
            "0 9 * JANUARY ? *  | month",
            "0 9 * * ? 26       | outside 1970-2199",
            "0 9 ,1 * ? *       | day-of-month"})
    void parse_should_refuseWithTheFieldNamed_when_theExpressionBreaksSchedulerRules(String cron, String saying) {
        // WHEN
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> CronSchedule.parse(cron));

        // THEN
        assertEquals(Optional.of("recurrence.cron"), refused.field());
        if (saying != null) {
            assertTrue(refused.getMessage().contains(saying), refused.getMessage());
        }
    }

    @Test
    void parse_should_refuse_when_thereIsNoExpression() {
        assertEquals(Optional.of("recurrence.cron"), assertThrows(InvalidInputException.class, () -> CronSchedule.parse(null)).field());
        assertEquals(Optional.of("recurrence.cron"), assertThrows(InvalidInputException.class, () -> CronSchedule.parse(" ")).field());
    }

    private static List<ZonedDateTime> firings(CronSchedule schedule, ZonedDateTime from, int count) {
        List<ZonedDateTime> firings = new ArrayList<>();
        ZonedDateTime at = from;
        for (int i = 0; i < count; i++) {
            at = schedule.next(at).orElseThrow();
            firings.add(at);
        }
        return firings;
    }
}
