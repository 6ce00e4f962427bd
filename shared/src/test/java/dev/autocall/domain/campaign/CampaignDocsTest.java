package dev.autocall.domain.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.domain.campaign.Lifecycle.Command;
import dev.autocall.domain.ivr.FlowParser;
import dev.autocall.error.ConflictException;
import dev.autocall.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/campaigns.md cannot rot: its campaigns save, its flow saves, its error is the parser's, its table is the lifecycle's. */
class CampaignDocsTest {
    private static final Pattern BLOCK = Pattern.compile("```(json|yaml)\\n(.*?)```", Pattern.DOTALL);

    private static String doc() throws Exception {
        return Files.readString(Path.of("..", "docs", "campaigns.md"));
    }

    private static List<String[]> blocks() throws Exception {
        List<String[]> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(doc());
        while (m.find()) {
            blocks.add(new String[] {m.group(1), m.group(2)});
        }
        return blocks;
    }

    @Test
    void everyCampaignInTheDocs_should_save_and_theFlowToo() throws Exception {
        int campaigns = 0;
        int flows = 0;
        for (String[] block : blocks()) {
            if (block[0].equals("yaml")) {
                flows++;
                assertDoesNotThrow(() -> FlowParser.read("flu-reminder", block[1], Optional.of("application/yaml")), block[1]);
                continue;
            }
            JsonNode tree = CampaignParserTest.tree(block[1]);
            if (tree.has("action")) {
                campaigns++;
                assertDoesNotThrow(() -> CampaignParserTest.parse(block[1]), block[1]);
            }
        }
        assertEquals(1, flows);
        assertEquals(2, campaigns);
    }

    @Test
    void theErrorExample_should_beWhatTheParserSays() throws Exception {
        JsonNode error = blocks().stream().filter(b -> b[1].contains("\"error\"")).map(b -> CampaignParserTest.tree(b[1]))
                .findFirst().orElseThrow().get("error");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CampaignParserTest.parse(
                CampaignParserTest.flu("{\"schedule\": {\"hours\": {\"start\": \"9:00\", \"end\": \"17:00\"}}}")));

        assertEquals(error.get("field").textValue(), e.field().orElseThrow());
        assertEquals(error.get("message").textValue(), e.getMessage());
    }

    @Test
    void theLifecycleTable_should_beTheLifecycle() throws Exception {
        List<Command> columns = List.of(Command.START, Command.PAUSE, Command.RESUME, Command.CANCEL);
        int rows = 0;
        for (String line : doc().lines().toList()) {
            Matcher row = Pattern.compile("^\\| `([a-z]+)` \\|(.*)$").matcher(line);
            if (!row.matches() || !line.contains("409") || java.util.Arrays.stream(CampaignStatus.values())
                    .noneMatch(s -> s.wire().equals(row.group(1)))) {
                continue;
            }
            rows++;
            Campaign campaign = LifecycleTest.campaign(CampaignStatus.valueOf(row.group(1).toUpperCase(Locale.ROOT)));
            String[] cells = row.group(2).split("\\|");
            for (int i = 0; i < columns.size(); i++) {
                String cell = cells[i].strip();
                Command command = columns.get(i);
                if (cell.equals("409")) {
                    assertThrows(ConflictException.class, () -> Lifecycle.next(campaign, command, LifecycleTest.NOW), line);
                } else {
                    String next = Lifecycle.next(campaign, command, LifecycleTest.NOW).wire();
                    assertTrue(cell.contains("`" + next + "`"), command + " from " + row.group(1) + ": " + cell);
                }
            }
        }
        assertEquals(CampaignStatus.values().length, rows);
    }
}
