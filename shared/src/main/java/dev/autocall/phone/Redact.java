package dev.autocall.phone;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks anything that looks like a phone number in free text (exception messages) before it is logged. */
public final class Redact {
    /** A run of digits standing alone: digits inside a word (a Twilio sid such as CA1f…) are not numbers. */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w+])\\+?\\d[\\d\\s().-]{6,}\\d(?!\\w)");

    private Redact() {
    }

    public static String phones(String text) {
        if (text == null) {
            return "";
        }
        Matcher m = NUMBER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(PhoneNumbers.mask(m.group().replaceAll("[\\s().-]", ""))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
