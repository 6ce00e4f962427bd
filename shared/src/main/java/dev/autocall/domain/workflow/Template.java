package dev.autocall.domain.workflow;

import dev.autocall.error.InvalidInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * A message template: text with {@code {{path}}} and {@code {{path | "default"}}} placeholders.
 * Parsed once, so a bad placeholder is an error when the workflow is saved, not when a customer waits.
 */
public final class Template {
    private final List<Part> parts;

    private Template(List<Part> parts) {
        this.parts = parts;
    }

    /**
     * Scanned by hand, not with a regular expression: Java's regex engine recurses once per repeated character
     * of a group, so a long default text overflowed the stack.
     *
     * @param field where the template sits, for the error message
     */
    public static Template parse(String field, String text) {
        return parse(field, text, TemplateContext.ROOTS);
    }

    /** A template whose placeholders may start only with {@code roots} (an IVR flow's differ from a workflow's). */
    public static Template parse(String field, String text, java.util.Set<String> roots) {
        PrintableText.require(field, text, true);
        List<Part> parts = new ArrayList<>();
        int last = 0;
        for (int open = text.indexOf("{{"); open >= 0; open = text.indexOf("{{", last)) {
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new InvalidInputException(field, field + ": a placeholder opened with {{ is never closed with }}");
            }
            parts.add(new Literal(text.substring(last, open)));
            parts.add(placeholder(field, text.substring(open + 2, close), roots));
            last = close + 2;
        }
        parts.add(new Literal(text.substring(last)));
        return new Template(List.copyOf(parts));
    }

    /** {@code path} or {@code path | "default"}, spaces allowed around each; {@code \"} and {@code \\} escape. */
    private static Placeholder placeholder(String field, String inner, java.util.Set<String> roots) {
        int i = skipSpaces(inner, 0);
        int pathStart = i;
        while (true) {
            if (i == inner.length() || !isNameStart(inner.charAt(i))) {
                throw unreadable(field, inner);
            }
            do {
                i++;
            } while (i < inner.length() && isNamePart(inner.charAt(i)));
            if (i < inner.length() && inner.charAt(i) == '.') {
                i++;
            } else {
                break;
            }
        }
        String path = inner.substring(pathStart, i);
        i = skipSpaces(inner, i);
        StringBuilder fallback = new StringBuilder();
        if (i < inner.length()) {
            if (inner.charAt(i) != '|') {
                throw unreadable(field, inner);
            }
            i = skipSpaces(inner, i + 1);
            if (i == inner.length() || inner.charAt(i) != '"') {
                throw unreadable(field, inner);
            }
            for (i++; i < inner.length() && inner.charAt(i) != '"'; i++) {
                if (inner.charAt(i) == '\\' && i + 1 < inner.length()) {
                    i++;
                }
                fallback.append(inner.charAt(i));
            }
            if (i == inner.length() || skipSpaces(inner, i + 1) != inner.length()) {
                throw unreadable(field, inner);
            }
        }
        if (!roots.contains(path.substring(0, (path + ".").indexOf('.')))) {
            throw new InvalidInputException(field, field + ": unknown placeholder {{" + path
                    + "}}; paths start with one of " + new java.util.TreeSet<>(roots));
        }
        return new Placeholder(path, fallback.toString());
    }

    private static InvalidInputException unreadable(String field, String inner) {
        return new InvalidInputException(field, field + ": cannot read placeholder {{" + inner
                + "}}; write {{contact.firstName}} or {{contact.firstName | \"there\"}}");
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
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
