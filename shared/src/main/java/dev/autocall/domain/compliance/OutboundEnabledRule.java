package dev.autocall.domain.compliance;

import java.util.Optional;

/** A workspace places no automated calls until outbound calling is enabled after its business verification. */
final class OutboundEnabledRule implements ComplianceRule {
    @Override
    public Optional<ComplianceDecision> check(CallCheck check) {
        return check.workspace().outboundEnabled() ? Optional.empty()
                : Optional.of(new ComplianceDecision.Fail(ComplianceReason.OUTBOUND_DISABLED));
    }
}
