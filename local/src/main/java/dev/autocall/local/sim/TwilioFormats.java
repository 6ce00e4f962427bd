package dev.autocall.local.sim;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Values written as Twilio writes them. */
final class TwilioFormats {
    /** "Fri, 18 Oct 2019 17:00:00 +0000": the pattern the Twilio SDK reads resources' dates with. */
    static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);

    private TwilioFormats() {
    }

    static String rfc2822(Instant at) {
        return at == null ? null : RFC_2822.format(at);
    }

    /** A North American number as "(415) 555-0123", as Twilio's *_formatted fields show it; others unchanged. */
    static String formatted(String number) {
        if (number != null && number.matches("\\+1\\d{10}")) {
            return "(" + number.substring(2, 5) + ") " + number.substring(5, 8) + "-" + number.substring(8);
        }
        return number;
    }
}
