package dev.autocall.domain.ivr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/flows.md cannot rot: every JSON and YAML block in it reads, and every flow in it saves. */
class FlowDocsTest {
    private static final Pattern BLOCK = Pattern.compile("```(json|yaml)\\n(.*?)```", Pattern.DOTALL);

    private record Block(String language, String text) {
    }

    private static List<Block> blocks() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "flows.md"));
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(doc);
        while (m.find()) {
            blocks.add(new Block(m.group(1), m.group(2)));
        }
        return blocks;
    }

    @Test
    void everyFlowInTheDocs_should_save() throws Exception {
        int flows = 0;
        for (Block block : blocks()) {
            ObjectMapper reader = block.language().equals("json") ? new ObjectMapper() : new YAMLMapper();
            JsonNode tree = assertDoesNotThrow(() -> reader.readTree(block.text()), block.text());
            if (tree.has("nodes")) {
                flows++;
                assertDoesNotThrow(() -> FlowParser.read("example", block.text(),
                        Optional.of("application/" + block.language())), block.text());
            }
        }
        assertTrue(flows >= 6, "the format's example and five complete examples, found " + flows);
    }

    @Test
    void theNodeTable_should_listEveryNodeType() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "flows.md"));
        for (NodeType type : NodeType.values()) {
            assertTrue(doc.contains("| `" + type.wire() + "` |"), type.wire() + " is not in the node table");
        }
    }
}
