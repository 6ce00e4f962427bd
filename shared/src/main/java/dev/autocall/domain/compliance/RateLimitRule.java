package dev.autocall.domain.compliance;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** A workspace places at most its per-minute cap of calls in each UTC minute, so a campaign cannot burst. */
final class RateLimitRule implements ComplianceRule {
    @Override
    public Optional<ComplianceDecision> check(CallCheck check) {
        if (check.usage().workspaceThisMinute() < check.workspace().compliance().caps().perMinute()) {
            return Optional.empty();
        }
        return Optional.of(new ComplianceDecision.Defer(ComplianceReason.RATE_LIMITED,
                check.at().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1))));
    }
}
