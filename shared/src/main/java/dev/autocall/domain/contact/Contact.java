package dev.autocall.domain.contact;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A person the business talks to, keyed by E.164 number within a workspace (docs/api.md).
 *
 * @param source how the contact first came in: inbound_call, inbound_sms, api, manual
 */
@JsonIgnoreProperties(value = {"phone", "source", "createdAt"}, allowGetters = true)
public record Contact(
        String phone,
        @JsonSetter(nulls = Nulls.SET) String firstName,
        @JsonSetter(nulls = Nulls.SET) String lastName,
        List<String> tags,
        @JsonSetter(nulls = Nulls.SET) String timeZone,
        Consents consent,
        Channels<Boolean> dnd,
        Channels<Instant> optOut,
        @JsonSetter(contentNulls = Nulls.SKIP) Map<String, Object> fields,
        String source,
        Instant createdAt) {

    public Contact {
        tags = tags == null ? List.of() : List.copyOf(new LinkedHashSet<>(tags));
        consent = consent == null ? new Consents(null, null) : consent;
        dnd = dnd == null ? new Channels<>(false, false)
                : new Channels<>(Boolean.TRUE.equals(dnd.voice()), Boolean.TRUE.equals(dnd.sms()));
        optOut = optOut == null ? new Channels<>(null, null) : optOut;
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static Contact newContact(String phone, String source, Instant at) {
        return new Contact(phone, null, null, List.of(), null, null, null, null, null, source, at);
    }

    public boolean smsOptedOut() {
        return optOut.sms() != null;
    }

    public boolean smsBlocked() {
        return smsOptedOut() || dnd.sms();
    }

    public String displayName() {
        String full = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return full.isEmpty() ? phone : full;
    }

    public Contact withIdentity(String newPhone, String newSource, Instant newCreatedAt) {
        return new Contact(newPhone, firstName, lastName, tags, timeZone, consent, dnd, optOut, fields, newSource, newCreatedAt);
    }

    public Contact withSmsOptOut(Instant at) {
        return new Contact(phone, firstName, lastName, tags, timeZone, consent, dnd,
                new Channels<>(optOut.voice(), at), fields, source, createdAt);
    }

    /** Opted out of automated calls at {@code at} (an IVR's opt-out key); the first opt-out's time is kept. */
    public Contact withVoiceOptOut(Instant at) {
        return optOut.voice() != null ? this : new Contact(phone, firstName, lastName, tags, timeZone, consent, dnd,
                new Channels<>(at, optOut.sms()), fields, source, createdAt);
    }

    public Contact withTag(String tag, boolean present) {
        List<String> next = new ArrayList<>(tags);
        next.remove(tag);
        if (present) {
            next.add(tag);
        }
        return new Contact(phone, firstName, lastName, next, timeZone, consent, dnd, optOut, fields, source, createdAt);
    }

    /** Fills names and fields that an application event carries, without erasing what is known. */
    public Contact mergedWith(Map<String, Object> incoming) {
        if (incoming.isEmpty()) {
            return this;
        }
        Map<String, Object> merged = new LinkedHashMap<>(fields);
        String first = firstName;
        String last = lastName;
        for (Map.Entry<String, Object> e : incoming.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            switch (e.getKey()) {
                case "phone" -> { }
                case "firstName" -> first = String.valueOf(e.getValue());
                case "lastName" -> last = String.valueOf(e.getValue());
                default -> merged.put(e.getKey(), e.getValue());
            }
        }
        return new Contact(phone, first, last, tags, timeZone, consent, dnd, optOut, merged, source, createdAt);
    }

    /** Opt-in evidence for one channel; it counts when it came from a form or was confirmed. */
    public record Consent(String source, Boolean confirmed, Instant at) {
        public boolean counts() {
            return "form".equals(source) || Boolean.TRUE.equals(confirmed);
        }
    }

    public record Consents(@JsonSetter(nulls = Nulls.SET) Consent voice, @JsonSetter(nulls = Nulls.SET) Consent sms) {
    }

    /** A value per channel: voice and SMS are opted in and out separately. */
    public record Channels<T>(T voice, T sms) {
    }
}
