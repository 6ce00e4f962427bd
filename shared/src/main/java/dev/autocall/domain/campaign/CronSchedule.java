package dev.autocall.domain.campaign;

import dev.autocall.error.InvalidInputException;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Optional;

/**
 * EventBridge Scheduler's six-field cron ({@code minutes hours day-of-month month day-of-week year}), evaluated
 * here so the API can refuse a bad expression and tell the next firing, and the local runtime fires the same
 * instants. A local time that a spring-forward gap skips does not fire and a repeated autumn hour fires once,
 * as Scheduler documents.
 */
public final class CronSchedule {
    /** The field a refused expression is reported under. */
    public static final String FIELD = "recurrence.cron";
    private static final int LAST_YEAR = 2199;

    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    private final CronDays days;
    private final BitSet months;
    private final BitSet years;

    private CronSchedule(String expression, BitSet minutes, BitSet hours, CronDays days, BitSet months, BitSet years) {
        this.expression = expression;
        this.minutes = minutes;
        this.hours = hours;
        this.days = days;
        this.months = months;
        this.years = years;
    }

    /**
     * Reads the six fields (without Scheduler's {@code cron(...)} around them).
     *
     * @throws InvalidInputException naming {@link #FIELD} with what is wrong
     */
    public static CronSchedule parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw invalid("is required: six fields, minutes hours day-of-month month day-of-week year, e.g. \"0 9 ? * MON *\"");
        }
        String[] fields = expression.trim().toUpperCase(Locale.ROOT).split("\\s+");
        if (fields.length != 6) {
            throw invalid("needs six fields (minutes hours day-of-month month day-of-week year), not " + fields.length
                    + ": e.g. \"0 9 ? * MON *\"");
        }
        BitSet minutes = CronField.MINUTES.values(fields[0]);
        BitSet hours = CronField.HOURS.values(fields[1]);
        BitSet months = CronField.MONTHS.values(fields[3]);
        BitSet years = CronField.YEARS.values(fields[5]);
        CronDays days = CronDays.parse(fields[2], fields[4]);
        return new CronSchedule(String.join(" ", fields), minutes, hours, days, months, years);
    }

    /** The six fields, normalized (upper case, single spaces). */
    public String fields() {
        return expression;
    }

    /** As Scheduler's ScheduleExpression takes it. */
    public String scheduleExpression() {
        return "cron(" + expression + ")";
    }

    /**
     * The first firing strictly after {@code after}, in its time zone; empty when none is left (the year field
     * ends, or the days never occur, like 30 February).
     */
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        LocalDateTime start = after.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDate date = start.toLocalDate();
        LocalTime firstTime = start.toLocalTime();
        while (date.getYear() <= LAST_YEAR) {
            if (!years.get(date.getYear())) {
                int year = years.nextSetBit(date.getYear() + 1);
                if (year < 0) {
                    return Optional.empty();
                }
                date = LocalDate.of(year, 1, 1);
                firstTime = LocalTime.MIDNIGHT;
                continue;
            }
            if (!months.get(date.getMonthValue())) {
                date = date.withDayOfMonth(1).plusMonths(1);
                firstTime = LocalTime.MIDNIGHT;
                continue;
            }
            if (days.matches(date)) {
                Optional<ZonedDateTime> firing = firingOn(date, firstTime, after);
                if (firing.isPresent()) {
                    return firing;
                }
            }
            date = date.plusDays(1);
            firstTime = LocalTime.MIDNIGHT;
        }
        return Optional.empty();
    }

    private Optional<ZonedDateTime> firingOn(LocalDate date, LocalTime from, ZonedDateTime after) {
        for (int hour = hours.nextSetBit(from.getHour()); hour >= 0; hour = hours.nextSetBit(hour + 1)) {
            int firstMinute = hour == from.getHour() ? from.getMinute() : 0;
            for (int minute = minutes.nextSetBit(firstMinute); minute >= 0; minute = minutes.nextSetBit(minute + 1)) {
                LocalDateTime local = LocalDateTime.of(date, LocalTime.of(hour, minute));
                if (after.getZone().getRules().getValidOffsets(local).isEmpty()) {
                    continue; // skipped by a spring-forward gap: Scheduler does not fire it
                }
                ZonedDateTime candidate = ZonedDateTime.ofLocal(local, after.getZone(), null).withEarlierOffsetAtOverlap();
                if (candidate.isAfter(after)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return scheduleExpression();
    }

    static InvalidInputException invalid(String message) {
        return new InvalidInputException(FIELD, "recurrence.cron " + message);
    }
}
