package dev.autocall.domain.campaign;

import dev.autocall.domain.contact.Contact;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a target's row says about its contact, applied to the contact: the row's values win, the rest is kept. */
final class TargetContacts {
    private TargetContacts() {
    }

    static Contact apply(Contact contact, Target target) {
        Map<String, Object> fields = new LinkedHashMap<>(contact.fields());
        fields.putAll(target.data());
        Contact.Consents consent = contact.consent();
        if (target.voiceConsent() != null) {
            Target.VoiceConsent given = target.voiceConsent();
            consent = new Contact.Consents(new Contact.Consent(given.source(), given.confirmed(), given.at()), consent.sms());
        }
        return new Contact(contact.phone(),
                target.firstName() != null ? target.firstName() : contact.firstName(),
                target.lastName() != null ? target.lastName() : contact.lastName(),
                contact.tags(),
                target.timeZone() != null ? target.timeZone() : contact.timeZone(),
                consent, contact.dnd(), contact.optOut(), fields, contact.source(), contact.createdAt());
    }
}
