package dev.autocall.domain.workflow;

import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FilterTest {
    private static final Instant NOW = Instant.parse("2026-11-02T15:00:00Z");

    private static final TemplateContext CONTEXT = TemplateContext.of(
            new Contact(SampleWorkspaces.CALLER, "Dana", "Reyes", List.of("lead", "vip"), null, null, null, null,
                    Map.of("city", "Oakland"), "api", NOW),
            new DomainEvent("api:1", "lead.created", SampleWorkspaces.WORKSPACE_ID, NOW, SampleWorkspaces.CALLER, null,
                    Map.of("source", "web form", "amount", 250, "note", ""), Map.of()),
            SampleWorkspaces.acme());

    @ParameterizedTest(name = "{0} {1} {2} → {3}")
    @CsvSource(nullValues = "NULL", value = {
            "data.source,      equals,      web form, true",
            "data.source,      equals,      web,      false",
            "data.amount,      equals,      250,      true",
            "data.missing,     equals,      x,        false",
            "data.source,      notEquals,   phone,    true",
            "data.source,      notEquals,   web form, false",
            "data.missing,     notEquals,   x,        true",
            "contact.tags,     contains,    vip,      true",
            "contact.tags,     contains,    vi,       false",
            "data.source,      contains,    web,      true",
            "data.missing,     contains,    web,      false",
            "contact.tags,     notContains, spam,     true",
            "contact.tags,     notContains, lead,     false",
            "contact.city,     exists,      NULL,     true",
            "contact.lastName, exists,      NULL,     true",
            "data.note,        exists,      NULL,     false",
            "data.missing,     exists,      NULL,     false",
            "workspace.name,   equals,      Acme Plumbing, true",
            "event.type,       equals,      lead.created,  true"})
    void matches_should_decideAsTheOperatorSays(String field, String operator, String value, boolean expected) {
        // GIVEN
        Filter filter = new Filter(field, operator, value);

        // WHEN / THEN
        assertEquals(expected, filter.matches(CONTEXT));
    }
}
