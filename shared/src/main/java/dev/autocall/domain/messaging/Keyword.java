package dev.autocall.domain.messaging;

import java.util.Locale;
import java.util.Set;

/** The carrier keywords an inbound SMS can be (docs/workflows.md); anything else is an ordinary reply. */
public enum Keyword {
    STOP, START, HELP, NONE;

    private static final Set<String> STOP_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT");
    private static final Set<String> START_WORDS = Set.of("START", "UNSTOP", "YES");
    private static final Set<String> HELP_WORDS = Set.of("HELP", "INFO");

    /** The whole message, trimmed and case-folded, must be the keyword: "please stop by" is a reply. */
    public static Keyword of(String body) {
        if (body == null) {
            return NONE;
        }
        String word = body.strip().replaceAll("[.!]+$", "").toUpperCase(Locale.ROOT);
        if (STOP_WORDS.contains(word)) {
            return STOP;
        }
        if (START_WORDS.contains(word)) {
            return START;
        }
        if (HELP_WORDS.contains(word)) {
            return HELP;
        }
        return NONE;
    }
}
