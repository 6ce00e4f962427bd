package dev.autocall.domain.compliance;

import dev.autocall.domain.contact.Contact;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Contacts for the rule tests, each differing from a consenting one in the one way a test is about. */
final class Contacts {
    static final Instant OPTED_IN_AT = Instant.parse("2025-12-01T12:00:00Z");

    private Contacts() {
    }

    /** Opted in to calls and texts on a hosted form; no DND, no opt-out, no explicit time zone. */
    static Contact consenting(String phone) {
        Contact.Consent form = new Contact.Consent("form", false, OPTED_IN_AT);
        return contact(phone, null, new Contact.Consents(form, form), new Contact.Channels<>(false, false),
                new Contact.Channels<>(null, null));
    }

    static Contact withVoiceConsent(String phone, Contact.Consent voice) {
        Contact.Consent form = new Contact.Consent("form", false, OPTED_IN_AT);
        return contact(phone, null, new Contact.Consents(voice, form), new Contact.Channels<>(false, false),
                new Contact.Channels<>(null, null));
    }

    static Contact withDnd(String phone, boolean voice, boolean sms) {
        Contact c = consenting(phone);
        return contact(phone, null, c.consent(), new Contact.Channels<>(voice, sms), c.optOut());
    }

    static Contact withOptOut(String phone, Instant voice, Instant sms) {
        Contact c = consenting(phone);
        return contact(phone, null, c.consent(), c.dnd(), new Contact.Channels<>(voice, sms));
    }

    /** Both DND and opted out of calls: which reason wins is a question of rule order. */
    static Contact withDndAndOptOut(String phone, Instant optedOutAt) {
        Contact c = consenting(phone);
        return contact(phone, null, c.consent(), new Contact.Channels<>(true, false), new Contact.Channels<>(optedOutAt, null));
    }

    static Contact withTimeZone(Contact c, String zone) {
        return contact(c.phone(), zone, c.consent(), c.dnd(), c.optOut());
    }

    private static Contact contact(String phone, String timeZone, Contact.Consents consent, Contact.Channels<Boolean> dnd,
                                   Contact.Channels<Instant> optOut) {
        return new Contact(phone, "Dana", "Reyes", List.of(), timeZone, consent, dnd, optOut, Map.of(), "api", OPTED_IN_AT);
    }
}
