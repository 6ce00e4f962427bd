package dev.autocall.domain.webhook;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A workspace's signing secrets: the current one and, for a day after a rotation, the one it replaced, so that a
 * receiver has time to deploy the new secret while requests still verify with the old one.
 *
 * @param previous null when there is none; {@code previousUntil} is then null too
 */
public record SigningSecrets(String current, String previous, Instant previousUntil) {
    public static final String PREFIX = "whsec_";
    public static final Duration GRACE = Duration.ofHours(24);
    /** 32 random bytes: within the 24 to 64 the standard asks for. */
    static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    public SigningSecrets {
        Objects.requireNonNull(current, "current");
        if ((previous == null) != (previousUntil == null)) {
            throw new IllegalArgumentException("a previous secret comes with the end of its grace");
        }
    }

    public static SigningSecrets first() {
        return new SigningSecrets(newSecret(), null, null);
    }

    /** A fresh whsec_ secret. */
    public static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /** The secrets that sign at {@code now}: the current one first, then the previous one while its grace lasts. */
    public List<String> signing(Instant now) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(current);
        if (previous != null && now.isBefore(previousUntil)) {
            secrets.add(previous);
        }
        return List.copyOf(secrets);
    }

    /** A new current secret; the one it replaces keeps signing for {@link #GRACE}. */
    public SigningSecrets rotated(Instant now) {
        return new SigningSecrets(newSecret(), current, now.plus(GRACE));
    }

    public Optional<Instant> previousValidUntil() {
        return Optional.ofNullable(previousUntil);
    }

    /** Never the secrets themselves: a record's default toString would put them in any log that prints one. */
    @Override
    public String toString() {
        return "SigningSecrets[current=" + PREFIX + "…, previousUntil=" + previousUntil + "]";
    }
}
