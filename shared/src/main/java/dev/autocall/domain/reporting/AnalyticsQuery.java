package dev.autocall.domain.reporting;

import dev.autocall.error.InvalidInputException;
import dev.autocall.phone.PhoneNumbers;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an analytics request asks for: a range of local days (both inclusive), one dimension and a trend granularity.
 */
public record AnalyticsQuery(LocalDate from, LocalDate to, Dimension dimension, Granularity granularity) {
    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 366;

    /** How the trend is bucketed: local days, weeks starting Monday, calendar months. */
    public enum Granularity {
        DAY, WEEK, MONTH;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Reads the request's parameters; {@code from}/{@code to} are ISO dates or instants, read as local days in
     * {@code zone}. Without them the range is the last 30 days, today included.
     */
    public static AnalyticsQuery parse(Map<String, String> params, ZoneId zone, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        Optional<LocalDate> from = day(params, "from", zone);
        Optional<LocalDate> to = day(params, "to", zone);
        LocalDate end = to.orElseGet(() -> from.map(f -> f.plusDays(DEFAULT_DAYS - 1)).filter(d -> d.isBefore(today)).orElse(today));
        LocalDate start = from.orElse(end.minusDays(DEFAULT_DAYS - 1));
        if (start.isAfter(end)) {
            throw new InvalidInputException("from", "from (" + start + ") is after to (" + end + ")");
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
            throw new InvalidInputException("from", "the range " + start + ".." + end + " is longer than " + MAX_DAYS
                    + " days; ask for a shorter one");
        }
        return new AnalyticsQuery(start, end, dimension(params), granularity(params.get("granularity")));
    }

    private static Optional<LocalDate> day(Map<String, String> params, String name, ZoneId zone) {
        String raw = params.get(name);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(raw.length() == 10 ? LocalDate.parse(raw)
                    : LocalDate.ofInstant(OffsetDateTime.parse(raw).toInstant(), zone));
        } catch (DateTimeException e) {
            throw new InvalidInputException(name, name + " must be a date (2026-11-02) or an instant (2026-11-02T15:04:05Z)");
        }
    }

    /** At most one of workflow, campaign, callerId: counters are kept per single dimension, not per combination. */
    private static Dimension dimension(Map<String, String> params) {
        Dimension chosen = Dimension.ALL;
        String first = null;
        for (String name : new String[]{"workflow", "campaign", "callerId"}) {
            String value = params.get(name);
            if (value == null) {
                continue;
            }
            if (value.isEmpty()) {
                // An empty value is a mistake, not "all": refused, as the call log's filters are.
                throw new InvalidInputException(name, name + " must not be empty: leave it out for every call");
            }
            if (first != null) {
                throw new InvalidInputException(name, "give at most one of workflow, campaign and callerId: "
                        + first + " is already given, so drop " + name);
            }
            first = name;
            chosen = switch (name) {
                case "workflow" -> Dimension.workflow(id(name, value));
                case "campaign" -> Dimension.campaign(id(name, value));
                // A bare + in a query string arrives decoded as a space (form encoding): read it back as the +.
                default -> Dimension.callerId(PhoneNumbers.requireE164(name, value.startsWith(" ") ? "+" + value.substring(1) : value));
            };
        }
        return chosen;
    }

    private static String id(String name, String value) {
        if (value.length() > 128 || value.isBlank()) {
            throw new InvalidInputException(name, name + " must be an id of 1-128 characters");
        }
        return value;
    }

    private static Granularity granularity(String raw) {
        if (raw == null) {
            return Granularity.DAY;
        }
        for (Granularity g : Granularity.values()) {
            if (g.wire().equals(raw)) {
                return g;
            }
        }
        throw new InvalidInputException("granularity", "granularity must be day, week or month, not '" + raw + "'");
    }
}
