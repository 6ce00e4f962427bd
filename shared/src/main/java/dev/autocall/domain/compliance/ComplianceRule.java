package dev.autocall.domain.compliance;

import java.util.Optional;

/** One line of the compliance table (docs/workflows.md), kept apart so each rule can be read and tested on its own. */
public interface ComplianceRule {
    /** @return empty when this rule lets the call through at {@code check.at()}, else its FAIL or DEFER */
    Optional<ComplianceDecision> check(CallCheck check);
}
