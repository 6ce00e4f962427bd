package dev.autocall.domain.workflow;

import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.testing.Fuzz;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.autocall.testing.FuzzChecks.answersOrRefuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Fuzz tests of {@link Template}: any text is a template or refused; rendering never throws. */
class TemplateFuzzTest {
    private static final Workspace WORKSPACE = SampleWorkspaces.acme();
    private static final List<String> PIECES = List.of("{{", "}}", "{", "}", "|", "\"", "\\", " ", ".", "contact",
            "data", "firstName", "x", "1", "_", "\n", "é", "\uD83D\uDE00", "\uD800", "\u0085", "\uFFFE", "workspace.name");
    private static final String LITERAL_CHARS = Fuzz.ALPHANUMERIC + " .,!?{}|\"\\\n\té";

    record Rendering(String text, TemplateContext context) {
    }

    @Test
    void anyText_should_beATemplateOrBeRefused_and_renderWithoutThrowing() {
        Fuzz.forAll(fuzz -> new Rendering(templateText(fuzz), context(fuzz)), r -> {
            Template template = answersOrRefuses(() -> Template.parse("body", r.text()));

            if (template != null) {
                assertNotNull(template.render(r.context()));
            }
        });
    }

    @Test
    void longDefaults_should_parseAndRender() {
        Fuzz.forAll(30, fuzz -> fuzz.intBetween(1, 50_000), TemplateFuzzTest::longDefaultRendersAsWritten);
    }

    /** Found by the fuzzer: a default of some 100,000 characters overflowed the stack (regex recursion). */
    @Test
    void aDefaultOf100000Characters_should_parseAndRender() {
        longDefaultRendersAsWritten(100_000);
    }

    @Test
    void literalText_should_renderAsWritten() {
        Fuzz.forAll(fuzz -> new Rendering(literal(fuzz), context(fuzz)),
                r -> assertEquals(r.text(), Template.parse("body", r.text()).render(r.context())));
    }

    private static void longDefaultRendersAsWritten(int length) {
        TemplateContext context = TemplateContext.of(Contact.newContact("+14155550123", "api", Instant.EPOCH),
                new DomainEvent("api:1", "lead.created", WORKSPACE.id(), Instant.EPOCH, "+14155550123", null, Map.of(),
                        Map.of()), WORKSPACE);
        String fallback = "a\\\"b ".repeat(length / 5 + 1);

        Template template = answersOrRefuses(() -> Template.parse("body", "Hi {{data.never_set | \"" + fallback + "\"}}!"));

        assertNotNull(template);
        assertEquals("Hi " + fallback.replace("\\\"", "\"") + "!", template.render(context));
    }

    private static String templateText(Fuzz fuzz) {
        return fuzz.oneOf(() -> fuzz.string(100), () -> fuzz.joined(0, 30, () -> fuzz.pick(PIECES)));
    }

    /** Text without a placeholder. */
    private static String literal(Fuzz fuzz) {
        String text;
        do {
            text = fuzz.string(LITERAL_CHARS, 0, 80);
        } while (text.contains("{{"));
        return text;
    }

    private static TemplateContext context(Fuzz fuzz) {
        Contact contact = new Contact("+14155550123", fuzz.orNull(0.3, () -> fuzz.string(10)),
                fuzz.orNull(0.3, () -> fuzz.string(10)), fuzz.listOf(0, 3, () -> fuzz.string(8)), null, null, null,
                null, new HashMap<>(data(fuzz)), "api", Instant.EPOCH);
        DomainEvent event = new DomainEvent("api:1", "lead.created", WORKSPACE.id(), Instant.EPOCH, "+14155550123",
                null, data(fuzz), Map.of());
        return TemplateContext.of(contact, event, WORKSPACE);
    }

    private static Map<String, Object> data(Fuzz fuzz) {
        Map<String, Object> data = new HashMap<>();
        for (int i = fuzz.intBetween(0, 5); i > 0; i--) {
            data.put(fuzz.pick("x", "at", "when", "source", "none", "appointment", "firstName"), value(fuzz));
        }
        return data;
    }

    private static Object value(Fuzz fuzz) {
        return fuzz.oneOf(() -> leaf(fuzz), () -> fuzz.listOf(0, 3, () -> leaf(fuzz)), () -> {
            Map<String, Object> map = new HashMap<>();
            for (int i = fuzz.intBetween(0, 3); i > 0; i--) {
                map.put(fuzz.pick("x", "at", "when", "a"), leaf(fuzz));
            }
            return map;
        });
    }

    private static Object leaf(Fuzz fuzz) {
        return fuzz.oneOf(() -> fuzz.string(20), fuzz::anyInt, fuzz::bool, fuzz::anyDouble);
    }
}
