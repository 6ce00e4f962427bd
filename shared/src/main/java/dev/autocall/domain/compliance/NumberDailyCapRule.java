package dev.autocall.domain.compliance;

import java.time.ZoneId;
import java.util.Optional;

/**
 * One number is called at most its daily cap of times per local day (the day of its first zone, as the cap store
 * counts it); the cap clears at the next local midnight, which the evaluator moves on to the window's opening.
 */
final class NumberDailyCapRule implements ComplianceRule {
    private final CalleeZones zones;

    NumberDailyCapRule(CalleeZones zones) {
        this.zones = zones;
    }

    @Override
    public Optional<ComplianceDecision> check(CallCheck check) {
        if (check.usage().numberToday() < check.workspace().compliance().caps().perNumberPerDay()) {
            return Optional.empty();
        }
        ZoneId zone = zones.dayZone(check.to(), check.contact());
        return Optional.of(new ComplianceDecision.Defer(ComplianceReason.NUMBER_DAILY_CAP,
                check.at().atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant()));
    }
}
