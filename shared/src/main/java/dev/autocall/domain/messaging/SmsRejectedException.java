package dev.autocall.domain.messaging;

/** The provider refused a message for a reason that a retry cannot fix (e.g. invalid or unsubscribed number). */
public final class SmsRejectedException extends RuntimeException {
    private final int providerCode;

    public SmsRejectedException(int providerCode, String message) {
        super(message);
        this.providerCode = providerCode;
    }

    public int providerCode() {
        return providerCode;
    }
}
