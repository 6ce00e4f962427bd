package dev.autocall.domain.campaign;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.autocall.domain.campaign.DefinitionFields.refused;

/** Reads a campaign's {@code schedule}: when calls may start, in instants and in the callee's hours and days. */
final class ScheduleFields {
    private static final Pattern HOUR_MINUTE = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    /** Far enough for any campaign; nearer than EventBridge Scheduler's limits, so a saved date can be armed. */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    private ScheduleFields() {
    }

    static Campaign.Schedule schedule(DefinitionFields root) {
        Optional<DefinitionFields> given = root.object("schedule", "{\"startAt\", \"endAt\", \"hours\", \"days\"}");
        if (given.isEmpty()) {
            return Campaign.Schedule.now();
        }
        DefinitionFields schedule = given.get();
        schedule.rejectUnknown(Set.of("startAt", "endAt", "hours", "days"));
        Instant startAt = instant(schedule, "startAt");
        Instant endAt = instant(schedule, "endAt");
        if (startAt != null && endAt != null && !endAt.isAfter(startAt)) {
            throw refused("schedule.endAt", "schedule.endAt must be after schedule.startAt");
        }
        return new Campaign.Schedule(startAt, endAt, hours(schedule), days(schedule));
    }

    private static Instant instant(DefinitionFields schedule, String name) {
        String field = schedule.at(name);
        Optional<String> text = schedule.text(name, false, "an ISO-8601 time such as 2026-12-01T15:00:00Z");
        if (text.isEmpty()) {
            return null;
        }
        Instant instant;
        try {
            instant = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text.get(), Instant::from);
        } catch (DateTimeParseException e) {
            throw refused(field, field + " must be an ISO-8601 time with its offset, such as 2026-12-01T15:00:00Z or "
                    + "2026-12-01T09:00:00-06:00");
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw refused(field, field + " must lie between the years 2000 and 2099");
        }
        return instant;
    }

    private static Campaign.Hours hours(DefinitionFields schedule) {
        Optional<DefinitionFields> given = schedule.object("hours", "{\"start\": \"10:00\", \"end\": \"17:00\"}");
        if (given.isEmpty()) {
            return null;
        }
        DefinitionFields hours = given.get();
        hours.rejectUnknown(Set.of("start", "end"));
        LocalTime start = hourMinute(hours, "start");
        LocalTime end = hourMinute(hours, "end");
        if (!start.isBefore(end)) {
            throw refused("schedule.hours.end", "schedule.hours.end must be later than schedule.hours.start "
                    + "(the hours are in the callee's time, within one day, e.g. 10:00 to 17:00)");
        }
        return new Campaign.Hours(start, end);
    }

    private static LocalTime hourMinute(DefinitionFields hours, String name) {
        String field = hours.at(name);
        String text = hours.requiredText(name, false, "a time of day written HH:mm, e.g. 10:00");
        if (!HOUR_MINUTE.matcher(text).matches()) {
            throw refused(field, field + " must be a time of day written HH:mm, from 00:00 to 23:59, e.g. 10:00");
        }
        return LocalTime.parse(text);
    }

    private static Set<DayOfWeek> days(DefinitionFields schedule) {
        Optional<JsonNode> list = schedule.list("days", "days of the week such as [\"MON\", \"TUE\"]");
        if (list.isEmpty()) {
            return Set.of();
        }
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < list.get().size(); i++) {
            String field = "schedule.days[" + i + "]";
            JsonNode day = list.get().get(i);
            Optional<DayOfWeek> parsed = day.isTextual() ? dayOf(day.textValue()) : Optional.empty();
            if (parsed.isEmpty()) {
                throw refused(field, field + " must be one of MON, TUE, WED, THU, FRI, SAT, SUN");
            }
            if (!days.add(parsed.get())) {
                throw refused(field, field + ": " + day.textValue() + " is listed twice");
            }
        }
        return days;
    }

    private static Optional<DayOfWeek> dayOf(String text) {
        return Arrays.stream(DayOfWeek.values()).filter(d -> dayName(d).equals(text)).findFirst();
    }

    static String dayName(DayOfWeek day) {
        return day.name().substring(0, 3);
    }

}
