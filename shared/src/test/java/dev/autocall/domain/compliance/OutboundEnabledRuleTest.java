package dev.autocall.domain.compliance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OutboundEnabledRuleTest {
    private final ComplianceRule rule = new OutboundEnabledRule();

    @ParameterizedTest(name = "outbound enabled {0} → {1}")
    @CsvSource({
            "true,  PASS",
            "false, FAIL OUTBOUND_DISABLED",
    })
    void check_should_failOutboundDisabled_when_theWorkspaceIsNotEnabled(boolean enabled, String expected) {
        // GIVEN
        CallCheck check = Given.call("+14155550100", "2026-01-14T20:00:00Z").outbound(enabled).check();

        // WHEN
        ComplianceDecision decision = Decisions.of(rule.check(check));

        // THEN
        assertEquals(Decisions.parse(expected), decision);
    }
}
