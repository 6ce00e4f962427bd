package dev.autocall.domain.compliance;

import java.time.Instant;
import java.util.Optional;

/**
 * One number is called at most its cap of times in any rolling 14 days; the request fails rather than waits, so a
 * number is not worked through a backlog of deferred calls.
 */
final class NumberWindowCapRule implements ComplianceRule {
    @Override
    public Optional<ComplianceDecision> check(CallCheck check) {
        Instant periodStart = check.at().minus(ComplianceDefaults.NUMBER_CAP_PERIOD);
        long recent = check.usage().numberCallTimes().stream().filter(time -> time.isAfter(periodStart)).count();
        return recent < check.workspace().compliance().caps().perNumberPer14Days() ? Optional.empty()
                : Optional.of(new ComplianceDecision.Fail(ComplianceReason.NUMBER_WINDOW_CAP));
    }
}
