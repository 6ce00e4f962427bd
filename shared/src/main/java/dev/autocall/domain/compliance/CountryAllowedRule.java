package dev.autocall.domain.compliance;

import java.util.Locale;
import java.util.Optional;

/**
 * Calls go only to the countries the workspace lists; the region comes from libphonenumber, because Canada and the
 * US share +1 and only the area code tells them apart.
 */
final class CountryAllowedRule implements ComplianceRule {
    @Override
    public Optional<ComplianceDecision> check(CallCheck check) {
        boolean allowed = CalleeNumber.region(check.to())
                .filter(region -> check.workspace().compliance().allowedCountries().stream()
                        .anyMatch(country -> country != null && country.toUpperCase(Locale.ROOT).equals(region)))
                .isPresent();
        return allowed ? Optional.empty() : Optional.of(new ComplianceDecision.Fail(ComplianceReason.COUNTRY_NOT_ALLOWED));
    }
}
