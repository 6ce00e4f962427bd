package dev.autocall.domain.workflow;

import java.util.Collection;
import java.util.Objects;

/**
 * A condition on the event or contact that must hold for a workflow to run.
 *
 * @param field a template path, e.g. contact.tags or data.source
 * @param operator equals, notEquals, contains, notContains, exists
 * @param value the operand (ignored by exists)
 */
public record Filter(String field, String operator, Object value) {
    public static final java.util.Set<String> OPERATORS = java.util.Set.of("equals", "notEquals", "contains", "notContains", "exists");

    public boolean matches(TemplateContext context) {
        Object actual = context.resolve(field);
        return switch (operator) {
            case "exists" -> actual != null && !(actual instanceof String s && s.isEmpty());
            case "equals" -> actual != null && Objects.equals(String.valueOf(actual), String.valueOf(value));
            case "notEquals" -> actual == null || !Objects.equals(String.valueOf(actual), String.valueOf(value));
            case "contains" -> contains(actual);
            case "notContains" -> !contains(actual);
            default -> false;
        };
    }

    private boolean contains(Object actual) {
        if (actual instanceof Collection<?> c) {
            return c.stream().anyMatch(item -> String.valueOf(item).equals(String.valueOf(value)));
        }
        return actual != null && String.valueOf(actual).contains(String.valueOf(value));
    }
}
