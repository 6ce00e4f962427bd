package dev.autocall.domain.campaign;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of a campaign's audience: the number called, what the row says about the person (it lands in the contact)
 * and the row's other values, which land in the contact's fields and in the target's data.
 *
 * @param phone E.164
 * @param timeZone an IANA zone, or null to take the zone from the number
 * @param voiceConsent null when the row states none
 * @param data the row's other columns in their order; an empty cell is absent
 */
public record Target(String phone, String firstName, String lastName, String timeZone, VoiceConsent voiceConsent,
                     Map<String, String> data) {

    public Target {
        Objects.requireNonNull(phone, "phone");
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** A number alone, as given in a campaign's audience. */
    public static Target of(String phone) {
        return new Target(phone, null, null, null, null, Map.of());
    }

    /** Whether the row says anything about the contact beyond the number. */
    public boolean describesContact() {
        return firstName != null || lastName != null || timeZone != null || voiceConsent != null || !data.isEmpty();
    }

    public Optional<VoiceConsent> consent() {
        return Optional.ofNullable(voiceConsent);
    }

    /**
     * Voice consent as the list states it; whether it lets a call through is the compliance gate's decision
     * (a hosted form's, or confirmed).
     *
     * @param source form, import, manual or inbound_call
     * @param at when it was given; null when the list does not say
     */
    public record VoiceConsent(String source, boolean confirmed, Instant at) {
        public VoiceConsent {
            Objects.requireNonNull(source, "source");
        }
    }
}
