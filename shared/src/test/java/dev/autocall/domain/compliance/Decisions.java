package dev.autocall.domain.compliance;

import java.time.Instant;
import java.util.Optional;

/** Reads a decision as the test tables write it: "PASS", "FAIL DND" or "DEFER OUTSIDE_WINDOW 2026-01-15T15:00:00Z". */
final class Decisions {

    private Decisions() {
    }

    static ComplianceDecision parse(String text) {
        String[] parts = text.trim().split("\\s+");
        return switch (parts[0]) {
            case "PASS" -> new ComplianceDecision.Pass();
            case "FAIL" -> new ComplianceDecision.Fail(ComplianceReason.valueOf(parts[1]));
            case "DEFER" -> new ComplianceDecision.Defer(ComplianceReason.valueOf(parts[1]), Instant.parse(parts[2]));
            default -> throw new IllegalArgumentException("not a decision: " + text);
        };
    }

    /** A single rule's answer as a decision: its objection, or PASS when it has none. */
    static ComplianceDecision of(Optional<ComplianceDecision> ruleAnswer) {
        return ruleAnswer.orElseGet(ComplianceDecision.Pass::new);
    }
}
