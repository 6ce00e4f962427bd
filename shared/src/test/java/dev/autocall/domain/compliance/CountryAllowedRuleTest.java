package dev.autocall.domain.compliance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CountryAllowedRuleTest {
    private final ComplianceRule rule = new CountryAllowedRule();

    @ParameterizedTest(name = "allowed {0}, calling {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            US    | +14155550100  | PASS
            US    | +14165550123  | FAIL COUNTRY_NOT_ALLOWED
            US CA | +14165550123  | PASS
            CA    | +14165550123  | PASS
            CA    | +14155550100  | FAIL COUNTRY_NOT_ALLOWED
            US    | +919876543210 | FAIL COUNTRY_NOT_ALLOWED
            US IN | +919876543210 | PASS
            IN    | +919876543210 | PASS
            us    | +14155550100  | PASS
            US    | +999          | FAIL COUNTRY_NOT_ALLOWED
            """)
    void check_should_allowOnlyListedCountries_when_judgingTheNumbersRegion(String allowed, String to, String expected) {
        // GIVEN: Canada shares +1 with the US; libphonenumber tells them apart by area code (416 is Toronto)
        CallCheck check = Given.call(to, "2026-01-14T20:00:00Z").countries(allowed.split(" ")).check();

        // WHEN
        ComplianceDecision decision = Decisions.of(rule.check(check));

        // THEN
        assertEquals(Decisions.parse(expected), decision);
    }
}
