package dev.autocall.domain.compliance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkspaceDailyCapRuleTest {
    private final ComplianceRule rule = new WorkspaceDailyCapRule();

    @ParameterizedTest(name = "cap {0}/day, {1} used, at {2} → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            100 | 99  | 2026-01-14T20:00:00Z | PASS
            100 | 100 | 2026-01-14T20:00:00Z | DEFER WORKSPACE_DAILY_CAP 2026-01-15T00:00:00Z
            100 | 100 | 2026-01-14T00:00:00Z | DEFER WORKSPACE_DAILY_CAP 2026-01-15T00:00:00Z
            100 | 100 | 2026-01-14T23:59:59Z | DEFER WORKSPACE_DAILY_CAP 2026-01-15T00:00:00Z
            2   | 1   | 2026-01-14T20:00:00Z | PASS
            2   | 2   | 2026-01-14T20:00:00Z | DEFER WORKSPACE_DAILY_CAP 2026-01-15T00:00:00Z
            """)
    void check_should_deferToTheNextUtcDay_when_theDaysCapIsUsed(int perDay, int used, String at, String expected) {
        // GIVEN
        CallCheck check = Given.call("+14155550100", at).caps(100, perDay, 1, 4).usage(0, used, 0).check();

        // WHEN
        ComplianceDecision decision = Decisions.of(rule.check(check));

        // THEN
        assertEquals(Decisions.parse(expected), decision);
    }
}
