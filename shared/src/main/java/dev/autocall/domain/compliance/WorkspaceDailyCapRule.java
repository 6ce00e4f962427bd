package dev.autocall.domain.compliance;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A workspace places at most its daily cap of calls per UTC day; the cap clears at the next UTC midnight, and the
 * evaluator moves that on to the first instant the window is also open.
 */
final class WorkspaceDailyCapRule implements ComplianceRule {
    @Override
    public Optional<ComplianceDecision> check(CallCheck check) {
        if (check.usage().workspaceToday() < check.workspace().compliance().caps().perDay()) {
            return Optional.empty();
        }
        return Optional.of(new ComplianceDecision.Defer(ComplianceReason.WORKSPACE_DAILY_CAP,
                check.at().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1))));
    }
}
