package dev.autocall.domain.campaign;

import dev.autocall.error.InvalidInputException;
import dev.autocall.phone.PhoneNumbers;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The checks of one target's values, the same for a CSV row and a JSON element; each refusal names its field. */
final class TargetValues {
    static final int MAX_VALUE_LENGTH = 500;
    static final List<String> CONSENT_SOURCES = List.of("form", "import", "manual", "inbound_call");
    // A copy per call in the JDK: read once.
    private static final Set<String> ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());

    private TargetValues() {
    }

    static String phone(String raw) {
        String value = text("phone", raw, false);
        if (value == null) {
            throw new InvalidInputException("phone", "phone is empty: write the number in E.164, e.g. +14155550123");
        }
        if (!value.startsWith("+")) {
            // What a spreadsheet makes of "+1415...": the + and the country code are what a number needs to be dialed.
            throw new InvalidInputException("phone", "phone '" + quoted(value)
                    + "' has no + and country code: write it in E.164, e.g. +14155550123");
        }
        return PhoneNumbers.requireE164("phone", value);
    }

    /** Trimmed, printable, at most 500 characters; null when empty. Only data values may span lines. */
    static String text(String field, String raw, boolean multiline) {
        if (raw == null) {
            return null;
        }
        String value = raw.strip();
        if (value.isEmpty()) {
            return null;
        }
        if (value.codePointCount(0, value.length()) > MAX_VALUE_LENGTH) {
            throw new InvalidInputException(field, field + " is longer than " + MAX_VALUE_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i += Character.charCount(value.codePointAt(i))) {
            int c = value.codePointAt(i);
            boolean lineBreakOrTab = c == '\n' || c == '\r' || c == '\t';
            if (lineBreakOrTab && !multiline) {
                throw new InvalidInputException(field, field + " must be on one line");
            }
            if (!lineBreakOrTab && !visible(c)) {
                throw new InvalidInputException(field, field + " holds a control or invalid character at position "
                        + (value.codePointCount(0, i) + 1) + "; remove it");
            }
        }
        return value;
    }

    static String timeZone(String raw) {
        String value = text("timeZone", raw, false);
        if (value != null && !ZONES.contains(value)) {
            throw new InvalidInputException("timeZone", "timeZone '" + quoted(value)
                    + "' is not an IANA time zone such as America/Chicago");
        }
        return value;
    }

    static String consentSource(String field, String raw) {
        String value = text(field, raw, false);
        if (value == null || !CONSENT_SOURCES.contains(value)) {
            throw new InvalidInputException(field, field + (value == null ? " is empty" : " '" + quoted(value) + "' is unknown")
                    + ": use one of " + String.join(", ", CONSENT_SOURCES));
        }
        return value;
    }

    /** true or false in any case (a spreadsheet writes TRUE); empty is false. */
    static boolean confirmed(String field, String raw) {
        String value = text(field, raw, false);
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidInputException(field, field + " '" + quoted(value) + "' must be true or false");
        };
    }

    static Instant at(String field, String raw) {
        String value = text(field, raw, false);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeException e) {
            throw new InvalidInputException(field, field + " '" + quoted(value)
                    + "' is not an ISO-8601 instant such as 2026-11-02T15:04:05Z");
        }
    }

    /**
     * The caller's value as it can be sent back: cut short, with anything a UTF-8 answer cannot carry (half a
     * surrogate pair) or a reader cannot see (controls) shown as U+FFFD. Null when empty.
     */
    static String shown(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return quoted(raw.strip());
    }

    static String quoted(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), 42));
        int count = 0;
        for (int i = 0; i < value.length(); i += Character.charCount(value.codePointAt(i))) {
            if (count++ == 40) {
                return out.append('…').toString();
            }
            int c = value.codePointAt(i);
            out.appendCodePoint(visible(c) ? c : 0xFFFD);
        }
        return out.toString();
    }

    /** Not a control, a line or paragraph separator, a byte-order mark, a noncharacter or half a surrogate pair. */
    private static boolean visible(int c) {
        boolean nonCharacter = (c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF);
        return !Character.isISOControl(c) && Character.getType(c) != Character.SURROGATE && !nonCharacter
                && c != 0x2028 && c != 0x2029 && c != 0xFEFF;
    }
}
