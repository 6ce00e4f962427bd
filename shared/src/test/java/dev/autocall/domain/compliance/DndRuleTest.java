package dev.autocall.domain.compliance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DndRuleTest {
    private static final String TO = "+14155550100";
    private final ComplianceRule rule = new DndRule();

    @ParameterizedTest(name = "DND voice {0}, sms {1} → {2}")
    @CsvSource({
            "false, false, PASS",
            "true,  false, FAIL DND",
            "false, true,  PASS",
            "true,  true,  FAIL DND",
    })
    void check_should_failDnd_when_theVoiceChannelIsDoNotDisturb(boolean voice, boolean sms, String expected) {
        // GIVEN
        CallCheck check = Given.call(TO, "2026-01-14T20:00:00Z").contact(Contacts.withDnd(TO, voice, sms)).check();

        // WHEN
        ComplianceDecision decision = Decisions.of(rule.check(check));

        // THEN
        assertEquals(Decisions.parse(expected), decision);
    }

    @Test
    void check_should_pass_when_theCalleeIsNotAContact() {
        // GIVEN: nothing is known to be DND (the consent rule refuses such a call first)
        CallCheck check = Given.call(TO, "2026-01-14T20:00:00Z").noContact().check();

        // WHEN / THEN
        assertEquals(new ComplianceDecision.Pass(), Decisions.of(rule.check(check)));
    }
}
