package dev.autocall.domain.ivr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.autocall.domain.workflow.PrintableText;
import dev.autocall.error.InvalidInputException;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads an IVR flow from JSON or YAML (docs/flows.md) and checks all of it, so that a flow that saves is one
 * that runs: every target names a node, every node is reachable from {@code start}, every template reads known
 * roots. Errors name the node and the field ({@code nodes.menu.choices}). What is stored is the checked tree
 * written as JSON, read back by {@link #parseStored} with the same JSON reader.
 */
public final class FlowParser {
    /** The roots a flow's templates may read; the interpreter renders them over the same roots. */
    public static final Set<String> TEMPLATE_ROOTS = Set.of("contact", "workspace", "data", "fetch", "keys");
    public static final int MAX_NODES = 200;
    public static final int MAX_NAME_LENGTH = 200;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** yes, no, on and off are words here, not YAML 1.1 booleans: a node may well be called "yes". */
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> TOP_LEVEL = Set.of("name", "start", "optOutKey", "voice", "language", "nodes");
    static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern ONE_KEY = Pattern.compile("[0-9*#]");

    private FlowParser() {
    }

    /**
     * Checks a submitted flow and gives the JSON to store for it.
     *
     * @param contentType a YAML media type reads the body as YAML even when it starts with a brace (a flow
     *                    mapping); otherwise a body starting with a brace is JSON and anything else YAML
     */
    public static ValidatedFlow read(String id, String body, Optional<String> contentType) {
        JsonNode root = readTree(body, contentType);
        Flow flow = flow(root);
        try {
            return new ValidatedFlow(flow, JSON.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a checked flow of " + id + " could not be written as JSON", e);
        }
    }

    /**
     * Reads a draft or version as stored by {@link #read}. It was valid JSON when saved, so a syntax error here is
     * a fault of the store, not of whoever asked to publish or run it.
     */
    public static Flow parseStored(String json) {
        try {
            return flow(JSON.readTree(json == null ? "" : json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored flow is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode readTree(String text, Optional<String> contentType) {
        // A byte order mark is not text: without this, a JSON body that starts with one would be read as YAML.
        String body = text == null ? "" : text.startsWith("\uFEFF") ? text.substring(1) : text;
        boolean json = contentType.map(t -> !t.toLowerCase(Locale.ROOT).contains("yaml")).orElse(true)
                && body.strip().startsWith("{");
        try {
            return (json ? JSON : YAML).readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("malformed flow (" + (json ? "JSON" : "YAML") + "): "
                    + PrintableText.shown(String.valueOf(e.getOriginalMessage()).split("\n")[0])
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()));
        }
    }

    private static Flow flow(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("a flow is an object with start and nodes");
        }
        // No null but optOutKey's: a field left out takes its default, a null would be stored and echoed.
        PrintableText.requireTree(root, "the flow", java.util.Set.of("optOutKey"));
        rejectUnknown(root);
        Optional<String> name = text(root, "name");
        if (name.isPresent() && name.get().length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException("name", "name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        String optOutKey = optOutKey(root);
        String voice = text(root, "voice").map(v -> NodeParser.voice("voice", v)).orElse(null);
        String language = text(root, "language").map(l -> NodeParser.language("language", l)).orElse(null);
        JsonNode nodesNode = root.get("nodes");
        if (nodesNode == null || !nodesNode.isObject() || nodesNode.isEmpty()) {
            throw new InvalidInputException("nodes", "nodes must be an object of at least one node, by id, e.g. "
                    + "{\"greet\": {\"type\": \"say\", \"text\": \"Hello\"}}");
        }
        if (nodesNode.size() > MAX_NODES) {
            throw new InvalidInputException("nodes", "a flow has at most " + MAX_NODES + " nodes");
        }
        Set<String> ids = new HashSet<>();
        nodesNode.fieldNames().forEachRemaining(id -> {
            if (!NODE_ID.matcher(id).matches()) {
                throw new InvalidInputException("nodes." + id, "node id '" + id
                        + "' must be 1-64 letters, digits, - or _, starting with a letter or digit");
            }
            ids.add(id);
        });
        String start = text(root, "start").orElseThrow(() -> new InvalidInputException("start",
                "start is required: the id of the node a call begins with"));
        if (!ids.contains(start)) {
            throw new InvalidInputException("start", "start '" + start + "' names no node; the nodes are "
                    + new TreeSet<>(ids));
        }
        Map<String, FlowNode> nodes = new LinkedHashMap<>();
        NodeParser parser = new NodeParser(ids, optOutKey);
        for (Map.Entry<String, JsonNode> e : nodesNode.properties()) {
            nodes.put(e.getKey(), parser.node(e.getKey(), e.getValue()));
        }
        requireReachable(start, nodes);
        return new Flow(name.orElse(null), start, optOutKey, voice, language, nodes);
    }

    /** Absent: the default key; null: no opt-out key; otherwise one key. */
    private static String optOutKey(JsonNode root) {
        JsonNode key = root.get("optOutKey");
        if (key == null) {
            return Flow.DEFAULT_OPT_OUT_KEY;
        }
        if (key.isNull()) {
            return null;
        }
        if (!key.isTextual() || !ONE_KEY.matcher(key.asText()).matches()) {
            throw new InvalidInputException("optOutKey", "optOutKey must be one key written as a string (\"9\", \"*\" "
                    + "or \"#\"), or null to turn the opt-out key off");
        }
        return key.asText();
    }

    /** A walk from start over every node's targets must meet every node: an unreachable node is a mistake. */
    private static void requireReachable(String start, Map<String, FlowNode> nodes) {
        Set<String> seen = new HashSet<>(Set.of(start));
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            for (String target : nodes.get(todo.pop()).targets()) {
                if (seen.add(target)) {
                    todo.push(target);
                }
            }
        }
        TreeSet<String> unreachable = new TreeSet<>(nodes.keySet());
        unreachable.removeAll(seen);
        if (!unreachable.isEmpty()) {
            String first = unreachable.first();
            throw new InvalidInputException("nodes." + first, "node '" + first + "' is never reached from start '"
                    + start + "': no node reached from start goes to it (unreachable: " + unreachable + ")");
        }
    }

    private static void rejectUnknown(JsonNode root) {
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!TOP_LEVEL.contains(name)) {
                throw new InvalidInputException(name, "unknown field " + name + "; a flow has " + new TreeSet<>(TOP_LEVEL));
            }
        }
    }

    /** A text-to-speech voice name as flows take it (Polly.Joanna, alice), for other definitions that speak. */
    public static String voice(String field, String voice) {
        return NodeParser.voice(field, voice);
    }

    private static Optional<String> text(JsonNode root, String name) {
        JsonNode value = root.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidInputException(name, name + " must be a non-empty string");
        }
        return Optional.of(PrintableText.require(name, value.asText(), false));
    }

}
