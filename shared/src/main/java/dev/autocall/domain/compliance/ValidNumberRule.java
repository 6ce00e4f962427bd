package dev.autocall.domain.compliance;

import dev.autocall.phone.PhoneNumbers;

import java.util.Optional;

/** Only a valid E.164 number that can be dialled from abroad reaches the provider; anything else would cost a failed call. */
final class ValidNumberRule implements ComplianceRule {
    @Override
    public Optional<ComplianceDecision> check(CallCheck check) {
        boolean dialable = PhoneNumbers.isE164(check.to())
                && CalleeNumber.parse(check.to()).filter(CalleeNumber.UTIL::canBeInternationallyDialled).isPresent();
        return dialable ? Optional.empty() : Optional.of(new ComplianceDecision.Fail(ComplianceReason.INVALID_NUMBER));
    }
}
