package dev.autocall.domain.workflow;

import dev.autocall.error.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message template: text with {@code {{path}}} and {@code {{path | "default"}}} placeholders.
 * Parsed once, so a bad placeholder is an error when the workflow is saved, not when a customer waits.
 */
public final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Pattern EXPRESSION = Pattern.compile(
            "\\s*([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)\\s*(?:\\|\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*)?");

    private final List<Part> parts;

    private Template(List<Part> parts) {
        this.parts = parts;
    }

    /** @param field where the template sits, for the error message */
    public static Template parse(String field, String text) {
        PrintableText.require(field, text, true);
        List<Part> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int last = 0;
        while (m.find()) {
            parts.add(new Literal(text.substring(last, m.start())));
            Matcher e = EXPRESSION.matcher(m.group(1));
            if (!e.matches()) {
                throw new InvalidInputException(field, field + ": cannot read placeholder {{" + m.group(1)
                        + "}}; write {{contact.firstName}} or {{contact.firstName | \"there\"}}");
            }
            String path = e.group(1);
            String root = path.split("\\.")[0];
            if (!TemplateContext.ROOTS.contains(root)) {
                throw new InvalidInputException(field, field + ": unknown placeholder {{" + path
                        + "}}; paths start with one of " + TemplateContext.ROOTS);
            }
            String fallback = e.group(2) == null ? "" : e.group(2).replaceAll("\\\\(.)", "$1");
            parts.add(new Placeholder(path, fallback));
            last = m.end();
        }
        String rest = text.substring(last);
        if (rest.contains("{{")) {
            throw new InvalidInputException(field, field + ": a placeholder opened with {{ is never closed with }}");
        }
        parts.add(new Literal(rest));
        return new Template(List.copyOf(parts));
    }

    public String render(TemplateContext context) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Literal l -> out.append(l.text());
                case Placeholder p -> {
                    Object value = context.resolve(p.path());
                    String text = value == null ? "" : String.valueOf(value).trim();
                    out.append(text.isEmpty() ? p.fallback() : text);
                }
            }
        }
        return out.toString();
    }

    private sealed interface Part permits Literal, Placeholder {
    }

    private record Literal(String text) implements Part {
    }

    private record Placeholder(String path, String fallback) implements Part {
    }
}
