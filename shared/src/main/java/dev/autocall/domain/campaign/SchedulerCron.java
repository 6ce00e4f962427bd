package dev.autocall.domain.campaign;

import dev.autocall.error.InvalidInputException;

import java.util.List;
import java.util.regex.Pattern;

/**
 * EventBridge Scheduler's six-field cron (minutes hours day-of-month month day-of-week year), checked when a campaign
 * is saved, so that a recurrence the Scheduler would refuse is refused with a message, not when the campaign starts.
 * A campaign run starts at most once an hour: the minutes field is one number.
 */
public final class SchedulerCron {
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,4}");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> WEEKDAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    /** One field of the expression: its name in messages, its values and the characters it may hold. */
    private enum Part {
        MINUTES("minutes", 0, 59, List.of(), "0-59", ", - * /"),
        HOURS("hours", 0, 23, List.of(), "0-23", ", - * /"),
        DAY_OF_MONTH("day-of-month", 1, 31, List.of(), "1-31", ", - * ? / L W"),
        MONTH("month", 1, 12, MONTHS, "1-12 or JAN-DEC", ", - * /"),
        DAY_OF_WEEK("day-of-week", 1, 7, WEEKDAYS, "1-7 or SUN-SAT", ", - * ? L #"),
        YEAR("year", 1970, 2199, List.of(), "1970-2199", ", - * /");

        final String label;
        final int min;
        final int max;
        final List<String> names;
        final String values;
        final String wildcards;

        Part(String label, int min, int max, List<String> names, String values, String wildcards) {
            this.label = label;
            this.min = min;
            this.max = max;
            this.names = names;
            this.values = values;
            this.wildcards = wildcards;
        }
    }

    private SchedulerCron() {
    }

    /** Returns the expression as written, or refuses it naming {@code field} and saying what to write instead. */
    public static String require(String field, String cron) {
        if (cron.startsWith("cron(")) {
            throw new InvalidInputException(field, field + " is the six fields alone, without cron( ), e.g. 0 9 ? * MON *");
        }
        String[] fields = cron.split(" ", -1);
        if (fields.length != 6 || List.of(fields).contains("")) {
            throw new InvalidInputException(field, field + " must be six fields separated by single spaces: minutes hours "
                    + "day-of-month month day-of-week year, e.g. 0 9 ? * MON * (9:00 every Monday)"
                    + (fields.length == 5 ? "; a five-field Unix cron needs a year field (*) and ? in day-of-month or "
                    + "day-of-week" : ""));
        }
        minutes(field, fields[0]);
        for (Part part : List.of(Part.HOURS, Part.DAY_OF_MONTH, Part.MONTH, Part.DAY_OF_WEEK, Part.YEAR)) {
            check(field, part, fields[part.ordinal()]);
        }
        if (fields[2].equals("?") == fields[4].equals("?")) {
            throw new InvalidInputException(field, field + ": exactly one of day-of-month and day-of-week must be ?, "
                    + "e.g. 0 9 ? * MON * (Mondays) or 0 9 1 * ? * (the first of each month)");
        }
        return cron;
    }

    private static void minutes(String field, String text) {
        if (NUMBER.matcher(text).matches()) {
            value(field, Part.MINUTES, text);
        } else if (text.chars().allMatch(c -> Character.isDigit(c) || ",-*/".indexOf(c) >= 0)) {
            throw new InvalidInputException(field, field + " fires more often than once an hour (minutes '" + text
                    + "'): a campaign run starts at most hourly, so write one minute, e.g. 0 or 30");
        } else {
            throw badCharacters(field, Part.MINUTES, text);
        }
    }

    private static void check(String field, Part part, String text) {
        if (!allowedCharacters(part, text)) {
            throw badCharacters(field, part, text);
        }
        if (text.equals("?") && (part == Part.DAY_OF_MONTH || part == Part.DAY_OF_WEEK)) {
            return;
        }
        if (part == Part.DAY_OF_MONTH && special(field, part, text)) {
            return;
        }
        if (part == Part.DAY_OF_WEEK && special(field, part, text)) {
            return;
        }
        for (String item : text.split(",", -1)) {
            item(field, part, item);
        }
    }

    /** L, LW and nW in day-of-month; L, nL and n#k in day-of-week: each stands alone in its field. */
    private static boolean special(String field, Part part, String text) {
        String marks = part == Part.DAY_OF_MONTH ? "LW?" : "L#?";
        if (text.chars().noneMatch(c -> marks.indexOf(c) >= 0)) {
            return false;
        }
        String alone = field + ": in the " + part.label + " field, ";
        if (text.equals("L") || part == Part.DAY_OF_MONTH && text.equals("LW")) {
            return true;
        }
        if (part == Part.DAY_OF_MONTH && text.endsWith("W") && NUMBER.matcher(text.substring(0, text.length() - 1)).matches()) {
            value(field, part, text.substring(0, text.length() - 1));
            return true;
        }
        if (part == Part.DAY_OF_WEEK && text.endsWith("L") && text.length() > 1 && text.indexOf('L') == text.length() - 1
                && text.indexOf('#') < 0 && text.indexOf(',') < 0 && text.indexOf('-') < 0 && text.indexOf('*') < 0
                && text.indexOf('?') < 0) {
            value(field, part, text.substring(0, text.length() - 1));
            return true;
        }
        int hash = text.indexOf('#');
        if (part == Part.DAY_OF_WEEK && hash > 0 && text.indexOf('#', hash + 1) < 0 && text.indexOf(',') < 0
                && text.indexOf('L') < 0 && text.indexOf('?') < 0) {
            value(field, part, text.substring(0, hash));
            String nth = text.substring(hash + 1);
            if (!nth.matches("[1-5]")) {
                throw new InvalidInputException(field, alone + "'" + text + "' must be a day and its week of the month, "
                        + "e.g. MON#2 for the second Monday (1-5 after #)");
            }
            return true;
        }
        throw new InvalidInputException(field, alone + "'" + text + "' is not understood: ? stands alone, and "
                + (part == Part.DAY_OF_MONTH ? "L (last day), LW (last weekday) and 15W (the weekday nearest the 15th)"
                : "L (Saturday), 6L (the last Friday) and MON#2 (the second Monday)") + " stand alone too");
    }

    /** {@code *}, a value or a range, with an optional {@code /step}. */
    private static void item(String field, Part part, String item) {
        int slash = item.indexOf('/');
        String base = slash < 0 ? item : item.substring(0, slash);
        if (slash >= 0) {
            String step = item.substring(slash + 1);
            // At most three digits: a longer step means nothing in any field, and the evaluator reads no more.
            int most = Math.min(part.max, 999);
            if (!NUMBER.matcher(step).matches() || Integer.parseInt(step) < 1 || Integer.parseInt(step) > most) {
                throw new InvalidInputException(field, field + ": in the " + part.label + " field, '" + item
                        + "' needs a step from 1 to " + most + " after /, e.g. */2");
            }
        }
        if (base.equals("*")) {
            return;
        }
        int dash = base.indexOf('-');
        if (dash < 0) {
            value(field, part, base);
            return;
        }
        int from = value(field, part, base.substring(0, dash));
        int to = value(field, part, base.substring(dash + 1));
        if (from > to) {
            throw new InvalidInputException(field, field + ": in the " + part.label + " field, the range '" + base
                    + "' runs backwards; write the lower end first, or two ranges separated by a comma");
        }
    }

    private static int value(String field, Part part, String text) {
        int named = part.names.indexOf(text);
        if (named >= 0) {
            return named + 1;
        }
        if (NUMBER.matcher(text).matches()) {
            int number = Integer.parseInt(text);
            if (number >= part.min && number <= part.max) {
                return number;
            }
        }
        throw new InvalidInputException(field, field + ": in the " + part.label + " field, '" + text
                + "' is not one of " + part.values);
    }

    private static boolean allowedCharacters(Part part, String text) {
        String marks = part.wildcards.replace(" ", "");
        return text.chars().allMatch(c -> c >= '0' && c <= '9' || marks.indexOf(c) >= 0
                || !part.names.isEmpty() && c >= 'A' && c <= 'Z');
    }

    private static InvalidInputException badCharacters(String field, Part part, String text) {
        boolean ascii = text.chars().allMatch(c -> c > ' ' && c < 0x7F);
        return new InvalidInputException(field, field + ": the " + part.label + " field"
                + (ascii ? " '" + text + "'" : "") + " may hold only " + part.values + " and " + part.wildcards
                + (part.names.isEmpty() ? "" : " (names in capitals)"));
    }
}
