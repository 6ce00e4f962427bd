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

    /** A failure as a log line can hold it: each cause's class and masked message, and where it was thrown. */
    public static String failure(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            out.append(t == failure ? "" : "; caused by ").append(t.getClass().getName());
            if (t.getMessage() != null) {
                out.append(": ").append(phones(t.getMessage()));
            }
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, 8); i++) {
                out.append("\n\tat ").append(frames[i]);
            }
        }
        return out.toString();
    }
}
