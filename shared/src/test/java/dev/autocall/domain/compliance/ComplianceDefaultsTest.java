package dev.autocall.domain.compliance;

import dev.autocall.domain.workspace.Workspace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ComplianceDefaultsTest {

    @Test
    void defaults_should_matchWhatAWorkspaceGets_when_itSaysNothingAboutCompliance() {
        // GIVEN
        Workspace workspace = new Workspace("ws", "Acme", List.of(), null, null, true, 1, null, null, null, null);

        // WHEN
        Workspace.Compliance compliance = workspace.compliance();

        // THEN
        assertEquals(ComplianceDefaults.WINDOW, compliance.window().asText());
        assertEquals(ComplianceDefaults.ALLOWED_COUNTRIES, compliance.allowedCountries());
        assertEquals(ComplianceDefaults.CAPS, ComplianceRules.limits(workspace));
        assertEquals(ComplianceDefaults.MAX_DEFERRAL_DAYS, compliance.maxDeferralDays());
    }

    @Test
    void defaults_should_beSpecSection25_when_readAsNumbers() {
        // WHEN / THEN: strict window, US only, 1 a minute, 100 a day, 1 per number a day, 4 per number in 14 days, 7 days
        assertEquals("strict", ComplianceDefaults.WINDOW);
        assertEquals(List.of("US"), ComplianceDefaults.ALLOWED_COUNTRIES);
        assertEquals(new CapStore.Limits(1, 100, 1, 4), ComplianceDefaults.CAPS);
        assertEquals(7, ComplianceDefaults.MAX_DEFERRAL_DAYS);
    }
}
