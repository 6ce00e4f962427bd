package dev.autocall.domain.compliance;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The local hours in which a call may start, half-open [start, end), and the weekdays on which it may not start at
 * all; a value, so that a workspace's window and a state's stricter rule combine by narrowing.
 */
public record CallingWindow(LocalTime start, LocalTime end, Set<DayOfWeek> closedDays) {

    public CallingWindow {
        closedDays = Set.copyOf(closedDays);
    }

    /**
     * Reads a workspace's {@code compliance.window}: a profile name or {"start": "HH:MM", "end": "HH:MM"}. The API
     * validates it on PUT, so a bad value here is a stored-data bug and fails loudly rather than guessing hours.
     */
    public static CallingWindow of(JsonNode policy) {
        if (policy == null || policy.isNull()) {
            return ComplianceDefaults.PROFILES.get(ComplianceDefaults.WINDOW);
        }
        if (policy.isTextual()) {
            CallingWindow profile = ComplianceDefaults.PROFILES.get(policy.asText());
            if (profile == null) {
                throw new IllegalArgumentException("unknown calling window profile '" + policy.asText() + "'");
            }
            return profile;
        }
        LocalTime start = LocalTime.parse(policy.path("start").asText());
        LocalTime end = LocalTime.parse(policy.path("end").asText());
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("calling window start " + start + " is not before its end " + end);
        }
        return new CallingWindow(start, end, Set.of());
    }

    /** The stricter of the two: the later start, the earlier end, and every closed day of either. */
    public CallingWindow narrowedBy(CallingWindow other) {
        Set<DayOfWeek> closed = EnumSet.noneOf(DayOfWeek.class);
        closed.addAll(closedDays);
        closed.addAll(other.closedDays);
        return new CallingWindow(start.isAfter(other.start) ? start : other.start,
                end.isBefore(other.end) ? end : other.end, closed);
    }

    /** True when no call can ever start in it. */
    public boolean isNeverOpen() {
        return !start.isBefore(end) || closedDays.size() == DayOfWeek.values().length;
    }

    /** The instants the window is open in one zone over the local days first..last, in time order. */
    List<Opening> openings(ZoneId zone, LocalDate first, LocalDate last) {
        List<Opening> openings = new ArrayList<>();
        if (isNeverOpen()) {
            return openings;
        }
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (!closedDays.contains(day.getDayOfWeek())) {
                // ZonedDateTime moves a time that falls in a DST gap forward by the gap, as a wall clock would.
                openings.add(new Opening(ZonedDateTime.of(day, start, zone).toInstant(),
                        ZonedDateTime.of(day, end, zone).toInstant()));
            }
        }
        return openings;
    }

    /** A stretch of time in which a call may start: [from, until). */
    record Opening(Instant from, Instant until) {
    }
}
