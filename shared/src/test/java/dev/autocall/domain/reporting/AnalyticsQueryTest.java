package dev.autocall.domain.reporting;

import dev.autocall.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AnalyticsQueryTest {
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    /** 2026-11-27 at 01:00 in Chicago, 2026-11-27 in UTC too. */
    private static final Instant NOW = Instant.parse("2026-11-27T07:00:00Z");

    @Test
    void parse_should_askForTheLast30LocalDays_when_noRangeIsGiven() {
        AnalyticsQuery query = parse(Map.of());

        assertEquals(LocalDate.parse("2026-10-29"), query.from());
        assertEquals(LocalDate.parse("2026-11-27"), query.to());
        assertEquals(Dimension.ALL, query.dimension());
        assertEquals(AnalyticsQuery.Granularity.DAY, query.granularity());
    }

    @Test
    void parse_should_readInstantsAsLocalDaysInTheWorkspacesZone() {
        AnalyticsQuery query = parse(Map.of("from", "2026-11-01T04:30:00Z", "to", "2026-11-02T05:30:00Z"));

        assertEquals(LocalDate.parse("2026-10-31"), query.from()); // 23:30 CDT
        assertEquals(LocalDate.parse("2026-11-01"), query.to());   // 23:30 CST
    }

    @Test
    void parse_should_acceptAFullYear_andRefuseAnyLonger() {
        assertEquals(LocalDate.parse("2025-11-27"), parse(Map.of("from", "2025-11-27", "to", "2026-11-27")).from());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> parse(Map.of("from", "2025-11-26", "to", "2026-11-27")));
        assertEquals("from", e.field().orElseThrow());
    }

    @ParameterizedTest(name = "{0} → 400 naming {1}")
    @CsvSource(delimiter = '|', textBlock = """
            from=yesterday                                  | from
            to=2026-13-01                                   | to
            from=2026-11-10&to=2026-11-01                   | from
            granularity=hour                                | granularity
            workflow=w1&campaign=c1                         | campaign
            campaign=c1&callerId=+13125550100               | callerId
            workflow=w1&callerId=+13125550100               | callerId
            callerId=555-0100                               | callerId
            """)
    void parse_should_refuseBadParameters_namingThem(String query, String field) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], kv[1]);
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(params));
        assertEquals(field, e.field().orElseThrow());
    }

    @Test
    void parse_should_readEachFilterAsItsDimension() {
        assertEquals(Dimension.workflow("w1"), parse(Map.of("workflow", "w1")).dimension());
        assertEquals(Dimension.campaign("c1"), parse(Map.of("campaign", "c1")).dimension());
        assertEquals(Dimension.callerId("+13125550100"), parse(Map.of("callerId", "+13125550100")).dimension());
        assertEquals(Dimension.callerId("+13125550100"), parse(Map.of("callerId", " 13125550100")).dimension());
        assertEquals(AnalyticsQuery.Granularity.WEEK, parse(Map.of("granularity", "week")).granularity());
    }

    private static AnalyticsQuery parse(Map<String, String> params) {
        return AnalyticsQuery.parse(params, CHICAGO, NOW);
    }
}
