package dev.autocall.domain.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.error.InvalidInputException;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One element of a JSON list of targets: a number, or an object with the CSV's column names (exact case), voice
 * consent as {@code voiceConsent: {source, confirmed, at}} like a contact's, and any other string field as data.
 */
final class TargetObjects {
    private static final Set<String> KNOWN = Set.of("phone", "firstName", "lastName", "timeZone", "voiceConsent");
    private static final Set<String> CONSENT_FIELDS = Set.of("source", "confirmed", "at");

    private TargetObjects() {
    }

    /** The element's number as written, for the answer's list of refused rows; null when it has none as text. */
    static String phoneText(JsonNode element) {
        JsonNode phone = element.isObject() ? element.get("phone") : element;
        return phone != null && phone.isTextual() ? phone.textValue() : null;
    }

    static Target target(JsonNode element) {
        if (element.isTextual()) {
            return Target.of(TargetValues.phone(element.textValue()));
        }
        if (!element.isObject()) {
            throw new InvalidInputException("targets", "each element is a phone number or an object with a phone, "
                    + "not " + element.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        String phone = TargetValues.phone(string(element, "phone"));
        String firstName = TargetValues.text("firstName", string(element, "firstName"), false);
        String lastName = TargetValues.text("lastName", string(element, "lastName"), false);
        String timeZone = TargetValues.timeZone(string(element, "timeZone"));
        Target.VoiceConsent consent = consent(element.get("voiceConsent"));
        return new Target(phone, firstName, lastName, timeZone, consent, data(element));
    }

    private static Map<String, String> data(JsonNode element) {
        Map<String, String> data = new LinkedHashMap<>();
        for (Iterator<String> names = element.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (KNOWN.contains(name)) {
                continue;
            }
            if (name.startsWith("voiceConsent")) {
                throw new InvalidInputException("voiceConsent", TargetValues.quoted(name) + ": in JSON, write voice consent as "
                        + "\"voiceConsent\": {\"source\", \"confirmed\", \"at\"}");
            }
            String shownName = TargetValues.quoted(name);
            if (!shownName.equals(name) || name.isBlank() || name.length() > TargetColumns.MAX_NAME_LENGTH) {
                throw new InvalidInputException("data", "the field name '" + shownName + "' must be printable, "
                        + "not blank and at most " + TargetColumns.MAX_NAME_LENGTH + " characters");
            }
            String value = TargetValues.text(name, string(element, name), true);
            if (value != null) {
                data.put(name, value);
            }
        }
        if (data.size() > TargetColumns.MAX_DATA_COLUMNS) {
            throw new InvalidInputException("data", "an element has at most " + TargetColumns.MAX_DATA_COLUMNS
                    + " fields besides phone, firstName, lastName, timeZone and voiceConsent");
        }
        return data;
    }

    private static Target.VoiceConsent consent(JsonNode consent) {
        if (consent == null || consent.isNull()) {
            return null;
        }
        if (!consent.isObject()) {
            throw new InvalidInputException("voiceConsent", "voiceConsent must be an object: {\"source\", \"confirmed\", \"at\"}");
        }
        for (Iterator<String> names = consent.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!CONSENT_FIELDS.contains(name)) {
                throw new InvalidInputException("voiceConsent", "voiceConsent has source, confirmed and at, not '"
                        + TargetValues.quoted(name) + "'");
            }
        }
        JsonNode confirmed = consent.get("confirmed");
        if (confirmed != null && !confirmed.isNull() && !confirmed.isBoolean()) {
            throw new InvalidInputException("voiceConsent.confirmed", "voiceConsent.confirmed must be true or false");
        }
        return new Target.VoiceConsent(
                TargetValues.consentSource("voiceConsent.source", string(consent, "source")),
                confirmed != null && confirmed.booleanValue(),
                TargetValues.at("voiceConsent.at", string(consent, "at")));
    }

    /** A string field's value, null when absent or null; any other type is refused rather than turned into text. */
    private static String string(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(field, TargetValues.quoted(field) + " must be a string");
        }
        return value.textValue();
    }
}
