package dev.autocall.domain.campaign;

import java.util.BitSet;

/** A cron field of plain values: lists, ranges (wrapping round where the field is cyclic), steps, names. */
enum CronField {
    MINUTES("minutes", 0, 59, null, true, true),
    HOURS("hours", 0, 23, null, true, true),
    DAYS_OF_MONTH("day-of-month", 1, 31, null, true, true),
    MONTHS("month", 1, 12, Names.MONTHS, true, true),
    DAYS_OF_WEEK("day-of-week", 1, 7, Names.DAYS, true, false),
    YEARS("year", 1970, 2199, null, false, true);


    private final String label;
    private final int min;
    private final int max;
    private final String[] names;
    private final boolean cyclic;
    private final boolean steps;

    CronField(String label, int min, int max, String[] names, boolean cyclic, boolean steps) {
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
            throw CronSchedule.invalid(label + " " + field + ": '" + part + "' is not a value, a range or a step");
        }
        if (stepped.length == 2 && !steps) {
            throw CronSchedule.invalid(label + " " + field + ": Scheduler takes no / step in " + label);
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
                throw CronSchedule.invalid(label + " " + field + ": a range is two values, like 1-5");
            }
            from = value(ends[0], field);
            to = value(ends[1], field);
            if (from > to && !cyclic) {
                throw CronSchedule.invalid(label + " " + field + ": the range starts after it ends");
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
            throw CronSchedule.invalid(label + " " + field + ": the step after / must be a whole number from 1");
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
            throw CronSchedule.invalid(label + " " + field + ": '" + token + "' is not a " + label + " value"
                    + (names == null ? "" : " (" + names[0] + "-" + names[names.length - 1] + " or " + min + "-" + max + ")")
                    + "; ? L W # belong to the day fields only, as Scheduler allows them");
        }
        int value = Integer.parseInt(token);
        if (value < min || value > max) {
            throw CronSchedule.invalid(label + " " + field + ": " + value + " is outside " + min + "-" + max);
        }
        return value;
    }

    /** Outside the enum, which cannot read its own static fields while its constants are built. */
    private static final class Names {
        static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
        static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    }
}
