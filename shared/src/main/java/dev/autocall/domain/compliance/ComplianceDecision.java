package dev.autocall.domain.compliance;

import java.time.Instant;

/** The gate's answer for one call at one instant. */
public sealed interface ComplianceDecision {
    String decision();

    /** The call may be placed now. */
    record Pass() implements ComplianceDecision {
        public String decision() {
            return "PASS";
        }
    }

    /** Not now; every rule that can clear by waiting is clear at {@code nextAllowedAt}. */
    record Defer(ComplianceReason reason, Instant nextAllowedAt) implements ComplianceDecision {
        public String decision() {
            return "DEFER";
        }
    }

    /** Never: a failed request is not retried. */
    record Fail(ComplianceReason reason) implements ComplianceDecision {
        public String decision() {
            return "FAIL";
        }
    }
}
