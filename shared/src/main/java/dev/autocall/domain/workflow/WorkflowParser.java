package dev.autocall.domain.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.autocall.error.InvalidInputException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a workflow definition from JSON or YAML (docs/workflows.md) and checks all of it, so that a
 * definition that saves is one that runs. Errors name the offending field, e.g. {@code steps[1].body}.
 */
public final class WorkflowParser {
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Pattern TRIGGER = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
    private static final Set<String> TOP_LEVEL = Set.of("name", "trigger", "enabled", "testMode", "filters", "steps");
    private static final Map<String, Set<String>> STEP_FIELDS = Map.of(
            "sendSms", Set.of("type", "body"),
            "createTask", Set.of("type", "title", "dueInMinutes"),
            "addTag", Set.of("type", "tag"),
            "removeTag", Set.of("type", "tag"),
            "notify", Set.of("type", "body"));
    public static final int MAX_STEPS = 50;
    public static final int MAX_SMS_LENGTH = 1600;

    private WorkflowParser() {
    }

    /** Parses JSON or YAML (JSON is YAML, so one reader serves both). */
    public static WorkflowDefinition parse(String id, String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("malformed workflow definition (JSON or YAML): " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("a workflow definition is an object with trigger and steps");
        }
        rejectUnknown("", root, TOP_LEVEL);
        String trigger = requiredText(root, "trigger", "");
        if (!TRIGGER.matcher(trigger).matches()) {
            throw new InvalidInputException("trigger", "trigger '" + trigger
                    + "' is not an event type; use e.g. call.missed, sms.received or lead.created");
        }
        JsonNode stepsNode = root.get("steps");
        if (stepsNode == null || !stepsNode.isArray() || stepsNode.isEmpty()) {
            throw new InvalidInputException("steps", "steps must be a non-empty list");
        }
        if (stepsNode.size() > MAX_STEPS) {
            throw new InvalidInputException("steps", "a workflow has at most " + MAX_STEPS + " steps");
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < stepsNode.size(); i++) {
            steps.add(step("steps[" + i + "]", stepsNode.get(i)));
        }
        return new WorkflowDefinition(id, optionalText(root, "name", "").orElse(id), trigger,
                bool(root, "enabled", true), bool(root, "testMode", false), filters(root.get("filters")), steps);
    }

    private static Step step(String path, JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidInputException(path, path + " must be an object with a type");
        }
        String type = requiredText(node, "type", path);
        Set<String> allowed = STEP_FIELDS.get(type);
        if (allowed == null) {
            throw new InvalidInputException(path + ".type", path + ".type '" + type + "' is not a step type; use one of "
                    + new java.util.TreeSet<>(STEP_FIELDS.keySet()));
        }
        rejectUnknown(path, node, allowed);
        return switch (type) {
            case "sendSms" -> new Step.SendSms(message(node, path));
            case "notify" -> new Step.Notify(message(node, path));
            case "createTask" -> {
                String title = requiredText(node, "title", path);
                Template.parse(path + ".title", title);
                JsonNode due = node.get("dueInMinutes");
                if (due != null && (!due.canConvertToInt() || !due.isIntegralNumber() || due.asInt() < 0)) {
                    throw new InvalidInputException(path + ".dueInMinutes", path + ".dueInMinutes must be a whole number of minutes, 0 or more");
                }
                yield new Step.CreateTask(title, due == null ? 60 : due.asInt());
            }
            case "addTag" -> new Step.AddTag(tag(node, path));
            case "removeTag" -> new Step.RemoveTag(tag(node, path));
            default -> throw new IllegalStateException(type);
        };
    }

    private static String message(JsonNode node, String path) {
        String body = requiredText(node, "body", path);
        if (body.length() > MAX_SMS_LENGTH) {
            throw new InvalidInputException(path + ".body", path + ".body is longer than " + MAX_SMS_LENGTH + " characters");
        }
        Template.parse(path + ".body", body);
        return body;
    }

    private static String tag(JsonNode node, String path) {
        String tag = requiredText(node, "tag", path);
        if (tag.length() > 64) {
            throw new InvalidInputException(path + ".tag", path + ".tag is longer than 64 characters");
        }
        return tag;
    }

    private static List<Filter> filters(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidInputException("filters", "filters must be a list");
        }
        List<Filter> filters = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "filters[" + i + "]";
            JsonNode f = node.get(i);
            if (!f.isObject()) {
                throw new InvalidInputException(path, path + " must be an object with field and one operator");
            }
            String field = requiredText(f, "field", path);
            List<String> ops = new ArrayList<>();
            f.fieldNames().forEachRemaining(n -> {
                if (!n.equals("field")) {
                    ops.add(n);
                }
            });
            if (ops.size() != 1 || !Filter.OPERATORS.contains(ops.get(0))) {
                throw new InvalidInputException(path, path + " needs exactly one operator of " + new java.util.TreeSet<>(Filter.OPERATORS));
            }
            JsonNode value = f.get(ops.get(0));
            filters.add(new Filter(field, ops.get(0), value.isValueNode() ? value.asText() : value.toString()));
        }
        return filters;
    }

    private static void rejectUnknown(String path, JsonNode node, Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                String where = path.isEmpty() ? name : path + "." + name;
                throw new InvalidInputException(where, "unknown field " + where + "; allowed here: " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    private static String requiredText(JsonNode node, String name, String path) {
        String where = path.isEmpty() ? name : path + "." + name;
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new InvalidInputException(where, where + " is required");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidInputException(where, where + " must be a non-empty string");
        }
        return value.asText();
    }

    private static java.util.Optional<String> optionalText(JsonNode node, String name, String path) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(requiredText(node, name, path));
    }

    private static boolean bool(JsonNode node, String name, boolean fallback) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new InvalidInputException(name, name + " must be true or false");
        }
        return value.asBoolean();
    }

    /** Normalizes the submitted text to JSON for storage and for reading back. */
    public static ObjectNode toJson(String text) {
        try {
            return (ObjectNode) YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("malformed workflow definition: " + e.getOriginalMessage());
        }
    }
}
