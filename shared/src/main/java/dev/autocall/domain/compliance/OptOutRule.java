package dev.autocall.domain.compliance;

import java.util.Optional;

/** Someone who opted out of calls (IVR key, API, "stop calling me") is not called again; an SMS STOP does not concern calls. */
final class OptOutRule implements ComplianceRule {
    @Override
    public Optional<ComplianceDecision> check(CallCheck check) {
        boolean optedOut = check.contact().map(contact -> contact.optOut().voice() != null).orElse(false);
        return optedOut ? Optional.of(new ComplianceDecision.Fail(ComplianceReason.OPTED_OUT)) : Optional.empty();
    }
}
