package dev.autocall.domain.campaign;

import dev.autocall.error.InvalidInputException;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventBridge Scheduler's six-field cron ({@code minutes hours day-of-month month day-of-week year}), evaluated
 * here so the API can refuse a bad expression and tell the next firing, and the local runtime fires the same
 * instants. A local time that a spring-forward gap skips does not fire and a repeated autumn hour fires once,
 * as Scheduler documents.
 */
public final class CronSchedule {
    /** The field a refused expression is reported under. */
    public static final String FIELD = "recurrence.cron";
    static final int FIRST_YEAR = 1970;
    static final int LAST_YEAR = 2199;
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    private static final Pattern NEAREST_WEEKDAY = Pattern.compile("(\\d{1,2})W");
    private static final Pattern LAST_OF_WEEKDAY = Pattern.compile("([1-7A-Z]{1,3})L");
    private static final Pattern NTH_WEEKDAY = Pattern.compile("([1-7A-Z]{1,3})#([1-5])");

    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    private final DayRule days;
    private final BitSet months;
    private final BitSet years;

    private CronSchedule(String expression, BitSet minutes, BitSet hours, DayRule days, BitSet months, BitSet years) {
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
        BitSet minutes = Field.MINUTES.values(fields[0]);
        BitSet hours = Field.HOURS.values(fields[1]);
        BitSet months = Field.MONTHS.values(fields[3]);
        BitSet years = Field.YEARS.values(fields[5]);
        DayRule days = dayRule(fields[2], fields[4]);
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

    private static DayRule dayRule(String dayOfMonth, String dayOfWeek) {
        boolean anyMonthDay = dayOfMonth.equals("?");
        boolean anyWeekDay = dayOfWeek.equals("?");
        if (anyMonthDay == anyWeekDay) {
            throw invalid("needs ? in exactly one of day-of-month and day-of-week (the other one decides the days), e.g. \"0 9 ? * MON *\" or \"0 9 1 * ? *\"");
        }
        return anyWeekDay ? monthDays(dayOfMonth) : weekDays(dayOfWeek);
    }

    private static DayRule monthDays(String field) {
        if (field.equals("L")) {
            return date -> date.getDayOfMonth() == date.lengthOfMonth();
        }
        if (field.equals("LW")) {
            return date -> date.equals(nearestWeekday(date.with(TemporalAdjusters.lastDayOfMonth())));
        }
        Matcher weekday = NEAREST_WEEKDAY.matcher(field);
        if (weekday.matches()) {
            int day = Integer.parseInt(weekday.group(1));
            if (day < 1 || day > 31) {
                throw invalid("day-of-month " + field + ": W needs a day from 1 to 31");
            }
            return date -> day <= date.lengthOfMonth() && date.equals(nearestWeekday(date.withDayOfMonth(day)));
        }
        BitSet set = Field.DAYS_OF_MONTH.values(field);
        return date -> set.get(date.getDayOfMonth());
    }

    /** The weekday nearest the day, without leaving its month (the 1st on a Saturday moves to Monday the 3rd). */
    private static LocalDate nearestWeekday(LocalDate day) {
        return switch (day.getDayOfWeek()) {
            case SATURDAY -> day.getDayOfMonth() == 1 ? day.plusDays(2) : day.minusDays(1);
            case SUNDAY -> day.getDayOfMonth() == day.lengthOfMonth() ? day.minusDays(2) : day.plusDays(1);
            default -> day;
        };
    }

    private static DayRule weekDays(String field) {
        if (field.equals("L")) {
            return date -> date.getDayOfWeek() == DayOfWeek.SATURDAY; // the last day of a week that starts on Sunday
        }
        Matcher last = LAST_OF_WEEKDAY.matcher(field);
        if (last.matches()) {
            DayOfWeek day = weekday(last.group(1), field);
            return date -> date.getDayOfWeek() == day && date.plusWeeks(1).getMonth() != date.getMonth();
        }
        Matcher nth = NTH_WEEKDAY.matcher(field);
        if (nth.matches()) {
            DayOfWeek day = weekday(nth.group(1), field);
            int n = Integer.parseInt(nth.group(2));
            return date -> date.getDayOfWeek() == day && (date.getDayOfMonth() - 1) / 7 + 1 == n;
        }
        if (field.contains("#")) {
            throw invalid("day-of-week " + field + ": # takes one day and its instance in the month, 1 to 5 (3#2 is the second Tuesday), and no list");
        }
        BitSet set = Field.DAYS_OF_WEEK.values(field);
        return date -> set.get(cronDay(date.getDayOfWeek()));
    }

    private static DayOfWeek weekday(String token, String field) {
        int value = Field.DAYS_OF_WEEK.value(token, field);
        return DayOfWeek.SUNDAY.plus(value - 1L);
    }

    /** Scheduler counts the week from Sunday (1) to Saturday (7). */
    private static int cronDay(DayOfWeek day) {
        return day.getValue() % 7 + 1;
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException(FIELD, "recurrence.cron " + message);
    }

    /** Whether a date is one of the schedule's days. */
    private interface DayRule {
        boolean matches(LocalDate date);
    }

    /** A field of plain values: lists, ranges (wrapping round where the field is cyclic), steps, names. */
    private enum Field {
        MINUTES("minutes", 0, 59, null, true, true),
        HOURS("hours", 0, 23, null, true, true),
        DAYS_OF_MONTH("day-of-month", 1, 31, null, true, true),
        MONTHS("month", 1, 12, CronSchedule.MONTHS, true, true),
        DAYS_OF_WEEK("day-of-week", 1, 7, CronSchedule.DAYS, true, false),
        YEARS("year", FIRST_YEAR, LAST_YEAR, null, false, true);

        private final String label;
        private final int min;
        private final int max;
        private final String[] names;
        private final boolean cyclic;
        private final boolean steps;

        Field(String label, int min, int max, String[] names, boolean cyclic, boolean steps) {
            this.label = label;
            this.min = min;
            this.max = max;
            this.names = names;
            this.cyclic = cyclic;
            this.steps = steps;
        }

        BitSet values(String field) {
            BitSet set = new BitSet(max + 1);
            for (String part : field.split(",", -1)) {
                add(set, part, field);
            }
            return set;
        }

        private void add(BitSet set, String part, String field) {
            String[] stepped = part.split("/", -1);
            if (stepped.length > 2 || part.isEmpty()) {
                throw invalid(label + " " + field + ": '" + part + "' is not a value, a range or a step");
            }
            if (stepped.length == 2 && !steps) {
                throw invalid(label + " " + field + ": Scheduler takes no / step in " + label);
            }
            String range = stepped[0];
            int step = stepped.length == 2 ? step(stepped[1], field) : 1;
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", -1);
                if (ends.length != 2) {
                    throw invalid(label + " " + field + ": a range is two values, like 1-5");
                }
                from = value(ends[0], field);
                to = value(ends[1], field);
                if (from > to && !cyclic) {
                    throw invalid(label + " " + field + ": the range starts after it ends");
                }
            } else {
                from = value(range, field);
                to = stepped.length == 2 ? max : from;
            }
            int span = from <= to ? to - from : to - from + (max - min + 1);
            for (int offset = 0; offset <= span; offset += step) {
                set.set(min + Math.floorMod(from - min + offset, max - min + 1));
            }
        }

        private int step(String token, String field) {
            if (!token.matches("\\d{1,3}") || Integer.parseInt(token) == 0) {
                throw invalid(label + " " + field + ": the step after / must be a whole number from 1");
            }
            return Integer.parseInt(token);
        }

        int value(String token, String field) {
            if (names != null) {
                for (int i = 0; i < names.length; i++) {
                    if (names[i].equals(token)) {
                        return min + i;
                    }
                }
            }
            if (!token.matches("\\d{1,4}")) {
                throw invalid(label + " " + field + ": '" + token + "' is not a " + label + " value"
                        + (names == null ? "" : " (" + names[0] + "-" + names[names.length - 1] + " or " + min + "-" + max + ")")
                        + "; ? L W # belong to the day fields only, as Scheduler allows them");
            }
            int value = Integer.parseInt(token);
            if (value < min || value > max) {
                throw invalid(label + " " + field + ": " + value + " is outside " + min + "-" + max);
            }
            return value;
        }
    }
}
