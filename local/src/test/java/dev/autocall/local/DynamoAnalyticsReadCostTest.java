package dev.autocall.local;

import dev.autocall.adapters.dynamodb.DynamoAnalyticsCounters;
import dev.autocall.domain.reporting.DayCounts;
import dev.autocall.domain.reporting.Dimension;
import dev.autocall.local.bench.AwsRequestCounter;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The longest range analytics answer (366 days) is read with one DynamoDB Query, whatever the days count. */
class DynamoAnalyticsReadCostTest {

    @Test
    void aYearOfDayCounters_isReadWithOneQuery() throws Exception {
        AwsRequestCounter counter = new AwsRequestCounter(false).install();
        try (TemplateTables tables = TemplateTables.start("AnalyticsTable")) {
            // GIVEN 366 days, each with 40 caller IDs and a dozen outcomes
            DynamoAnalyticsCounters counters = new DynamoAnalyticsCounters(tables.client(), "AnalyticsTable");
            LocalDate first = LocalDate.parse("2025-11-27");
            Map<String, Long> outcomes = new HashMap<>();
            for (int o = 0; o < 12; o++) {
                outcomes.put("outcome_" + o, 1000L);
            }
            Map<String, DayCounts.CallerCounts> callers = new HashMap<>();
            for (int c = 0; c < 40; c++) {
                callers.put("+1312555" + (1000 + c), new DayCounts.CallerCounts(800, 500));
            }
            for (int d = 0; d < 366; d++) {
                counters.addTotals("ws1", Dimension.ALL, new DayCounts(first.plusDays(d), 32_000, 20_000, 15_000, 900_000,
                        5000, 3000, 100, outcomes, callers));
            }
            counter.restart();

            // WHEN
            int days = counters.days("ws1", Dimension.ALL, first, first.plusDays(365)).size();

            // THEN
            assertEquals(366, days);
            assertEquals(1, counter.requests(AwsRequestCounter.RUNTIME, "Query"));
        } finally {
            counter.uninstall();
        }
    }
}
