package dev.autocall.local.sim;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Twilio-shaped sids: a two-letter prefix and 32 hex digits. */
final class Ids {
    private final SecureRandom random = new SecureRandom();

    String next(String prefix) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
