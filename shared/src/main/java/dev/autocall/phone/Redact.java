package dev.autocall.phone;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * Masks the phone numbers in free text (exception messages) before it is logged. libphonenumber's own finder
 * decides what is a number, so dates, instants, Twilio sids, request ids and epoch milliseconds stay readable.
 */
public final class Redact {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** National numbers are read as US ones: the product's numbers are, and a "+" number is found anywhere. */
    private static final String DEFAULT_REGION = "US";

    private Redact() {
    }

    public static String phones(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (PhoneNumberMatch match : UTIL.findNumbers(text, DEFAULT_REGION, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
            out.append(text, copied, match.start()).append(PhoneNumbers.mask(digits(match.rawString())));
            copied = match.end();
        }
        return out.append(text, copied, text.length()).toString();
    }

    /**
     * A failure for the log, numbers masked: each exception of the cause chain with its message and the frame
     * that threw it, so a log line says why and where without a stack trace's worth of unmasked messages.
     */
    public static String failure(Throwable failure) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 8; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (depth > 0) {
                out.append("; caused by ");
            }
            out.append(t.getClass().getSimpleName()).append(": ").append(phones(t.getMessage()));
            if (t.getStackTrace().length > 0) {
                out.append(" (at ").append(t.getStackTrace()[0]).append(')');
            }
        }
        return out.toString();
    }

    /** "(415) 555-0123" → "4155550123": the mask keeps the ends of the number, not of its punctuation. */
    private static String digits(String raw) {
        String digits = raw.replaceAll("\\D", "");
        return raw.startsWith("+") ? "+" + digits : digits;
    }
}
