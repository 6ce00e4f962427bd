package dev.autocall.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.error.InvalidInputException;
import dev.autocall.phone.PhoneNumbers;

import java.net.URI;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/** Checks of a resource as a whole, after it parsed: all before anything is written. */
final class Validation {
    static final int MAX_CUSTOM_FIELDS = 50;
    /**
     * A write lists the contact under each tag it adds and unlists it from each it removes in one transaction of at
     * most 100 items: with 40, a PUT that swaps every tag for another (80 items and the profile) still fits.
     */
    static final int MAX_TAGS = 40;
    private static final Set<String> WINDOW_PROFILES = Set.of("strict", "tcpa", "trai");
    private static final Set<String> CONSENT_SOURCES = Set.of("form", "import", "manual", "inbound_call", "inbound_sms", "api");

    private Validation() {
    }

    static void workspace(Workspace ws) {
        for (int i = 0; i < ws.numbers().size(); i++) {
            PhoneNumbers.requireE164("numbers[" + i + "]", ws.numbers().get(i));
        }
        if (ws.forwarding().number() != null) {
            PhoneNumbers.requireE164("forwarding.number", ws.forwarding().number());
        }
        range("forwarding.ringSeconds", ws.forwarding().ringSeconds(), 5, 600);
        range("voicemail.maxSeconds", ws.voicemail().maxSeconds(), 1, 3600);
        url("voicemail.audioUrl", ws.voicemail().audioUrl());
        range("callsPerSecond", ws.callsPerSecond(), 1, 100);
        url("webhookUrl", ws.webhookUrl());
        if (ws.adminNumber() != null) {
            PhoneNumbers.requireE164("adminNumber", ws.adminNumber());
        }
        if (ws.helpText() != null && ws.helpText().length() > 320) {
            throw new InvalidInputException("helpText", "helpText is longer than 320 characters");
        }
        window(ws.compliance().window());
        Set<String> regions = PhoneNumberUtil.getInstance().getSupportedRegions();
        for (int i = 0; i < ws.compliance().allowedCountries().size(); i++) {
            String country = ws.compliance().allowedCountries().get(i);
            if (country == null || !regions.contains(country)) {
                throw new InvalidInputException("compliance.allowedCountries[" + i + "]",
                        "compliance.allowedCountries[" + i + "]: '" + country + "' is not a two-letter country code such as US or IN");
            }
        }
        Workspace.Caps caps = ws.compliance().caps();
        range("compliance.caps.perMinute", caps.perMinute(), 1, 10_000);
        range("compliance.caps.perDay", caps.perDay(), 1, 1_000_000);
        range("compliance.caps.perNumberPerDay", caps.perNumberPerDay(), 1, 100);
        range("compliance.caps.perNumberPer14Days", caps.perNumberPer14Days(), 1, 1000);
        range("compliance.maxDeferralDays", ws.compliance().maxDeferralDays(), 1, 30);
        if (ws.timeZone() != null) {
            try {
                ZoneId.of(ws.timeZone());
            } catch (DateTimeException e) {
                throw new InvalidInputException("timeZone", "timeZone '" + ws.timeZone()
                        + "' is not an IANA time zone such as America/Chicago");
            }
        }
    }

    private static void window(JsonNode window) {
        String field = "compliance.window";
        if (window.isTextual()) {
            if (!WINDOW_PROFILES.contains(window.asText())) {
                throw new InvalidInputException(field, field + ": '" + window.asText()
                        + "' is not a profile; use strict, tcpa, trai or {\"start\": \"09:00\", \"end\": \"20:00\"}");
            }
            return;
        }
        if (!window.isObject() || !window.path("start").isTextual() || !window.path("end").isTextual() || window.size() != 2) {
            throw new InvalidInputException(field, field + " must be strict, tcpa, trai or {\"start\": \"HH:MM\", \"end\": \"HH:MM\"}");
        }
        try {
            LocalTime start = LocalTime.parse(window.get("start").asText());
            LocalTime end = LocalTime.parse(window.get("end").asText());
            if (!start.isBefore(end)) {
                throw new InvalidInputException(field, field + ": start must be before end");
            }
        } catch (DateTimeException e) {
            throw new InvalidInputException(field, field + ": start and end are local times written HH:MM, e.g. 09:00");
        }
    }

    static void contact(Contact contact) {
        if (contact.timeZone() != null) {
            try {
                ZoneId.of(contact.timeZone());
            } catch (DateTimeException e) {
                throw new InvalidInputException("timeZone", "timeZone '" + contact.timeZone()
                        + "' is not an IANA time zone such as America/Chicago");
            }
        }
        consent("consent.voice", contact.consent().voice());
        consent("consent.sms", contact.consent().sms());
        if (contact.tags().size() > MAX_TAGS) {
            throw new InvalidInputException("tags", "a contact has at most " + MAX_TAGS + " tags, got " + contact.tags().size());
        }
        for (int i = 0; i < contact.tags().size(); i++) {
            String tag = contact.tags().get(i);
            if (tag == null || tag.isBlank() || tag.length() > 64) {
                throw new InvalidInputException("tags[" + i + "]", "tags[" + i + "] must be a non-empty string of at most 64 characters");
            }
        }
        if (contact.fields().size() > MAX_CUSTOM_FIELDS) {
            throw new InvalidInputException("fields", "a contact has at most " + MAX_CUSTOM_FIELDS + " custom fields");
        }
    }

    private static void consent(String field, Contact.Consent consent) {
        if (consent == null) {
            return;
        }
        if (consent.source() == null || !CONSENT_SOURCES.contains(consent.source())) {
            throw new InvalidInputException(field + ".source", field + ".source must be one of " + new java.util.TreeSet<>(CONSENT_SOURCES));
        }
    }

    private static void range(String field, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            throw new InvalidInputException(field, field + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    private static void url(String field, String value) {
        if (value == null) {
            return;
        }
        try {
            URI uri = URI.create(value);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, field + " must be an http(s) URL");
        }
    }
}
