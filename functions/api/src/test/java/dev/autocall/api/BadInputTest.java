package dev.autocall.api;

import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.autocall.api.ApiFixture.json;
import static dev.autocall.testing.SampleWorkspaces.CALLER;
import static dev.autocall.testing.SampleWorkspaces.WORKSPACE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the API does with input it must not guess at: wrong types, nulls, trailing text, sizes, far times. */
class BadInputTest {
    private final ApiFixture f = new ApiFixture();

    // ---- no coercion: the wrong type, null where a value is required, trailing text ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a fraction for a whole number   | {\"callsPerSecond\": 1.5}                    | callsPerSecond",
            "1e400                           | {\"callsPerSecond\": 1e400}                  | callsPerSecond",
            "a number for a string           | {\"name\": 5}                                | name",
            "null for a list                 | {\"numbers\": null}                          | numbers",
            "null for a boolean              | {\"voicemail\": {\"enabled\": null}}         | voicemail.enabled",
            "null for a number               | {\"forwarding\": {\"ringSeconds\": null}}    | forwarding.ringSeconds",
            "null for an object              | {\"compliance\": null}                       | compliance",
            "null in a list                  | {\"numbers\": [null]}                        | numbers[0]",
            "a number out of int range       | {\"callsPerSecond\": 99999999999}            | callsPerSecond",
            "a field twice                   | {\"name\": \"A\", \"name\": \"B\"}           | name"})
    void putWorkspace_should_answer400NamingTheField_when_aValueWouldHaveToBeCoerced(String what, String body, String field) {
        ApiResponse response = f.call("PUT", "/v1/workspace", body);

        assertEquals(400, response.status(), response.body());
        assertEquals(field, json(response).at("/error/field").asText(), response.body());
        assertEquals(SampleWorkspaces.acme(), f.workspaces.find(WORKSPACE_ID).orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a number for a name         | {\"firstName\": 5}                         | firstName",
            "false for a name            | {\"firstName\": false}                     | firstName",
            "booleans and numbers as tags| {\"tags\": [false, 1]}                     | tags[0]",
            "0 for a time                | {\"optOut\": {\"sms\": 0}}                 | optOut.sms",
            "a number for a time         | {\"consent\": {\"sms\": {\"source\": \"form\", \"at\": 1.5}}} | consent.sms.at",
            "1 for a boolean             | {\"dnd\": {\"voice\": 1}}                  | dnd.voice",
            "null for a boolean          | {\"dnd\": {\"voice\": null}}               | dnd.voice",
            "null for the tags           | {\"tags\": null}                           | tags",
            "null for fields             | {\"fields\": null}                         | fields",
            "an infinite custom field    | {\"fields\": {\"x\": 1e400}}               | fields.x",
            "a nested infinite field     | {\"fields\": {\"x\": {\"y\": [1, -1e999]}}} | fields.x.y[1]",
            "a field twice               | {\"consent\": {\"sms\": {\"source\": \"form\", \"source\": \"api\"}}} | consent.sms.source"})
    void putContact_should_answer400NamingTheField_when_aValueWouldHaveToBeCoerced(String what, String body, String field) {
        ApiResponse response = f.call("PUT", "/v1/contacts/" + CALLER, body);

        assertEquals(400, response.status(), response.body());
        assertEquals(field, json(response).at("/error/field").asText(), response.body());
        assertEquals(Optional.empty(), f.contacts.find(WORKSPACE_ID, CALLER));
    }

    @Test
    void putContact_should_acceptNull_forTheFieldsDocumentedAsNullable() {
        ApiResponse response = f.call("PUT", "/v1/contacts/" + CALLER, """
                {"firstName": null, "lastName": null, "timeZone": null,
                 "consent": {"voice": null, "sms": {"source": "form", "at": null}},
                 "optOut": {"voice": null, "sms": null}, "fields": {"gone": null, "kept": 1}}""");

        assertEquals(200, response.status(), response.body());
        Contact stored = f.contacts.find(WORKSPACE_ID, CALLER).orElseThrow();
        assertEquals(Map.of("kept", 1), stored.fields());
        assertEquals("form", stored.consent().sms().source());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "PUT  | /v1/contacts/+14155550123 | {\"firstName\": \"A\"} xyz",
            "PUT  | /v1/contacts/+14155550123 | {\"firstName\": \"A\"} {}",
            "PUT  | /v1/workspace             | {} []",
            "POST | /v1/events                | {\"id\": \"1\", \"type\": \"lead.created\", \"contact\": {\"phone\": \"+14155550123\"}} x",
            "POST | /v1/compliance/preflight  | {\"to\": \"+14155550123\"} 1"})
    void handle_should_answer400_when_textFollowsTheJsonDocument(String method, String path, String body) {
        ApiResponse response = f.call(method, path, body);

        assertEquals(400, response.status(), response.body());
        assertEquals("invalid_input", json(response).at("/error/code").asText());
        assertEquals(List.of(), f.events.published());
        assertEquals(Optional.empty(), f.contacts.find(WORKSPACE_ID, CALLER));
    }

    // ---- events: nulls inside data and contact mean "no value" ----

    @Test
    void postEvent_should_dropNulls_insideContactAndData_atAnyDepth() {
        ApiResponse response = f.call("POST", "/v1/events", """
                {"id": "r1", "type": "lead.created",
                 "contact": {"phone": "+14155550123", "company": null, "firstName": null},
                 "data": {"source": null, "utm": {"campaign": null, "medium": "cpc"}, "kept": 1}}""");

        assertEquals(202, response.status(), response.body());
        DomainEvent event = f.events.published().get(0);
        assertEquals(Map.of("utm", Map.of("medium", "cpc"), "kept", 1), event.data());
        assertEquals(Map.of("phone", CALLER), event.contact());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "null in a list        | \"data\": {\"items\": [1, null]}  | data.items[1]",
            "an infinite number    | \"data\": {\"x\": 1e400}          | data.x",
            "a number as firstName | \"contact\": {\"phone\": \"+14155550123\", \"firstName\": 5} | contact.firstName",
            "a list as lastName    | \"contact\": {\"phone\": \"+14155550123\", \"lastName\": [\"x\"]} | contact.lastName",
            "data twice            | \"data\": {}, \"data\": {}          | data"})
    void postEvent_should_answer400NamingTheField_when_aValueIsNotAllowed(String what, String part, String field) {
        String body = "{\"id\": \"r1\", \"type\": \"lead.created\", "
                + (part.contains("\"contact\"") ? "" : "\"contact\": {\"phone\": \"+14155550123\"}, ") + part + "}";

        ApiResponse response = f.call("POST", "/v1/events", body);

        assertEquals(400, response.status(), response.body());
        assertEquals(field, json(response).at("/error/field").asText(), response.body());
        assertEquals(List.of(), f.events.published());
    }

    // ---- sizes ----

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "PUT  | /v1/workspace             | 32768",
            "PUT  | /v1/contacts/+14155550123 | 32768",
            "PUT  | /v1/workflows/big         | 65536",
            "POST | /v1/events                | 65536"})
    void handle_should_answer413WithTheErrorShape_when_theBodyIsOverItsLimit(String method, String path, int limit) {
        String body = "{\"name\": \"" + "x".repeat(limit) + "\"}";

        ApiResponse response = f.call(method, path, body);

        assertEquals(413, response.status(), response.body());
        assertEquals("too_large", json(response).at("/error/code").asText());
        assertTrue(json(response).at("/error/message").asText().contains(limit / 1024 + " KB"), response.body());
        assertEquals(List.of(), f.events.published());
    }

    @Test
    void putContact_should_acceptABodyJustUnderItsLimit() {
        String body = "{\"fields\": {\"notes\": \"" + "x".repeat(32_000) + "\"}}";

        assertEquals(200, f.call("PUT", "/v1/contacts/" + CALLER, body).status());
    }

    @Test
    void postEvent_should_answer413_when_mergingItsContactFieldsWouldMakeTheContactTooLarge() {
        // GIVEN a stored contact of 30 KB
        assertEquals(200, f.call("PUT", "/v1/contacts/" + CALLER,
                "{\"fields\": {\"notes\": \"" + "x".repeat(30_000) + "\"}}").status());

        // WHEN an event brings another 5 KB of contact fields
        ApiResponse response = f.call("POST", "/v1/events", "{\"id\": \"e1\", \"type\": \"lead.created\", "
                + "\"contact\": {\"phone\": \"" + CALLER + "\", \"history\": \"" + "y".repeat(5_000) + "\"}}");

        // THEN
        assertEquals(413, response.status(), response.body());
        assertEquals("contact", json(response).at("/error/field").asText());
        assertEquals(List.of(), f.events.published());
    }

    @Test
    void postEvent_should_answer400_when_mergingItsContactFieldsWouldGoOverFiftyFields() {
        StringBuilder stored = new StringBuilder("{\"fields\": {");
        for (int i = 0; i < 45; i++) {
            stored.append(i == 0 ? "" : ", ").append("\"f").append(i).append("\": ").append(i);
        }
        assertEquals(200, f.call("PUT", "/v1/contacts/" + CALLER, stored.append("}}").toString()).status());
        StringBuilder contact = new StringBuilder("{\"phone\": \"" + CALLER + "\"");
        for (int i = 0; i < 6; i++) {
            contact.append(", \"g").append(i).append("\": ").append(i);
        }

        ApiResponse response = f.call("POST", "/v1/events",
                "{\"id\": \"e1\", \"type\": \"lead.created\", \"contact\": " + contact + "}}");

        assertEquals(400, response.status(), response.body());
        assertEquals("contact", json(response).at("/error/field").asText());
        assertEquals(List.of(), f.events.published());
    }

    // ---- preflight: a time within reach ----

    @ParameterizedTest(name = "{0}")
    @CsvSource({"+999999999-12-31T10:00:00Z", "-999999999-01-01T00:00:00Z", "2027-11-04T15:00:00Z", "2025-10-31T15:00:00Z"})
    void preflight_should_answer400NamingAt_when_atIsMoreThan366DaysAway(String at) {
        ApiResponse response = f.call("POST", "/v1/compliance/preflight",
                "{\"to\": \"+13125550144\", \"at\": \"" + at + "\"}");

        assertEquals(400, response.status(), response.body());
        assertEquals("at", json(response).at("/error/field").asText());
    }

    @Test
    void preflight_should_answer_when_atIsWithin366Days() {
        ApiResponse response = f.call("POST", "/v1/compliance/preflight",
                "{\"to\": \"+13125550144\", \"at\": \"2027-11-02T15:00:00Z\"}");

        assertEquals(200, response.status(), response.body());
        assertFalse(json(response).path("decision").asText().isEmpty());
    }
}
