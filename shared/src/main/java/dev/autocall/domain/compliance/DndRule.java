package dev.autocall.domain.compliance;

import java.util.Optional;

/** A contact marked do-not-disturb for voice is never called automatically; SMS DND does not concern calls. */
final class DndRule implements ComplianceRule {
    @Override
    public Optional<ComplianceDecision> check(CallCheck check) {
        boolean dnd = check.contact().map(contact -> contact.dnd().voice()).orElse(false);
        return dnd ? Optional.of(new ComplianceDecision.Fail(ComplianceReason.DND)) : Optional.empty();
    }
}
