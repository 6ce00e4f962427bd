package dev.autocall.domain.workflow;

import dev.autocall.error.InvalidInputException;

import java.util.Locale;

/**
 * Refuses text that no person means to write and that later stages mangle or refuse: control characters
 * (other than line breaks and tabs where a message may have them), noncharacters and unpaired surrogates.
 */
public final class PrintableText {
    private PrintableText() {
    }

    /** @param lineBreaks whether \n, \r and \t may appear (message texts), or the text is one line (names, tags) */
    public static String require(String field, String text, boolean lineBreaks) {
        return require(field, field, text, lineBreaks);
    }

    /** @param label how the message names the text, when it is not the field itself (a key, say) */
    public static String require(String field, String label, String text, boolean lineBreaks) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                if (isNoncharacter(cp)) {
                    throw refused(field, label, cp, "is not a character");
                }
            } else if (Character.isSurrogate(c)) {
                throw refused(field, label, c, "is half of a surrogate pair, not a character");
            } else if (isNoncharacter(c)) {
                throw refused(field, label, c, "is not a character");
            } else if (Character.getType(c) == Character.CONTROL) {
                if (c == '\n' || c == '\r' || c == '\t') {
                    if (!lineBreaks) {
                        throw new InvalidInputException(field, label + " must be one line (it contains "
                                + codePoint(c) + ")");
                    }
                } else {
                    throw refused(field, label, c, "is a control character");
                }
            }
        }
        return text;
    }

    /** The text as a message may quote it: controls, noncharacters and half surrogate pairs shown as U+FFFD. */
    public static String shown(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                out.appendCodePoint(isNoncharacter(cp) ? 0xFFFD : cp);
            } else {
                boolean unprintable = Character.isSurrogate(c) || isNoncharacter(c)
                        || Character.getType(c) == Character.CONTROL;
                out.append(unprintable ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    private static boolean isNoncharacter(int cp) {
        return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
    }

    private static InvalidInputException refused(String field, String label, int cp, String why) {
        return new InvalidInputException(field, label + " contains " + codePoint(cp) + ", which " + why + "; remove it");
    }

    private static String codePoint(int cp) {
        return String.format(Locale.ROOT, "U+%04X", cp);
    }

    /**
     * Every key and text in a parsed document, before any message quotes one: no control or noncharacter gets
     * through. And no null except at the paths in {@code nullable}: a field left out takes its default, while a null
     * would be stored and echoed where a value is documented.
     *
     * @param whole what the document is called in a message about all of it ("the definition")
     */
    public static void requireTree(com.fasterxml.jackson.databind.JsonNode root, String whole, java.util.Set<String> nullable) {
        requireTree(root, "", whole, nullable);
    }

    private static void requireTree(com.fasterxml.jackson.databind.JsonNode node, String path, String whole,
                                    java.util.Set<String> nullable) {
        if (node.isNull() && !nullable.contains(path)) {
            throw new InvalidInputException(path.isEmpty() ? null : path, (path.isEmpty() ? whole : path)
                    + " is null: leave the field out to take its default");
        }
        if (node.isTextual()) {
            require(path, node.textValue(), true);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireTree(node.get(i), path + "[" + i + "]", whole, nullable);
            }
        } else if (node.isObject()) {
            for (java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : node.properties()) {
                require(path.isEmpty() ? null : path, path.isEmpty() ? "a key" : "a key in " + path, e.getKey(), false);
                requireTree(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), whole, nullable);
            }
        }
    }
}
