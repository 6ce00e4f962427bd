package dev.autocall.domain.compliance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ValidNumberRuleTest {
    private final ComplianceRule rule = new ValidNumberRule();

    @ParameterizedTest(name = "{0} is dialable")
    @ValueSource(strings = {"+14155550100", "+14165550123", "+919876543210", "+447911123456", "+18005550123"})
    void check_should_pass_when_theNumberIsValidE164(String to) {
        // GIVEN
        CallCheck check = Given.call(to, "2026-01-14T20:00:00Z").check();

        // WHEN / THEN
        assertEquals(new ComplianceDecision.Pass(), Decisions.of(rule.check(check)));
    }

    @ParameterizedTest(name = "[{0}] is refused")
    @ValueSource(strings = {"4155550100", "+1 415 555 0100", "+1-415-555-0100", "+1415555010", "+11235550100",
            "+999", "+14155550100x", "tel:+14155550100", "+0014155550100"})
    @NullAndEmptySource
    void check_should_failInvalidNumber_when_theNumberIsNotValidE164(String to) {
        // GIVEN
        CallCheck check = Given.call(to, "2026-01-14T20:00:00Z").noContact().check();

        // WHEN / THEN
        assertEquals(new ComplianceDecision.Fail(ComplianceReason.INVALID_NUMBER), Decisions.of(rule.check(check)));
    }
}
