package dev.autocall.domain.compliance;

import dev.autocall.domain.contact.Contact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConsentRuleTest {
    private static final String TO = "+14155550100";
    private final ComplianceRule rule = new ConsentRule();

    @ParameterizedTest(name = "voice consent from {0}, confirmed {1} → {2}")
    @CsvSource(nullValues = "null", textBlock = """
            form,         false, PASS
            form,         null,  PASS
            form,         true,  PASS
            import,       true,  PASS
            manual,       true,  PASS
            inbound_call, true,  PASS
            import,       false, FAIL NO_CONSENT
            manual,       false, FAIL NO_CONSENT
            inbound_call, false, FAIL NO_CONSENT
            inbound_call, null,  FAIL NO_CONSENT
            api,          false, FAIL NO_CONSENT
            """)
    void check_should_passOnlyFormOrConfirmedConsent_when_theContactHasVoiceConsent(String source, Boolean confirmed,
                                                                                    String expected) {
        // GIVEN
        Contact contact = Contacts.withVoiceConsent(TO, new Contact.Consent(source, confirmed, Contacts.OPTED_IN_AT));
        CallCheck check = Given.call(TO, "2026-01-14T20:00:00Z").contact(contact).check();

        // WHEN
        ComplianceDecision decision = Decisions.of(rule.check(check));

        // THEN
        assertEquals(Decisions.parse(expected), decision);
    }

    @Test
    void check_should_failNoConsent_when_theCalleeIsNotAContact() {
        // GIVEN
        CallCheck check = Given.call(TO, "2026-01-14T20:00:00Z").noContact().check();

        // WHEN / THEN
        assertEquals(new ComplianceDecision.Fail(ComplianceReason.NO_CONSENT), Decisions.of(rule.check(check)));
    }

    @Test
    void check_should_failNoConsent_when_onlyTheSmsChannelHasConsent() {
        // GIVEN: consent is per channel; a form opt-in to texts says nothing about calls
        Contact contact = Contacts.withVoiceConsent(TO, null);
        CallCheck check = Given.call(TO, "2026-01-14T20:00:00Z").contact(contact).check();

        // WHEN / THEN
        assertEquals(new ComplianceDecision.Fail(ComplianceReason.NO_CONSENT), Decisions.of(rule.check(check)));
    }
}
