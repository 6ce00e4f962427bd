package dev.autocall.domain.webhook;

/**
 * Deterministic webhook ids, so that an event emitted again (a redelivered message) is the same delivery: its parts
 * joined by ':', any dot made '_' (a dot would break the dot-delimited content that is signed).
 */
public final class WebhookIds {
    private WebhookIds() {
    }

    public static String of(String... parts) {
        return String.join(":", parts).replace('.', '_');
    }
}
