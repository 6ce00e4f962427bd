package dev.autocall.domain.compliance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OptOutRuleTest {
    private static final String TO = "+14155550100";
    private final ComplianceRule rule = new OptOutRule();

    @ParameterizedTest(name = "opted out of voice at {0}, of SMS at {1} → {2}")
    @CsvSource(nullValues = "null", textBlock = """
            null,                 null,                 PASS
            2026-01-02T09:00:00Z, null,                 FAIL OPTED_OUT
            null,                 2026-01-02T09:00:00Z, PASS
            2026-01-02T09:00:00Z, 2026-01-02T09:00:00Z, FAIL OPTED_OUT
            """)
    void check_should_failOptedOut_when_theContactOptedOutOfCalls(Instant voice, Instant sms, String expected) {
        // GIVEN: an SMS STOP concerns texts only
        CallCheck check = Given.call(TO, "2026-01-14T20:00:00Z").contact(Contacts.withOptOut(TO, voice, sms)).check();

        // WHEN
        ComplianceDecision decision = Decisions.of(rule.check(check));

        // THEN
        assertEquals(Decisions.parse(expected), decision);
    }

    @Test
    void check_should_pass_when_theCalleeIsNotAContact() {
        // GIVEN
        CallCheck check = Given.call(TO, "2026-01-14T20:00:00Z").noContact().check();

        // WHEN / THEN
        assertEquals(new ComplianceDecision.Pass(), Decisions.of(rule.check(check)));
    }
}
