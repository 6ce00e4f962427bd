package dev.autocall.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.autocall.error.InvalidInputException;

/** E.164 parsing with libphonenumber, and masking so that logs never hold a whole number. */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * Returns the number in E.164 form, or throws naming the field when it is not a valid number.
     * Input must already be international ("+" and country code): a bare national number is ambiguous.
     */
    public static String requireE164(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException(field, field + " is required: a phone number in E.164 form, e.g. +14155550100");
        }
        String trimmed = raw.trim();
        if (validNorthAmerican(trimmed)) {
            return trimmed;
        }
        if (!trimmed.startsWith("+")) {
            throw new InvalidInputException(field, field + " '" + quoted(trimmed)
                    + "' is not in E.164 form: start with + and the country code, e.g. +14155550100");
        }
        try {
            PhoneNumber number = UTIL.parse(trimmed, null);
            if (!UTIL.isValidNumber(number)) {
                throw new InvalidInputException(field, field + " '" + quoted(trimmed) + "' is not a valid phone number");
            }
            String e164 = UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            if (!e164.equals(trimmed)) {
                throw new InvalidInputException(field, field + " '" + quoted(trimmed)
                        + "' must be written in E.164 form without spaces or punctuation, e.g. " + e164);
            }
            if (e164.length() > 16) {
                // libphonenumber calls some longer national numbers valid (Germany's, up to 17 digits); no carrier
                // dials more than E.164's 15.
                throw new InvalidInputException(field, field + " '" + quoted(trimmed)
                        + "' has more than 15 digits, the most an E.164 number can have");
            }
            return e164;
        } catch (NumberParseException e) {
            throw new InvalidInputException(field, field + " '" + quoted(trimmed) + "' is not a phone number: " + e.getMessage());
        }
    }

    /**
     * The common case without {@code parse()}, whose generic patterns (punctuation, extensions) cost about 15 µs a
     * number, which a 100,000-row campaign list feels: +1 and ten digits, the first 2-9, is the number parse() would
     * read (it strips nothing from it), so the answer is the same. Anything else takes the full path.
     */
    private static boolean validNorthAmerican(String s) {
        if (s.length() != 12 || s.charAt(0) != '+' || s.charAt(1) != '1' || s.charAt(2) < '2' || s.charAt(2) > '9') {
            return false;
        }
        for (int i = 3; i < 12; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return UTIL.isValidNumber(new PhoneNumber().setCountryCode(1).setNationalNumber(Long.parseLong(s, 2, 12, 10)));
    }

    /**
     * The caller's own input, quoted unmasked in the message that goes back to that caller (whoever logs such a
     * message masks it with {@link Redact}), cut short so that a huge value does not make a huge answer, and with
     * anything but printable ASCII shown as U+FFFD (half a surrogate pair, above all, which no UTF-8 response can carry).
     */
    private static String quoted(String raw) {
        StringBuilder out = new StringBuilder(Math.min(raw.length(), 41));
        raw.chars().limit(40).forEach(c -> out.append(c >= 0x20 && c < 0x7F ? (char) c : '\uFFFD'));
        return raw.length() <= 40 ? out.toString() : out + "…";
    }

    public static boolean isE164(String raw) {
        try {
            requireE164("number", raw);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    /** "+14155550123" → "+1415•••0123": enough to tell calls apart in logs, not enough to dial. */
    public static String mask(String number) {
        if (number == null) {
            return "null";
        }
        if (number.length() <= 6) {
            return "•".repeat(number.length());
        }
        int keepEnd = 4;
        // At least three hidden digits, also for national numbers that Redact finds in free text.
        int keepStart = Math.max(0, Math.min(5, number.length() - keepEnd - 3));
        return number.substring(0, keepStart) + "•".repeat(number.length() - keepStart - keepEnd)
                + number.substring(number.length() - keepEnd);
    }
}
