package dev.autocall.domain.campaign;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One person a campaign calls, as a row of its audience gave them: the contact's fields to keep, and the data the
 * action's templates read.
 */
public record Target(String phone, String firstName, String lastName, String timeZone, VoiceConsent voiceConsent,
                     Map<String, String> data) {
    public Target {
        Objects.requireNonNull(phone, "phone");
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    public static Target of(String phone) {
        return new Target(phone, null, null, null, null, Map.of());
    }

    /** Whether the row says anything about the contact beyond the number. */
    public boolean describesContact() {
        return firstName != null || lastName != null || timeZone != null || voiceConsent != null || !data.isEmpty();
    }

    public record VoiceConsent(String source, boolean confirmed, Instant at) {
    }
}
