package dev.autocall.domain.compliance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NumberDailyCapRuleTest {
    private final ComplianceRule rule = new NumberDailyCapRule(new CalleeZones());

    @ParameterizedTest(name = "{0}: cap {2}/day, {3} used → {5}")
    @CsvSource(delimiter = '|', textBlock = """
            New York, nothing used       | +12125550123 | 1 | 0 |                     | PASS
            New York, cap used           | +12125550123 | 1 | 1 |                     | DEFER NUMBER_DAILY_CAP 2026-01-15T05:00:00Z
            New York, one of two used    | +12125550123 | 2 | 1 |                     | PASS
            New York, two of two used    | +12125550123 | 2 | 2 |                     | DEFER NUMBER_DAILY_CAP 2026-01-15T05:00:00Z
            Alaska counts in Adak's day  | +19075550123 | 1 | 1 |                     | DEFER NUMBER_DAILY_CAP 2026-01-15T10:00:00Z
            contact's zone counts        | +12125550123 | 1 | 1 | America/Los_Angeles | DEFER NUMBER_DAILY_CAP 2026-01-15T08:00:00Z
            """)
    void check_should_deferToTheNumbersNextLocalDay_when_itsDailyCapIsUsed(String why, String to, int perNumberPerDay,
                                                                          int used, String zone, String expected) {
        // GIVEN: 2026-01-14 15:00 UTC; the rule clears at local midnight and the evaluator moves that to the window
        CallCheck check = Given.call(to, "2026-01-14T15:00:00Z").timeZone(zone)
                .caps(1, 100, perNumberPerDay, 4).usage(0, 0, used).check();

        // WHEN
        ComplianceDecision decision = Decisions.of(rule.check(check));

        // THEN
        assertEquals(Decisions.parse(expected), decision);
    }
}
