package dev.autocall.domain.compliance;

import dev.autocall.domain.contact.Contact;

import java.util.Optional;

/**
 * An automated call needs documented voice consent: from a hosted form, or confirmed; an unknown callee has none,
 * and imported or manual contacts must be confirmed first.
 */
final class ConsentRule implements ComplianceRule {
    @Override
    public Optional<ComplianceDecision> check(CallCheck check) {
        boolean consented = check.contact()
                .map(contact -> contact.consent().voice())
                .filter(Contact.Consent::counts)
                .isPresent();
        return consented ? Optional.empty() : Optional.of(new ComplianceDecision.Fail(ComplianceReason.NO_CONSENT));
    }
}
