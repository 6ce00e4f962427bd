package dev.autocall.domain.ivr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.autocall.json.Json;
import dev.autocall.testing.Fuzz;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.autocall.testing.FuzzChecks.answersOrRefuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fuzz tests of {@link FlowParser}: whatever arrives is saved (and reads back the same from its stored JSON) or
 * refused with InvalidInputException; nothing else escapes.
 */
class FlowParserFuzzTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> EDITS = List.of("", "\"", "{", "}", "[", "]", ",", ":", "\\", "\\u",
            "\\ud800", "\n", "- ", "&a ", "*a", "!!", "\u0085", "{{", "}}");
    private static final List<JsonNode> ODD_VALUES = List.of(
            NODES.nullNode(), NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(Integer.MAX_VALUE),
            NODES.numberNode(new BigInteger("4294967301")), NODES.numberNode(1.5), NODES.numberNode(1e300),
            NODES.booleanNode(true), NODES.textNode(""), NODES.textNode(" "), NODES.textNode("end"), NODES.textNode("a"),
            NODES.textNode("9"), NODES.textNode("#"), NODES.textNode("12"), NODES.textNode("+14155550111"),
            NODES.textNode("+1"), NODES.textNode("{{"), NODES.textNode("{{keys}}"), NODES.textNode("{{fetch.}}"),
            NODES.textNode("https://"), NODES.textNode("https://{{data.host}}/x"), NODES.textNode("http://[::1]:9/x"),
            NODES.textNode("http://example.com/x"), NODES.textNode("https://example.com/{{data.id}}"),
            NODES.textNode("file:///etc/passwd"), NODES.textNode("x".repeat(5000)), NODES.textNode("\uD800"),
            NODES.textNode("a\nb"), NODES.textNode("\u0085"), NODES.arrayNode(), NODES.objectNode(),
            NODES.objectNode().put("1", "end"), NODES.objectNode().put("9", "end"), NODES.objectNode().putNull("1"));

    record OddField(NodeType type, String field, JsonNode value) {
    }

    /** Every odd value in every field of every node type: few enough to try them all. */
    @Test
    void oddValuesInAnyNodeField_should_saveOrBeRefused() {
        List<OddField> cases = new ArrayList<>();
        for (NodeType type : NodeType.values()) {
            for (String field : type.fields().stream().sorted().toList()) {
                ODD_VALUES.forEach(value -> cases.add(new OddField(type, field, value)));
            }
        }
        Fuzz.forEach(cases, c -> {
            ObjectNode root = flowWith(c.type());
            ((ObjectNode) root.get("nodes").get("a")).set(c.field(), c.value().deepCopy());

            savesOrIsRefused(Json.MAPPER.writeValueAsString(root));
        });
    }

    @Test
    void oddValuesAtTheTop_should_saveOrBeRefused() {
        List<OddField> cases = new ArrayList<>();
        for (String field : List.of("name", "start", "optOutKey", "voice", "language", "nodes", "extra")) {
            ODD_VALUES.forEach(value -> cases.add(new OddField(NodeType.SAY, field, value)));
        }
        Fuzz.forEach(cases, c -> {
            ObjectNode root = flowWith(NodeType.GATHER);
            root.set(c.field(), c.value().deepCopy());

            savesOrIsRefused(Json.MAPPER.writeValueAsString(root));
        });
    }

    @Test
    void mutatedTexts_should_saveOrBeRefused() {
        Fuzz.forAll(fuzz -> {
            String text = fuzz.bool() ? FlowParserTest.CONFIRMATION : FlowParserTest.CONFIRMATION_YAML;
            return fuzz.mutate(text, EDITS, 1, 3);
        }, FlowParserFuzzTest::savesOrIsRefused);
    }

    @Test
    void arbitraryText_should_saveOrBeRefused() {
        Fuzz.forAll(fuzz -> fuzz.string(200), FlowParserFuzzTest::savesOrIsRefused);
    }

    private static void savesOrIsRefused(String text) {
        ValidatedFlow saved = answersOrRefuses(() -> FlowParser.read("flow", text, Optional.empty()));
        if (saved != null) {
            assertEquals(saved.flow(), FlowParser.parseStored(saved.json()));
            assertEquals(saved.flow(), answersOrRefuses(() -> FlowParser.read("flow", yaml(saved.json()),
                    Optional.of("application/yaml"))).flow());
        }
    }

    private static String yaml(String json) {
        try {
            return new YAMLMapper().writeValueAsString(Json.MAPPER.readTree(json));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A valid flow whose start node "a" is a minimal node of the type, going to "end" where it can. */
    private static ObjectNode flowWith(NodeType type) {
        ObjectNode root = NODES.objectNode().put("start", "a");
        ObjectNode nodes = root.putObject("nodes");
        ObjectNode a = nodes.putObject("a").put("type", type.wire());
        switch (type) {
            case SAY -> a.put("text", "Hi");
            case PLAY -> a.put("url", "https://example.com/a.mp3");
            case GATHER -> a.put("prompt", "Press 1").putObject("choices").put("1", "end");
            case SMS -> a.put("body", "Hi");
            case FETCH -> a.put("url", "https://example.com/x");
            default -> { }
        }
        if (type.fields().contains("next")) {
            a.put("next", "end");
        }
        if (type != NodeType.HANGUP) {
            nodes.putObject("end").put("type", "hangup");
        }
        return root;
    }
}
