package dev.autocall.domain.workflow;

import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.testing.SampleWorkspaces;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.autocall.testing.FuzzChecks.answersOrRefuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Property tests of {@link Template}: any text is a template or refused; rendering never throws. */
class TemplateFuzzTest {
    private static final Workspace WORKSPACE = SampleWorkspaces.acme();

    @Property
    void anyText_should_beATemplateOrBeRefused_and_renderWithoutThrowing(@ForAll("templateTexts") String text,
                                                                          @ForAll("contexts") TemplateContext context) {
        Template template = answersOrRefuses(() -> Template.parse("body", text));

        if (template != null) {
            assertNotNull(template.render(context));
        }
    }

    @Property(tries = 30)
    void longDefaults_should_parseAndRender(@ForAll @IntRange(min = 1, max = 50_000) int length) {
        TemplateContext context = TemplateContext.of(Contact.newContact("+14155550123", "api", Instant.EPOCH),
                new DomainEvent("api:1", "lead.created", WORKSPACE.id(), Instant.EPOCH, "+14155550123", null, Map.of(),
                        Map.of()), WORKSPACE);
        String fallback = "a\\\"b ".repeat(length / 5 + 1);

        Template template = answersOrRefuses(() -> Template.parse("body", "Hi {{data.never_set | \"" + fallback + "\"}}!"));

        assertNotNull(template);
        assertEquals("Hi " + fallback.replace("\\\"", "\"") + "!", template.render(context));
    }

    @Property
    void literalText_should_renderAsWritten(@ForAll("literals") String text, @ForAll("contexts") TemplateContext context) {
        assertEquals(text, Template.parse("body", text).render(context));
    }

    @Provide
    Arbitrary<String> templateTexts() {
        Arbitrary<String> pieces = Arbitraries.of("{{", "}}", "{", "}", "|", "\"", "\\", " ", ".", "contact", "data",
                "firstName", "x", "1", "_", "\n", "é", "\uD83D\uDE00", "\uD800", "\u0085", "\uFFFE", "workspace.name");
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(100),
                pieces.list().ofMaxSize(30).map(p -> String.join("", p)));
    }

    @Provide
    Arbitrary<String> literals() {
        return Arbitraries.strings().alpha().numeric().withChars(" .,!?{}|\"\\\n\té").ofMaxLength(80)
                .filter(s -> !s.contains("{{"));
    }

    @Provide
    Arbitrary<TemplateContext> contexts() {
        Arbitrary<Object> leaf = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.doubles().map(d -> (Object) d));
        Arbitrary<Object> value = Arbitraries.oneOf(leaf,
                leaf.list().ofMaxSize(3).map(l -> (Object) l),
                Arbitraries.maps(Arbitraries.of("x", "at", "when", "a"), leaf).ofMaxSize(3).map(m -> (Object) m));
        Arbitrary<Map<String, Object>> data = Arbitraries.maps(
                Arbitraries.of("x", "at", "when", "source", "none", "appointment", "firstName"), value).ofMaxSize(5);
        return Combinators.combine(data, data, Arbitraries.strings().ofMaxLength(10).injectNull(0.3),
                        Arbitraries.strings().ofMaxLength(10).injectNull(0.3), Arbitraries.strings().ofMaxLength(8).list().ofMaxSize(3))
                .as((eventData, fields, first, last, tags) -> {
                    Contact contact = new Contact("+14155550123", first, last, tags, null, null, null, null,
                            new HashMap<>(fields), "api", Instant.EPOCH);
                    DomainEvent event = new DomainEvent("api:1", "lead.created", WORKSPACE.id(), Instant.EPOCH,
                            "+14155550123", null, eventData, Map.of());
                    return TemplateContext.of(contact, event, WORKSPACE);
                });
    }

}
