package dev.autocall.domain.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocall.json.Json;
import dev.autocall.testing.Fuzz;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.autocall.testing.FuzzChecks.answersOrRefuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz tests of {@link CampaignParser}: whatever JSON arrives is a campaign or refused with InvalidInputException and
 * nothing else escapes; every accepted campaign reads back the same from the view GET shows.
 */
class CampaignParserFuzzTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Instant CREATED = CampaignParserTest.CREATED;
    private static final List<String> PATHS = List.of("id", "name", "action", "action.flow", "action.message",
            "action.voice", "action.workflow", "purpose", "callerId", "audience", "audience.phones", "audience.tag",
            "schedule", "schedule.startAt", "schedule.endAt", "schedule.hours", "schedule.hours.start",
            "schedule.hours.end", "schedule.days", "retry", "retry.maxAttempts", "retry.interval", "retry.on", "pace",
            "pace.callsPerMinute", "pace.maxConcurrent", "recurrence", "recurrence.cron", "recurrence.timeZone",
            "status", "progress", "createdAt", "run", "extra");
    private static final List<JsonNode> ODD_VALUES = List.of(
            NODES.nullNode(), NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(1), NODES.numberNode(600),
            NODES.numberNode(Integer.MAX_VALUE), NODES.numberNode(Long.MAX_VALUE),
            NODES.numberNode(new BigInteger("4294967301")), NODES.numberNode(new BigInteger("99999999999999999999999")),
            NODES.numberNode(1.5), NODES.numberNode(3.0), NODES.numberNode(1e300), NODES.numberNode(Double.NaN),
            NODES.booleanNode(true), NODES.textNode(""), NODES.textNode(" "), NODES.textNode("x"), NODES.textNode("-"),
            NODES.textNode("MON"), NODES.textNode("10:00"), NODES.textNode("24:00"), NODES.textNode("PT1M"),
            NODES.textNode("PT59S"), NODES.textNode("-PT1H"), NODES.textNode("PT9223372036854775807S"),
            NODES.textNode("P106751991167300D"), NODES.textNode("2026-12-01T15:00:00Z"),
            NODES.textNode("+999999999-12-31T23:59:59Z"), NODES.textNode("-999999999-01-01T00:00:00Z"),
            NODES.textNode("2026-02-30T15:00:00Z"), NODES.textNode("+13125550144"), NODES.textNode("+1"),
            NODES.textNode("UTC"), NODES.textNode("Z"), NODES.textNode("America/Chicago"), NODES.textNode("GMT+5"),
            NODES.textNode("0 9 ? * MON *"), NODES.textNode("0 9 ? * MON#9999 *"), NODES.textNode("0 9 ? * 99999999999L *"),
            NODES.textNode("0 9 ? * MON 99999999999"), NODES.textNode("0 */99999999999 ? * MON *"),
            NODES.textNode("{{"), NODES.textNode("{{contact.firstName}}"), NODES.textNode("x".repeat(5000)),
            NODES.textNode("\u0085"), NODES.textNode("\uD800"), NODES.textNode("a\nb"), NODES.textNode("\uFFFE"),
            NODES.arrayNode(), NODES.arrayNode().add(NODES.nullNode()), NODES.arrayNode().add("busy").add("busy"),
            NODES.arrayNode().add("+13125550144").add("+13125550144"), NODES.objectNode(),
            NODES.objectNode().putNull("a"), NODES.objectNode().put("flow", "f").put("message", "m"),
            NODES.objectNode().put("tag", "t"), NODES.objectNode().put("start", "10:00").put("end", "09:00"));
    private static final String ID_CHARS = Fuzz.ALPHANUMERIC + "-_";
    private static final String LINE_CHARS = Fuzz.ALPHANUMERIC + " .,!?'\"-_:#&()é日ß\uD83D\uDE00";
    private static final List<String> CRON_TOKENS = List.of("0", "9", "59", "60", "1", "7", "12", "31", "2026",
            "1969", "*", "?", "L", "W", "LW", "#", "/", "-", ",", " ", "MON", "SUN", "JAN", "DEC", "FUN", "mon", "15W",
            "6L", "MON#2", "*/5", "*/1000", "1-7/2", "cron(", ")", "\u0000", "\uD800", "é");

    record Odd(String path, JsonNode value) {
    }

    @Test
    void validCampaigns_should_parse_and_readBackTheSameFromTheirView() {
        Fuzz.forAll(CampaignParserFuzzTest::campaign, body -> {
            Campaign campaign = CampaignParser.parse(body, Optional.empty(), "ws_1", CREATED);

            assertEquals(campaign, readBack(campaign));
            assertEquals(body.get("id").textValue(), campaign.id());
            campaign.recurring().ifPresent(r -> assertEquals(r.cron(), CronSchedule.parse(r.cron()).fields()));
        });
    }

    /** Every odd value at every field of a valid campaign: few enough to try them all. */
    @Test
    void oddValuesInAnyField_should_parseOrBeRefused() {
        List<Odd> cases = new ArrayList<>();
        for (String path : PATHS) {
            ODD_VALUES.forEach(value -> cases.add(new Odd(path, value)));
        }
        Fuzz.forEach(cases, odd -> {
            ObjectNode body = (ObjectNode) CampaignParserTest.tree(CampaignParserTest.FLU);
            body.set("recurrence", NODES.objectNode().put("cron", "0 9 ? * MON *").put("timeZone", "UTC"));
            set(body, odd.path(), odd.value().deepCopy());

            parsesOrIsRefused(body);
        });
    }

    /** A valid campaign with one field anywhere in it replaced by an arbitrary tree. */
    @Test
    void campaignsWithAFieldReplaced_should_parseOrBeRefused() {
        Fuzz.forAll(fuzz -> {
            ObjectNode body = campaign(fuzz);
            set(body, fuzz.pick(PATHS), tree(fuzz, 3));
            return body;
        }, CampaignParserFuzzTest::parsesOrIsRefused);
    }

    @Test
    void arbitraryTrees_should_parseOrBeRefused() {
        Fuzz.forAll(fuzz -> tree(fuzz, 4), CampaignParserFuzzTest::parsesOrIsRefused);
    }

    @Test
    void arbitraryCrons_should_beAcceptedOrRefused_andNeverFireMoreThanHourly() {
        Fuzz.forAll(fuzz -> fuzz.oneOf(() -> fuzz.joined(1, 14, () -> fuzz.pick(CRON_TOKENS)), () -> fuzz.string(30),
                () -> String.join(" ", fuzz.listOf(5, 7, () -> fuzz.joined(1, 3, () -> fuzz.pick(CRON_TOKENS)))),
                () -> cron(fuzz)), cron -> {
            String accepted = answersOrRefuses(() -> SchedulerCron.require("recurrence.cron", cron));
            if (accepted != null) {
                assertTrue(accepted.split(" ")[0].matches("[0-9]{1,2}"), accepted);
                // What the parser accepts, the evaluator that arms the schedule reads as written.
                assertEquals(accepted, CronSchedule.parse(accepted).fields());
            }
        });
    }

    private static void parsesOrIsRefused(JsonNode body) throws Exception {
        Campaign campaign = answersOrRefuses(() -> CampaignParser.parse(body, Optional.of("from-path"), "ws_1", CREATED));
        if (campaign != null) {
            assertEquals(campaign, readBack(campaign));
        }
    }

    /** The campaign parsed from its view, after a trip through JSON text as a client would make. */
    private static Campaign readBack(Campaign campaign) throws Exception {
        String text = Json.MAPPER.writeValueAsString(CampaignParser.write(campaign));
        return CampaignParser.parse(Json.REQUESTS.readTree(text), Optional.empty(), "ws_1", CREATED);
    }

    private static void set(ObjectNode body, String path, JsonNode value) {
        String[] names = path.split("\\.");
        ObjectNode parent = body;
        for (int i = 0; i < names.length - 1; i++) {
            parent = parent.get(names[i]) instanceof ObjectNode child ? child : parent.putObject(names[i]);
        }
        parent.set(names[names.length - 1], value);
    }

    // ---- generators ----

    /** A valid definition, each optional part present or not. */
    static ObjectNode campaign(Fuzz fuzz) {
        ObjectNode body = NODES.objectNode().put("id", id(fuzz))
                .put("name", fuzz.string(Fuzz.ALPHANUMERIC, 1, 1) + fuzz.string(LINE_CHARS, 0, 90));
        ObjectNode action = body.putObject("action");
        switch (fuzz.intBetween(0, 2)) {
            case 0 -> action.put("flow", id(fuzz));
            case 1 -> action.put("workflow", id(fuzz));
            default -> {
                action.put("message", fuzz.pick("Hi", "Hi {{contact.firstName | \"there\"}}, see you {{data.when}}.",
                        "Line one\nline two", "x".repeat(1000)));
                fuzz.maybe(() -> action.put("voice", fuzz.pick("alice", "Polly.Joanna", "Google.en-US-Neural2-A")));
            }
        }
        fuzz.maybe(() -> body.put("purpose", fuzz.pick("transactional", "marketing")));
        fuzz.maybe(() -> body.put("callerId", fuzz.bool() ? null : phone(fuzz)));
        if (fuzz.bool()) {
            ObjectNode audience = body.putObject("audience");
            if (fuzz.bool()) {
                audience.put("tag", fuzz.string(Fuzz.ALPHANUMERIC, 1, 1) + fuzz.string(LINE_CHARS, 0, 30));
            } else {
                strings(audience.putArray("phones"), fuzz.listOf(0, 6, () -> phone(fuzz)));
            }
        }
        fuzz.maybe(() -> body.set("schedule", schedule(fuzz)));
        fuzz.maybe(() -> body.set("retry", retry(fuzz)));
        if (fuzz.bool()) {
            ObjectNode pace = body.putObject("pace");
            fuzz.maybe(() -> pace.put("callsPerMinute", fuzz.intBetween(1, 600)));
            fuzz.maybe(() -> pace.put("maxConcurrent", fuzz.intBetween(1, 100)));
        }
        fuzz.maybe(() -> body.set("recurrence", fuzz.bool() ? NODES.nullNode() : NODES.objectNode()
                .put("cron", cron(fuzz)).put("timeZone", fuzz.pick("UTC", "America/Chicago", "Asia/Kolkata", "Europe/London"))));
        fuzz.maybe(() -> body.put("status", fuzz.string(10)).set("progress", tree(fuzz, 2)));
        return body;
    }

    private static String id(Fuzz fuzz) {
        return fuzz.string(Fuzz.ALPHANUMERIC, 1, 1) + fuzz.string(ID_CHARS, 0, 63);
    }

    private static String phone(Fuzz fuzz) {
        return "+1415555" + fuzz.pick("01") + String.format("%02d", fuzz.intBetween(0, 99));
    }

    private static ObjectNode schedule(Fuzz fuzz) {
        ObjectNode schedule = NODES.objectNode();
        Instant start = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(fuzz.longBetween(0, 3L * 365 * 86400));
        fuzz.maybe(() -> schedule.put("startAt", start.toString()));
        fuzz.maybe(() -> schedule.put("endAt", start.plusSeconds(fuzz.longBetween(1, 86400L * 60)).toString()));
        fuzz.maybe(() -> {
            int from = fuzz.intBetween(0, 23 * 60 + 58);
            int to = fuzz.intBetween(from + 1, 23 * 60 + 59);
            return schedule.set("hours", NODES.objectNode().put("start", hhmm(from)).put("end", hhmm(to)));
        });
        fuzz.maybe(() -> strings(schedule.putArray("days"),
                fuzz.subset(List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"), 0)));
        return schedule;
    }

    private static String hhmm(int minutes) {
        return String.format("%02d:%02d", minutes / 60, minutes % 60);
    }

    private static ObjectNode retry(Fuzz fuzz) {
        ObjectNode retry = NODES.objectNode();
        int attempts = fuzz.intBetween(1, 10);
        fuzz.maybe(() -> retry.put("maxAttempts", attempts));
        fuzz.maybe(() -> retry.put("interval", Duration.ofMinutes(fuzz.longBetween(1, 7 * 24 * 60)).toString()));
        fuzz.maybe(() -> strings(retry.putArray("on"),
                fuzz.subset(List.of("no_answer", "busy", "voicemail"), attempts > 1 && retry.has("maxAttempts") ? 1 : 0)));
        return retry;
    }

    /** A valid EventBridge cron that fires at most hourly. */
    private static String cron(Fuzz fuzz) {
        String minutes = String.valueOf(fuzz.intBetween(0, 59));
        String hours = fuzz.pick("*", String.valueOf(fuzz.intBetween(0, 23)), "8-17", "*/2", "9,12,17", "0/6");
        String month = fuzz.pick("*", "JAN", "1-6", "JAN,JUL", "*/3", "12");
        String year = fuzz.pick("*", "2026", "2026-2030", String.valueOf(fuzz.intBetween(1970, 2199)));
        boolean byWeekday = fuzz.bool();
        String dom = byWeekday ? "?" : fuzz.pick("*", "1", "L", "LW", "15W", "1-7", "1/5", String.valueOf(fuzz.intBetween(1, 31)));
        String dow = byWeekday ? fuzz.pick("*", "MON", "MON-FRI", "SUN,SAT", "6L", "L", "MON#2", "2#5",
                String.valueOf(fuzz.intBetween(1, 7))) : "?";
        return String.join(" ", minutes, hours, dom, month, dow, year);
    }

    /** Any JSON, with campaign field names more often than their share. */
    private static JsonNode tree(Fuzz fuzz, int depth) {
        if (depth == 0 || fuzz.chance(0.4)) {
            return fuzz.<JsonNode>oneOf(() -> fuzz.pick(ODD_VALUES).deepCopy(), () -> NODES.textNode(fuzz.string(12)),
                    () -> NODES.numberNode(fuzz.anyLong()), () -> NODES.numberNode(fuzz.anyDouble()));
        }
        if (fuzz.bool()) {
            ArrayNode array = NODES.arrayNode();
            fuzz.listOf(0, 4, () -> tree(fuzz, depth - 1)).forEach(array::add);
            return array;
        }
        ObjectNode object = NODES.objectNode();
        for (int i = fuzz.intBetween(0, 5); i > 0; i--) {
            String name = fuzz.bool() ? fuzz.pick(PATHS).replaceAll(".*\\.", "") : fuzz.string(6);
            object.set(name, tree(fuzz, depth - 1));
        }
        return object;
    }

    private static ArrayNode strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
        return array;
    }
}
