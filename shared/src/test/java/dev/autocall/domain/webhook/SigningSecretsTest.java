package dev.autocall.domain.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SigningSecretsTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void newSecret_should_beWhsecAndBase64Of32RandomBytes() {
        String secret = SigningSecrets.newSecret();

        assertTrue(secret.startsWith("whsec_"), secret.substring(0, 6));
        assertEquals(32, Base64.getDecoder().decode(secret.substring(6)).length);
        assertNotEquals(secret, SigningSecrets.newSecret());
    }

    @Test
    void rotated_should_signWithBothSecrets_forADay_thenWithTheNewOneOnly() {
        SigningSecrets before = SigningSecrets.first();

        SigningSecrets after = before.rotated(NOW);

        assertEquals(List.of(after.current(), before.current()), after.signing(NOW));
        assertEquals(List.of(after.current(), before.current()), after.signing(NOW.plus(Duration.ofHours(24)).minusSeconds(1)));
        assertEquals(List.of(after.current()), after.signing(NOW.plus(Duration.ofHours(24))));
        assertEquals(Optional.of(NOW.plus(Duration.ofHours(24))), after.previousValidUntil());
    }

    @Test
    void toString_should_notShowTheSecrets() {
        SigningSecrets secrets = SigningSecrets.first().rotated(NOW);

        assertFalse(secrets.toString().contains(secrets.current().substring(6)));
        assertFalse(secrets.toString().contains(secrets.previous().substring(6)));
    }
}
