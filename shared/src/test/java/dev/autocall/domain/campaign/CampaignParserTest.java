package dev.autocall.domain.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocall.error.InvalidInputException;
import dev.autocall.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CampaignParserTest {
    static final String WORKSPACE = "ws_1";
    static final Instant CREATED = Instant.parse("2026-11-27T12:00:00Z");

    /** The campaign of the API documentation, field for field. */
    static final String FLU = """
            {"id": "flu-dec", "name": "Flu shot reminders",
             "action": {"flow": "flu-reminder"},
             "purpose": "transactional", "callerId": null,
             "audience": {"phones": ["+13125550144"]},
             "schedule": {"startAt": "2026-12-01T15:00:00Z", "endAt": "2026-12-05T23:00:00Z",
                          "hours": {"start": "10:00", "end": "17:00"}, "days": ["MON", "TUE", "WED", "THU", "FRI"]},
             "retry": {"maxAttempts": 3, "interval": "PT2H", "on": ["no_answer", "busy"]},
             "pace": {"callsPerMinute": 30, "maxConcurrent": 10},
             "recurrence": null}
            """;

    static Campaign parse(String json) {
        return CampaignParser.parse(tree(json), Optional.empty(), WORKSPACE, CREATED);
    }

    static JsonNode tree(String json) {
        try {
            return Json.REQUESTS.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The documented campaign with its top-level fields replaced by those of {@code patch}. */
    static String flu(String patch) {
        ObjectNode body = (ObjectNode) tree(FLU);
        body.setAll((ObjectNode) tree(patch));
        return body.toString();
    }

    static String fluWithout(String field) {
        ObjectNode body = (ObjectNode) tree(FLU);
        body.remove(field);
        return body.toString();
    }

    @Test
    void parse_should_readEveryField_when_givenTheDocumentedCampaign() {
        // WHEN
        Campaign campaign = parse(FLU);

        // THEN
        assertEquals(new Campaign("flu-dec", WORKSPACE, "Flu shot reminders", new Campaign.Action.Flow("flu-reminder"),
                "transactional", null, new Campaign.Audience(List.of("+13125550144"), null),
                new Campaign.Schedule(Instant.parse("2026-12-01T15:00:00Z"), Instant.parse("2026-12-05T23:00:00Z"),
                        new Campaign.Hours(LocalTime.of(10, 0), LocalTime.of(17, 0)),
                        Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)),
                new Campaign.Retry(3, Duration.ofHours(2), Set.of("no_answer", "busy")), new Campaign.Pace(30, 10), null,
                CampaignStatus.DRAFT, 0, CREATED, 0), campaign);
    }

    @Test
    void parse_should_fillInTheDefaults_when_onlyIdNameAndActionAreGiven() {
        // WHEN
        Campaign campaign = parse("""
                {"id": "c1", "name": "Reminders", "action": {"workflow": "renewal"}}""");

        // THEN
        assertEquals(new Campaign.Action.Workflow("renewal"), campaign.action());
        assertEquals("transactional", campaign.purpose());
        assertNull(campaign.callerId());
        assertEquals(new Campaign.Audience(List.of(), null), campaign.audience());
        assertEquals(Campaign.Schedule.now(), campaign.schedule());
        assertEquals(new Campaign.Retry(1, Duration.ofHours(1), Set.of()), campaign.retry());
        assertEquals(new Campaign.Pace(10, 5), campaign.pace());
        assertNull(campaign.recurrence());
    }

    @Test
    void parse_should_readAMessageActionWithItsVoice() {
        Campaign campaign = parse(flu("""
                {"action": {"message": "Hi {{contact.firstName | \\"there\\"}}, your flu shot is due.\\nCall us back.",
                            "voice": "Polly.Joanna"}}"""));

        assertEquals(new Campaign.Action.Message("Hi {{contact.firstName | \"there\"}}, your flu shot is due.\nCall us back.",
                "Polly.Joanna"), campaign.action());
    }

    @Test
    void parse_should_readATagAudience_and_aRecurrence() {
        Campaign campaign = parse(flu("""
                {"audience": {"tag": "flu-2026"}, "recurrence": {"cron": "0 9 ? * MON *", "timeZone": "America/Chicago"},
                 "purpose": "marketing", "callerId": "+14155550100"}"""));

        assertEquals(new Campaign.Audience(List.of(), "flu-2026"), campaign.audience());
        assertEquals(new Campaign.Recurrence("0 9 ? * MON *", ZoneId.of("America/Chicago")), campaign.recurrence());
        assertEquals("marketing", campaign.purpose());
        assertEquals("+14155550100", campaign.callerId());
    }

    @Test
    void parse_should_keepOneTarget_when_aNumberIsListedTwice() {
        Campaign campaign = parse(flu("""
                {"audience": {"phones": ["+13125550144", "+13125550145", "+13125550144"]}}"""));

        assertEquals(List.of("+13125550144", "+13125550145"), campaign.audience().phones());
    }

    @Test
    void parse_should_retryOnNoAnswerAndBusyHourly_when_aRetryGivesOnlyItsAttempts() {
        Campaign campaign = parse(flu("{\"retry\": {\"maxAttempts\": 4}}"));

        assertEquals(new Campaign.Retry(4, Duration.ofHours(1), Set.of("no_answer", "busy")), campaign.retry());
    }

    @Test
    void parse_should_readTimesWithAnOffset_asTheSameInstant() {
        Campaign campaign = parse(flu("{\"schedule\": {\"startAt\": \"2026-12-01T09:00:00-06:00\"}}"));

        assertEquals(Instant.parse("2026-12-01T15:00:00Z"), campaign.schedule().startAt());
        assertNull(campaign.schedule().endAt());
        assertEquals(Set.of(), campaign.schedule().days());
    }

    @Test
    void parse_should_ignoreWhatTheProductSets_when_aClientWritesBackWhatItRead() {
        Campaign campaign = parse(flu("""
                {"status": "running", "run": 7, "createdAt": "2020-01-01T00:00:00Z",
                 "progress": {"total": 3, "outcomes": null}}"""));

        assertEquals(CampaignStatus.DRAFT, campaign.status());
        assertEquals(0, campaign.run());
        assertEquals(CREATED, campaign.createdAt());
        assertEquals(parse(FLU), campaign);
    }

    @Test
    void parse_should_takeTheIdOfThePath_when_theBodyHasNone() {
        Campaign campaign = CampaignParser.parse(tree(fluWithout("id")), Optional.of("from-path"), WORKSPACE, CREATED);

        assertEquals("from-path", campaign.id());
        assertEquals("flu-dec", CampaignParser.parse(tree(FLU), Optional.of("flu-dec"), WORKSPACE, CREATED).id());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0 9 ? * MON *", "30 8 1 * ? *", "0 * ? * * *", "0 */2 ? * MON-FRI *", "0 9 L * ? *",
            "0 9 LW * ? *", "0 9 15W * ? *", "0 9 ? * 6L *", "0 9 ? * MON#2 *", "0 9 ? JAN,JUL MON *",
            "0 9 1-7 * ? 2026-2027", "15 8,12,17 ? * SUN,SAT *", "0 9 1/5 * ? *", "59 23 ? DEC 7 2199"})
    void parse_should_acceptEventBridgeCron_when_itFiresAtMostHourly(String cron) {
        Campaign campaign = parse(flu("{\"recurrence\": {\"cron\": \"" + cron + "\", \"timeZone\": \"UTC\"}}"));

        assertEquals(cron, campaign.recurrence().cron());
    }

    static Stream<Arguments> refusals() {
        String phones1001 = IntStream.range(0, 1001).mapToObj(i -> "\"+1312555" + String.format("%04d", i) + "\"")
                .collect(Collectors.joining(",", "[", "]"));
        return Stream.of(
                // id and name
                refused("{\"id\": \"flu dec\"}", "id"),
                refused("{\"id\": \"" + "a".repeat(65) + "\"}", "id"),
                refused("{\"id\": 5}", "id"),
                refused("{\"id\": \"-flu\"}", "id"),
                refused("{\"name\": \"\"}", "name"),
                refused("{\"name\": \"" + "n".repeat(201) + "\"}", "name"),
                refused("{\"name\": \"two\\nlines\"}", "name"),
                refused("{\"name\": \"bell\\u0007\"}", "name"),
                refused("{\"name\": null}", "name"),
                // action
                refused("{\"action\": \"flu-reminder\"}", "action"),
                refused("{\"action\": {}}", "action"),
                refused("{\"action\": {\"flow\": \"a\", \"workflow\": \"b\"}}", "action"),
                refused("{\"action\": {\"flow\": \"a\", \"voice\": \"alice\"}}", "action.voice"),
                refused("{\"action\": {\"flow\": \"not an id\"}}", "action.flow"),
                refused("{\"action\": {\"workflow\": 7}}", "action.workflow"),
                refused("{\"action\": {\"fly\": \"a\"}}", "action.fly"),
                refused("{\"action\": {\"message\": \"" + "m".repeat(1001) + "\"}}", "action.message"),
                refused("{\"action\": {\"message\": \"Hi {{event.type}}\"}}", "action.message"),
                refused("{\"action\": {\"message\": \"Hi {{contact.firstName\"}}", "action.message"),
                refused("{\"action\": {\"message\": \"Hi\", \"voice\": \"not a voice\"}}", "action.voice"),
                refused("{\"action\": null}", "action"),
                // purpose and caller id
                refused("{\"purpose\": \"sales\"}", "purpose"),
                refused("{\"callerId\": \"555-0100\"}", "callerId"),
                refused("{\"callerId\": 14155550100}", "callerId"),
                // audience
                refused("{\"audience\": {\"phones\": [\"+13125550144\", \"nope\"]}}", "audience.phones[1]"),
                refused("{\"audience\": {\"phones\": [\"+1 312 555 0144\"]}}", "audience.phones[0]"),
                refused("{\"audience\": {\"phones\": [13125550144]}}", "audience.phones[0]"),
                refused("{\"audience\": {\"phones\": \"+13125550144\"}}", "audience.phones"),
                refused("{\"audience\": {\"phones\": " + phones1001 + "}}", "audience.phones"),
                refused("{\"audience\": {\"phones\": [], \"tag\": \"flu\"}}", "audience"),
                refused("{\"audience\": {}}", "audience"),
                refused("{\"audience\": {\"tag\": \"" + "t".repeat(65) + "\"}}", "audience.tag"),
                refused("{\"audience\": {\"tag\": \" \"}}", "audience.tag"),
                refused("{\"audience\": {\"list\": \"flu\"}}", "audience.list"),
                refused("{\"audience\": null}", "audience"),
                // schedule
                refused("{\"schedule\": {\"startAt\": \"tomorrow\"}}", "schedule.startAt"),
                refused("{\"schedule\": {\"startAt\": \"2026-12-01T15:00:00\"}}", "schedule.startAt"),
                refused("{\"schedule\": {\"startAt\": \"1999-12-31T23:59:59Z\"}}", "schedule.startAt"),
                refused("{\"schedule\": {\"endAt\": \"+20000-01-01T00:00:00Z\"}}", "schedule.endAt"),
                refused("{\"schedule\": {\"startAt\": \"2026-12-05T00:00:00Z\", \"endAt\": \"2026-12-01T00:00:00Z\"}}",
                        "schedule.endAt"),
                refused("{\"schedule\": {\"startAt\": \"2026-12-05T00:00:00Z\", \"endAt\": \"2026-12-05T00:00:00Z\"}}",
                        "schedule.endAt"),
                refused("{\"schedule\": {\"hours\": {\"start\": \"9:00\", \"end\": \"17:00\"}}}", "schedule.hours.start"),
                refused("{\"schedule\": {\"hours\": {\"start\": \"24:00\", \"end\": \"17:00\"}}}", "schedule.hours.start"),
                refused("{\"schedule\": {\"hours\": {\"start\": \"10:00\"}}}", "schedule.hours.end"),
                refused("{\"schedule\": {\"hours\": {\"start\": \"17:00\", \"end\": \"10:00\"}}}", "schedule.hours.end"),
                refused("{\"schedule\": {\"hours\": {\"start\": \"10:00\", \"end\": \"10:00\"}}}", "schedule.hours.end"),
                refused("{\"schedule\": {\"hours\": {\"start\": \"10:00\", \"end\": \"17:00\", \"tz\": \"UTC\"}}}",
                        "schedule.hours.tz"),
                refused("{\"schedule\": {\"hours\": \"10-17\"}}", "schedule.hours"),
                refused("{\"schedule\": {\"days\": [\"MON\", \"MON\"]}}", "schedule.days[1]"),
                refused("{\"schedule\": {\"days\": [\"MON\", \"Monday\"]}}", "schedule.days[1]"),
                refused("{\"schedule\": {\"days\": [\"mon\"]}}", "schedule.days[0]"),
                refused("{\"schedule\": {\"days\": \"MON\"}}", "schedule.days"),
                refused("{\"schedule\": {\"when\": \"soon\"}}", "schedule.when"),
                refused("{\"schedule\": {\"days\": null}}", "schedule.days"),
                // retry
                refused("{\"retry\": {\"maxAttempts\": 0}}", "retry.maxAttempts"),
                refused("{\"retry\": {\"maxAttempts\": 11}}", "retry.maxAttempts"),
                refused("{\"retry\": {\"maxAttempts\": 2.5}}", "retry.maxAttempts"),
                refused("{\"retry\": {\"maxAttempts\": \"3\"}}", "retry.maxAttempts"),
                refused("{\"retry\": {\"maxAttempts\": 4294967299}}", "retry.maxAttempts"),
                refused("{\"retry\": {\"interval\": \"PT30S\"}}", "retry.interval"),
                refused("{\"retry\": {\"interval\": \"P8D\"}}", "retry.interval"),
                refused("{\"retry\": {\"interval\": \"2h\"}}", "retry.interval"),
                refused("{\"retry\": {\"on\": [\"no_answer\", \"failed\"]}}", "retry.on[1]"),
                refused("{\"retry\": {\"on\": [\"busy\", \"busy\"]}}", "retry.on[1]"),
                refused("{\"retry\": {\"on\": [\"no_input\"]}}", "retry.on[0]"),
                refused("{\"retry\": {\"maxAttempts\": 3, \"on\": []}}", "retry.on"),
                refused("{\"retry\": {\"maxAttempts\": 3, \"backoff\": 2}}", "retry.backoff"),
                // pace
                refused("{\"pace\": {\"callsPerMinute\": 0}}", "pace.callsPerMinute"),
                refused("{\"pace\": {\"callsPerMinute\": 601}}", "pace.callsPerMinute"),
                refused("{\"pace\": {\"callsPerMinute\": 4294967326}}", "pace.callsPerMinute"),
                refused("{\"pace\": {\"maxConcurrent\": 101}}", "pace.maxConcurrent"),
                refused("{\"pace\": {\"maxConcurrent\": -1}}", "pace.maxConcurrent"),
                refused("{\"pace\": {\"speed\": 1}}", "pace.speed"),
                refused("{\"pace\": null}", "pace"),
                // recurrence
                refused(cron("*/15 9 ? * MON *"), "recurrence.cron"),
                refused(cron("0,30 9 ? * MON *"), "recurrence.cron"),
                refused(cron("* 9 ? * MON *"), "recurrence.cron"),
                refused(cron("0 9 * * MON"), "recurrence.cron"),
                refused(cron("0 9 ? * MON * *"), "recurrence.cron"),
                refused(cron("0  9 ? * MON *"), "recurrence.cron"),
                refused(cron("cron(0 9 ? * MON *)"), "recurrence.cron"),
                refused(cron("0 9 * * MON *"), "recurrence.cron"),
                refused(cron("0 9 ? * ? *"), "recurrence.cron"),
                refused(cron("0 24 ? * MON *"), "recurrence.cron"),
                refused(cron("60 9 ? * MON *"), "recurrence.cron"),
                refused(cron("0 9 32 * ? *"), "recurrence.cron"),
                refused(cron("0 9 ? 13 MON *"), "recurrence.cron"),
                refused(cron("0 9 ? * FUN *"), "recurrence.cron"),
                refused(cron("0 9 ? * mon *"), "recurrence.cron"),
                refused(cron("0 9 ? * MON 1969"), "recurrence.cron"),
                refused(cron("0 9 ? * MON#6 *"), "recurrence.cron"),
                refused(cron("0 9 ? * MON,TUE#2 *"), "recurrence.cron"),
                refused(cron("0 9 1,L * ? *"), "recurrence.cron"),
                refused(cron("0 9 ? * FRI-MON *"), "recurrence.cron"),
                refused(cron("0 */0 ? * MON *"), "recurrence.cron"),
                refused(cron("0 9 ? * MON/2 *"), "recurrence.cron"),
                refused(cron("0 9 ? JAN-DEK MON *"), "recurrence.cron"),
                refused(cron("0 9 W * ? *"), "recurrence.cron"),
                refused(cron("0 9 ? * MON */1000"), "recurrence.cron"),
                refused("{\"recurrence\": {\"cron\": \"0 9 ? * MON *\", \"timeZone\": \"Mars/Base\"}}", "recurrence.timeZone"),
                refused("{\"recurrence\": {\"cron\": \"0 9 ? * MON *\", \"timeZone\": \"+05:00\"}}", "recurrence.timeZone"),
                refused("{\"recurrence\": {\"cron\": \"0 9 ? * MON *\"}}", "recurrence.timeZone"),
                refused("{\"recurrence\": {\"timeZone\": \"UTC\"}}", "recurrence.cron"),
                refused("{\"recurrence\": \"weekly\"}", "recurrence"),
                refused("{\"recurrence\": {\"cron\": \"0 9 ? * MON *\", \"timeZone\": \"UTC\", \"until\": \"x\"}}",
                        "recurrence.until"),
                // anything else
                refused("{\"colour\": \"blue\"}", "colour"),
                refused("{\"version\": 3}", "version"));
    }

    private static String cron(String cron) {
        return "{\"recurrence\": {\"cron\": \"" + cron + "\", \"timeZone\": \"UTC\"}}";
    }

    private static Arguments refused(String patch, String field) {
        return Arguments.of(patch, field);
    }

    @ParameterizedTest(name = "{0} is refused at {1}")
    @MethodSource("refusals")
    void parse_should_refuseNamingTheField_when_aFieldIsWrong(String patch, String field) {
        // GIVEN
        String body = flu(patch);

        // WHEN
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(body));

        // THEN
        assertEquals(field, e.field().orElse(null), e.getMessage());
    }

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"id", "name", "action"})
    void parse_should_sayAFieldIsRequired_when_itIsLeftOut(String field) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(fluWithout(field)));

        assertEquals(field, e.field().orElseThrow());
        assertTrue(e.getMessage().contains("required"), e.getMessage());
    }

    @Test
    void parse_should_refuseTheBody_when_itsIdIsNotThePathsId() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CampaignParser.parse(tree(FLU), Optional.of("flu-jan"), WORKSPACE, CREATED));

        assertEquals("id", e.field().orElseThrow());
        assertTrue(e.getMessage().contains("flu-jan"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[]", "\"campaign\"", "null", "3"})
    void parse_should_refuseTheBody_when_itIsNotAnObject(String body) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(body));

        assertTrue(e.getMessage().contains("object"), e.getMessage());
    }

    @Test
    void parse_should_explainTheHourlyLimit_when_aCronFiresEveryFewMinutes() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(flu(cron("*/5 * ? * * *"))));

        assertTrue(e.getMessage().contains("more often than once an hour"), e.getMessage());
    }

    @Test
    void parse_should_explainTheQuestionMark_when_bothDayFieldsAreGiven() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(flu(cron("0 9 * * MON *"))));

        assertTrue(e.getMessage().contains("exactly one of day-of-month and day-of-week must be ?"), e.getMessage());
    }

    @Test
    void parse_should_pointToTheTargetsEndpoint_when_theDefinitionListsTooManyNumbers() {
        String phones = IntStream.range(0, 1001).mapToObj(i -> "\"+1312555" + String.format("%04d", i) + "\"")
                .collect(Collectors.joining(","));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> parse(flu("{\"audience\": {\"phones\": [" + phones + "]}}")));

        assertTrue(e.getMessage().contains("targets"), e.getMessage());
    }

    @Test
    void write_should_showTheDocumentedShape_withStatusCreatedAtAndRun() {
        // GIVEN
        Campaign campaign = parse(FLU).withStatus(CampaignStatus.RUNNING).withRun(2);

        // WHEN
        JsonNode view = CampaignParser.write(campaign);

        // THEN
        ObjectNode expected = (ObjectNode) tree(FLU);
        expected.put("status", "running").put("createdAt", "2026-11-27T12:00:00Z").put("run", 2);
        assertEquals(expected, view);
    }

    @Test
    void write_should_showEveryDefault_when_theBodyLeftThemOut() {
        JsonNode view = CampaignParser.write(parse("{\"id\": \"c1\", \"name\": \"N\", \"action\": {\"message\": \"Hi\"}}"));

        assertEquals(tree("""
                {"id": "c1", "name": "N", "action": {"message": "Hi"}, "purpose": "transactional", "callerId": null,
                 "audience": {"phones": []},
                 "schedule": {"startAt": null, "endAt": null, "hours": null, "days": []},
                 "retry": {"maxAttempts": 1, "interval": "PT1H", "on": []},
                 "pace": {"callsPerMinute": 10, "maxConcurrent": 5}, "recurrence": null,
                 "status": "draft", "createdAt": "2026-11-27T12:00:00Z", "run": 0}"""), view);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{}",
            "{\"action\": {\"message\": \"Hi {{data.when | \\\"soon\\\"}}\", \"voice\": \"alice\"}, \"audience\": {\"tag\": \"flu\"}}",
            "{\"recurrence\": {\"cron\": \"0 9 ? * MON#2 2026\", \"timeZone\": \"Asia/Kolkata\"}, \"retry\": {\"on\": []}}",
            "{\"schedule\": {\"endAt\": \"2026-12-05T23:00:00.123456789Z\", \"days\": [\"SUN\", \"SAT\"]}}",
            "{\"retry\": {\"maxAttempts\": 10, \"interval\": \"P7D\", \"on\": [\"voicemail\", \"busy\", \"no_answer\"]}}"})
    void parse_should_readBackWhatWriteGives(String patch) {
        // GIVEN
        Campaign campaign = parse(flu(patch));

        // WHEN
        Campaign again = CampaignParser.parse(tree(CampaignParser.write(campaign).toString()), Optional.empty(),
                WORKSPACE, CREATED);

        // THEN
        assertEquals(campaign, again);
    }
}
