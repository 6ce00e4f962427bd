package dev.autocall.domain.workflow;

import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.error.InvalidInputException;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateTest {
    private static final Instant NOW = Instant.parse("2026-11-02T15:00:00Z");

    private static TemplateContext context(String firstName, Map<String, Object> data) {
        Contact contact = new Contact(SampleWorkspaces.CALLER, firstName, null, List.of("lead"), null, null, null, null,
                Map.of("plan", "gold"), "api", NOW);
        DomainEvent event = new DomainEvent("api:lead-1", "lead.created", SampleWorkspaces.WORKSPACE_ID, NOW,
                SampleWorkspaces.CALLER, SampleWorkspaces.BUSINESS_NUMBER, data, Map.of());
        return TemplateContext.of(contact, event, SampleWorkspaces.acme());
    }

    @Test
    void render_should_fillTheContactsName_when_itIsKnown() {
        // GIVEN
        Template template = Template.parse("body", "Hi {{contact.firstName | \"there\"}}, this is {{workspace.name}}.");

        // WHEN
        String text = template.render(context("Dana", Map.of()));

        // THEN
        assertEquals("Hi Dana, this is Acme Plumbing.", text);
    }

    @ParameterizedTest(name = "firstName [{0}] renders as the default")
    @CsvSource(value = {"NULL", "''", "'   '"}, nullValues = "NULL")
    void render_should_useTheDefault_when_theValueIsMissingOrBlank(String firstName) {
        // GIVEN
        Template template = Template.parse("body", "Hi {{contact.firstName | \"there\"}}!");

        // WHEN
        String text = template.render(context(firstName, Map.of()));

        // THEN
        assertEquals("Hi there!", text);
    }

    @Test
    void render_should_leaveNothing_when_aMissingValueHasNoDefault() {
        // GIVEN
        Template template = Template.parse("body", "Code:{{data.code}}.");

        // WHEN
        String text = template.render(context("Dana", Map.of()));

        // THEN
        assertEquals("Code:.", text);
    }

    @Test
    void render_should_readEventDataContactFieldsAndTheEvent_when_placeholdersNameThem() {
        // GIVEN
        Template template = Template.parse("body",
                "{{data.source}} / {{event.data.source}} / {{contact.plan}} / {{contact.fields.plan}} / {{event.type}}");

        // WHEN
        String text = template.render(context("Dana", Map.of("source", "web")));

        // THEN
        assertEquals("web / web / gold / gold / lead.created", text);
    }

    @Test
    void render_should_unescapeQuotes_when_theDefaultContainsThem() {
        // GIVEN
        Template template = Template.parse("body", "Hi {{ contact.firstName | \"our \\\"VIP\\\" guest\" }}");

        // WHEN
        String text = template.render(context(null, Map.of()));

        // THEN
        assertEquals("Hi our \"VIP\" guest", text);
    }

    @Test
    void parse_should_rejectAnUnknownRootNamingTheField_when_thePathStartsElsewhere() {
        // WHEN
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Template.parse("steps[0].body", "Hi {{customer.name}}"));

        // THEN
        assertEquals("steps[0].body", e.field().orElseThrow());
        assertTrue(e.getMessage().contains("steps[0].body"), e.getMessage());
        assertTrue(e.getMessage().contains("customer.name"), e.getMessage());
    }

    @Test
    void parse_should_reject_when_aPlaceholderIsNeverClosed() {
        // WHEN
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Template.parse("steps[0].body", "Hi {{contact.firstName, thanks"));

        // THEN
        assertEquals("steps[0].body", e.field().orElseThrow());
        assertTrue(e.getMessage().contains("never closed"), e.getMessage());
    }

    @ParameterizedTest(name = "[{0}] is not a placeholder")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`{{contact.firstName | there}}`",
            "`{{}}`",
            "`{{contact..firstName}}`",
            "`{{contact.firstName | \"there}}`"})
    void parse_should_rejectWithAnExample_when_thePlaceholderCannotBeRead(String text) {
        // WHEN
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Template.parse("steps[2].body", text));

        // THEN
        assertEquals("steps[2].body", e.field().orElseThrow());
        assertTrue(e.getMessage().contains("{{contact.firstName | \"there\"}}"), e.getMessage());
    }

    @Test
    void render_should_keepTextWithoutPlaceholdersAsWritten() {
        // GIVEN
        Template template = Template.parse("body", "Thanks! We'll call you back {soon}.");

        // WHEN / THEN
        assertEquals("Thanks! We'll call you back {soon}.", template.render(context("Dana", Map.of())));
    }

    @Test
    void parse_should_readALongDefault_when_itRunsToTensOfThousandsOfCharacters() {
        // GIVEN a default long enough to overflow the stack of a regular expression that reads it
        String fallback = "a\\\"b ".repeat(20_000);

        // WHEN
        Template template = Template.parse("steps[0].title", "Call {{contact.firstName | \"" + fallback + "\"}}");

        // THEN
        assertEquals("Call " + "a\"b ".repeat(20_000), template.render(context(null, Map.of())));
    }
}
