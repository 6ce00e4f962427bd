package dev.autocall.domain.compliance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RateLimitRuleTest {
    private final ComplianceRule rule = new RateLimitRule();

    @ParameterizedTest(name = "cap {0}/min, {1} used, at {2} → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            1 | 0 | 2026-01-14T17:00:30Z     | PASS
            1 | 1 | 2026-01-14T17:00:30Z     | DEFER RATE_LIMITED 2026-01-14T17:01:00Z
            1 | 1 | 2026-01-14T17:00:00Z     | DEFER RATE_LIMITED 2026-01-14T17:01:00Z
            1 | 1 | 2026-01-14T17:00:59.999Z | DEFER RATE_LIMITED 2026-01-14T17:01:00Z
            5 | 4 | 2026-01-14T17:00:30Z     | PASS
            5 | 5 | 2026-01-14T17:00:30Z     | DEFER RATE_LIMITED 2026-01-14T17:01:00Z
            5 | 6 | 2026-01-14T23:59:10Z     | DEFER RATE_LIMITED 2026-01-15T00:00:00Z
            """)
    void check_should_deferToTheNextUtcMinute_when_theMinutesCapIsUsed(int perMinute, int used, String at, String expected) {
        // GIVEN
        CallCheck check = Given.call("+14155550100", at).caps(perMinute, 100, 1, 4).usage(used, 0, 0).check();

        // WHEN
        ComplianceDecision decision = Decisions.of(rule.check(check));

        // THEN
        assertEquals(Decisions.parse(expected), decision);
    }
}
