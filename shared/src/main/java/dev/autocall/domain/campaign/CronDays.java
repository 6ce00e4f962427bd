package dev.autocall.domain.campaign;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Whether a date is one of a cron schedule's days, from its day-of-month and day-of-week fields. */
@FunctionalInterface
interface CronDays {
    boolean matches(LocalDate date);

    /** Exactly one of the two fields is ?, and the other one decides. */
    static CronDays parse(String dayOfMonth, String dayOfWeek) {
        boolean anyMonthDay = dayOfMonth.equals("?");
        boolean anyWeekDay = dayOfWeek.equals("?");
        if (anyMonthDay == anyWeekDay) {
            throw CronSchedule.invalid("needs ? in exactly one of day-of-month and day-of-week (the other one decides the days), e.g. \"0 9 ? * MON *\" or \"0 9 1 * ? *\"");
        }
        return anyWeekDay ? monthDays(dayOfMonth) : weekDays(dayOfWeek);
    }

    private static CronDays monthDays(String field) {
        if (field.equals("L")) {
            return date -> date.getDayOfMonth() == date.lengthOfMonth();
        }
        if (field.equals("LW")) {
            return date -> date.equals(nearestWeekday(date.with(TemporalAdjusters.lastDayOfMonth())));
        }
        Matcher weekday = Pattern.compile("(\\d{1,2})W").matcher(field);
        if (weekday.matches()) {
            int day = Integer.parseInt(weekday.group(1));
            if (day < 1 || day > 31) {
                throw CronSchedule.invalid("day-of-month " + field + ": W needs a day from 1 to 31");
            }
            return date -> day <= date.lengthOfMonth() && date.equals(nearestWeekday(date.withDayOfMonth(day)));
        }
        BitSet set = CronField.DAYS_OF_MONTH.values(field);
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

    private static CronDays weekDays(String field) {
        if (field.equals("L")) {
            return date -> date.getDayOfWeek() == DayOfWeek.SATURDAY; // the last day of a week that starts on Sunday
        }
        Matcher last = Pattern.compile("([1-7A-Z]{1,3})L").matcher(field);
        if (last.matches()) {
            DayOfWeek day = weekday(last.group(1), field);
            return date -> date.getDayOfWeek() == day && date.plusWeeks(1).getMonth() != date.getMonth();
        }
        Matcher nth = Pattern.compile("([1-7A-Z]{1,3})#([1-5])").matcher(field);
        if (nth.matches()) {
            DayOfWeek day = weekday(nth.group(1), field);
            int n = Integer.parseInt(nth.group(2));
            return date -> date.getDayOfWeek() == day && (date.getDayOfMonth() - 1) / 7 + 1 == n;
        }
        if (field.contains("#")) {
            throw CronSchedule.invalid("day-of-week " + field + ": # takes one day and its instance in the month, 1 to 5 (3#2 is the second Tuesday), and no list");
        }
        BitSet set = CronField.DAYS_OF_WEEK.values(field);
        return date -> set.get(cronDay(date.getDayOfWeek()));
    }

    private static DayOfWeek weekday(String token, String field) {
        int value = CronField.DAYS_OF_WEEK.value(token, field);
        return DayOfWeek.SUNDAY.plus(value - 1L);
    }

    /** Scheduler counts the week from Sunday (1) to Saturday (7). */
    private static int cronDay(DayOfWeek day) {
        return day.getValue() % 7 + 1;
    }
}
