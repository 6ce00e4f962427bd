package dev.autocall.local.ports;

import dev.autocall.domain.webhook.WebhookSecrets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link WebhookSecrets} does: one secret per workspace, rotation with a day's grace, no lost rotation. */
abstract class WebhookSecretsContract {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);

    protected WebhookSecrets secrets;
    protected String ws;

    protected abstract WebhookSecrets newSecrets();

    @BeforeEach
    void setUp() {
        secrets = newSecrets();
        ws = "ws_secrets_" + IDS.incrementAndGet();
    }

    @Test
    void signing_should_beEmpty_until_ensureCreatesOneSecret_thatLaterCallsKeep() {
        assertEquals(List.of(), secrets.signing(ws, NOW));

        List<String> created = secrets.ensure(ws, NOW);

        assertEquals(1, created.size());
        assertTrue(created.get(0).startsWith("whsec_"));
        assertEquals(created, secrets.ensure(ws, NOW.plusSeconds(60)));
        assertEquals(created, secrets.signing(ws, NOW.plusSeconds(60)));
    }

    @Test
    void rotate_should_signWithTheNewAndTheOldSecretForADay_thenWithTheNewOneOnly() {
        String old = secrets.ensure(ws, NOW).get(0);

        WebhookSecrets.Rotation rotation = secrets.rotate(ws, NOW);

        assertEquals(Optional.of(NOW.plus(DAY)), rotation.previousValidUntil());
        assertEquals(List.of(rotation.secret(), old), secrets.signing(ws, NOW.plus(DAY).minusSeconds(1)));
        assertEquals(List.of(rotation.secret()), secrets.signing(ws, NOW.plus(DAY)));
        assertEquals(List.of(rotation.secret()), secrets.ensure(ws, NOW.plus(DAY)));
    }

    @Test
    void rotate_should_createTheFirstSecret_withNoPreviousOne_when_theWorkspaceHasNone() {
        WebhookSecrets.Rotation rotation = secrets.rotate(ws, NOW);

        assertEquals(Optional.empty(), rotation.previousValidUntil());
        assertEquals(List.of(rotation.secret()), secrets.signing(ws, NOW));
    }

    @Test
    void secrets_should_belongToOneWorkspace() {
        String mine = secrets.ensure(ws, NOW).get(0);
        String theirs = secrets.ensure(ws + "_b", NOW).get(0);

        secrets.rotate(ws + "_b", NOW);

        assertTrue(!mine.equals(theirs));
        assertEquals(List.of(mine), secrets.signing(ws, NOW));
    }

    @Test
    void ensure_should_giveEveryCallerTheSameSecret_when_manyRunAtOnce() throws Exception {
        List<List<String>> results = Concurrently.run(8, i -> secrets.ensure(ws, NOW));

        assertEquals(1, new HashSet<>(results).size(), "one secret for all");
        assertEquals(results.get(0), secrets.signing(ws, NOW));
    }

    @Test
    void rotate_should_applyEveryRotation_when_twoRunAtOnce() throws Exception {
        String original = secrets.ensure(ws, NOW).get(0);

        List<String> rotated = Concurrently.run(2, i -> secrets.rotate(ws, NOW).secret());

        // One rotation went first and the other rotated its result: its secret is the previous one, still signing.
        List<String> signing = secrets.signing(ws, NOW);
        assertEquals(Set.copyOf(rotated), Set.copyOf(signing), "both new secrets sign; the original " +
                (signing.contains(original) ? "still signs" : "is gone"));
    }
}
