package dev.autocall.domain.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.workspace.Workspace;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * A call check as the rule tests describe it: by default a verified workspace with the documented defaults (strict window,
 * US only, caps 1/100/1/4), a contact who opted in on a form, a transactional call, nothing used, 7 days to go.
 */
record Given(boolean outboundEnabled, JsonNode window, List<String> countries, Workspace.Caps caps, String to,
             Optional<Contact> contact, String purpose, Instant at, CapUsage usage, Instant deadline) {

    static Given call(String to, String at) {
        Instant instant = Instant.parse(at);
        return new Given(true, TextNode.valueOf("strict"), List.of("US"), new Workspace.Caps(1, 100, 1, 4), to,
                Optional.of(Contacts.consenting(to)), "transactional", instant, CapUsage.NONE,
                instant.plus(7, ChronoUnit.DAYS));
    }

    Given to(String number) {
        return new Given(outboundEnabled, window, countries, caps, number, contact, purpose, at, usage, deadline);
    }

    Given outbound(boolean enabled) {
        return new Given(enabled, window, countries, caps, to, contact, purpose, at, usage, deadline);
    }

    /** A profile name ("strict") or a custom window as JSON ({"start": "09:00", "end": "20:00"}). */
    Given window(String profileOrJson) {
        return new Given(outboundEnabled, json(profileOrJson), countries, caps, to, contact, purpose, at, usage, deadline);
    }

    Given countries(String... allowed) {
        return new Given(outboundEnabled, window, List.of(allowed), caps, to, contact, purpose, at, usage, deadline);
    }

    Given caps(int perMinute, int perDay, int perNumberPerDay, int perNumberPer14Days) {
        return new Given(outboundEnabled, window, countries,
                new Workspace.Caps(perMinute, perDay, perNumberPerDay, perNumberPer14Days), to, contact, purpose, at, usage, deadline);
    }

    Given contact(Contact newContact) {
        return new Given(outboundEnabled, window, countries, caps, to, Optional.of(newContact), purpose, at, usage, deadline);
    }

    Given noContact() {
        return new Given(outboundEnabled, window, countries, caps, to, Optional.empty(), purpose, at, usage, deadline);
    }

    /** The contact's explicit time zone; blank keeps the number's zones. */
    Given timeZone(String zone) {
        return zone == null || zone.isBlank() ? this : contact(Contacts.withTimeZone(contact.orElseThrow(), zone));
    }

    Given purpose(String newPurpose) {
        return new Given(outboundEnabled, window, countries, caps, to, contact, newPurpose, at, usage, deadline);
    }

    Given usage(int workspaceThisMinute, int workspaceToday, int numberToday, Instant... numberCallTimes) {
        return new Given(outboundEnabled, window, countries, caps, to, contact, purpose, at,
                new CapUsage(workspaceThisMinute, workspaceToday, numberToday, List.of(numberCallTimes)), deadline);
    }

    Given deadline(String newDeadline) {
        return new Given(outboundEnabled, window, countries, caps, to, contact, purpose, at, usage, Instant.parse(newDeadline));
    }

        Workspace workspace() {
        return new Workspace("ws_acme", "Acme Plumbing", List.of("+14155550100"), null, null, outboundEnabled, 1, null,
                null, null, new Workspace.Compliance(window, countries, caps, 7));
    }

    CallCheck check() {
        return new CallCheck(workspace(), to, contact, purpose, at, usage, deadline);
    }

    private static JsonNode json(String profileOrJson) {
        if (!profileOrJson.trim().startsWith("{")) {
            return TextNode.valueOf(profileOrJson.trim());
        }
        try {
            return new ObjectMapper().readTree(profileOrJson);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
