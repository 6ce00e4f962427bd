package dev.autocall.domain.workflow;

import dev.autocall.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkflowParserTest {
    private static final String JSON = """
            {
              "name": "Lead follow-up",
              "trigger": "lead.created",
              "enabled": true,
              "testMode": true,
              "filters": [{"field": "data.source", "equals": "web"}],
              "steps": [
                {"type": "sendSms", "body": "Hi {{contact.firstName | \\"there\\"}}, thanks for your request!"},
                {"type": "createTask", "title": "Call {{contact.phone}}", "dueInMinutes": 15},
                {"type": "addTag", "tag": "contacted"},
                {"type": "removeTag", "tag": "new"},
                {"type": "notify", "body": "New lead {{contact.phone}}"}
              ]
            }
            """;

    private static final String YAML = """
            name: Lead follow-up
            trigger: lead.created
            enabled: true
            testMode: true
            filters:
              - field: data.source
                equals: web
            steps:
              - type: sendSms
                body: 'Hi {{contact.firstName | "there"}}, thanks for your request!'
              - type: createTask
                title: "Call {{contact.phone}}"
                dueInMinutes: 15
              - type: addTag
                tag: contacted
              - type: removeTag
                tag: new
              - type: notify
                body: "New lead {{contact.phone}}"
            """;

    @Test
    void parse_should_readTheSameDefinition_when_writtenInJsonOrYaml() {
        // WHEN
        WorkflowDefinition fromJson = WorkflowParser.parse("lead-follow-up", JSON);
        WorkflowDefinition fromYaml = WorkflowParser.parse("lead-follow-up", YAML);

        // THEN
        assertEquals(fromJson, fromYaml);
        assertEquals(new WorkflowDefinition("lead-follow-up", "Lead follow-up", "lead.created", true, true,
                List.of(new Filter("data.source", "equals", "web")),
                List.of(new Step.SendSms("Hi {{contact.firstName | \"there\"}}, thanks for your request!"),
                        new Step.CreateTask("Call {{contact.phone}}", 15),
                        new Step.AddTag("contacted"),
                        new Step.RemoveTag("new"),
                        new Step.Notify("New lead {{contact.phone}}"))), fromJson);
    }

    @Test
    void toJson_should_normalizeYamlToTheSameJson_when_theDefinitionsAgree() {
        // WHEN / THEN
        assertEquals(WorkflowParser.toJson(JSON), WorkflowParser.toJson(YAML));
    }

    @Test
    void parse_should_applyDefaults_when_optionalFieldsAreLeftOut() {
        // WHEN
        WorkflowDefinition definition = WorkflowParser.parse("callback", """
                trigger: call.missed
                steps:
                  - type: createTask
                    title: Call back
                """);

        // THEN
        assertEquals("callback", definition.name());
        assertTrue(definition.enabled());
        assertFalse(definition.testMode());
        assertEquals(List.of(), definition.filters());
        assertEquals(List.of(new Step.CreateTask("Call back", 60)), definition.steps());
    }

    static Stream<Arguments> invalidDefinitions() {
        return Stream.of(
                Arguments.of("a step without its body", """
                        {"trigger": "call.missed", "steps": [
                          {"type": "createTask", "title": "Call back"},
                          {"type": "sendSms"}]}""", "steps[1].body", "is required"),
                Arguments.of("a body that is not text", """
                        {"trigger": "call.missed", "steps": [
                          {"type": "createTask", "title": "Call back"},
                          {"type": "sendSms", "body": 42}]}""", "steps[1].body", "non-empty string"),
                Arguments.of("a bad placeholder", """
                        {"trigger": "call.missed", "steps": [
                          {"type": "sendSms", "body": "Hi {{caller.name}}"}]}""", "steps[0].body", "unknown placeholder"),
                Arguments.of("a bad placeholder in a task title", """
                        {"trigger": "call.missed", "steps": [
                          {"type": "createTask", "title": "Call {{contact.phone"}]}""", "steps[0].title", "never closed"),
                Arguments.of("an unknown step type", """
                        {"trigger": "call.missed", "steps": [
                          {"type": "sendSms", "body": "hi"}, {"type": "sendFax", "body": "hi"}]}""", "steps[1].type", "sendFax"),
                Arguments.of("a step without type", """
                        {"trigger": "call.missed", "steps": [{"body": "hi"}]}""", "steps[0].type", "is required"),
                Arguments.of("an unknown field in a step", """
                        {"trigger": "call.missed", "steps": [{"type": "sendSms", "body": "hi", "delay": 5}]}""",
                        "steps[0].delay", "unknown field"),
                Arguments.of("an unknown top-level field", """
                        {"trigger": "call.missed", "schedule": "daily", "steps": [{"type": "sendSms", "body": "hi"}]}""",
                        "schedule", "unknown field"),
                Arguments.of("empty steps", """
                        {"trigger": "call.missed", "steps": []}""", "steps", "non-empty"),
                Arguments.of("missing steps", """
                        {"trigger": "call.missed"}""", "steps", "non-empty"),
                Arguments.of("a missing trigger", """
                        {"steps": [{"type": "sendSms", "body": "hi"}]}""", "trigger", "is required"),
                Arguments.of("a trigger that is not an event type", """
                        {"trigger": "missed call", "steps": [{"type": "sendSms", "body": "hi"}]}""", "trigger", "not an event type"),
                Arguments.of("a negative due time", """
                        {"trigger": "call.missed", "steps": [{"type": "createTask", "title": "x", "dueInMinutes": -5}]}""",
                        "steps[0].dueInMinutes", "whole number"),
                Arguments.of("a fractional due time", """
                        {"trigger": "call.missed", "steps": [{"type": "createTask", "title": "x", "dueInMinutes": 1.5}]}""",
                        "steps[0].dueInMinutes", "whole number"),
                Arguments.of("enabled that is not a boolean", """
                        {"trigger": "call.missed", "enabled": "yes", "steps": [{"type": "sendSms", "body": "hi"}]}""",
                        "enabled", "true or false"),
                Arguments.of("a filter with two operators", """
                        {"trigger": "call.missed", "filters": [{"field": "data.x", "equals": "a", "contains": "b"}],
                         "steps": [{"type": "sendSms", "body": "hi"}]}""", "filters[0]", "exactly one operator"),
                Arguments.of("a filter with an unknown operator", """
                        {"trigger": "call.missed", "filters": [{"field": "data.x", "startsWith": "a"}],
                         "steps": [{"type": "sendSms", "body": "hi"}]}""", "filters[0]", "exactly one operator"),
                Arguments.of("an overlong SMS", "{\"trigger\": \"call.missed\", \"steps\": [{\"type\": \"sendSms\", \"body\": \""
                        + "x".repeat(WorkflowParser.MAX_SMS_LENGTH + 1) + "\"}]}", "steps[0].body", "longer than"));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("invalidDefinitions")
    void parse_should_nameTheOffendingField_when_theDefinitionIsInvalid(String what, String text, String field, String says) {
        // WHEN
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> WorkflowParser.parse("wf", text));

        // THEN
        assertEquals(field, e.field().orElse(null), e.getMessage());
        assertTrue(e.getMessage().contains(field), e.getMessage());
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }

    @Test
    void parse_should_listTheStepTypes_when_theTypeIsUnknown() {
        // WHEN
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> WorkflowParser.parse("wf",
                "{\"trigger\": \"call.missed\", \"steps\": [{\"type\": \"sendFax\"}]}"));

        // THEN
        assertTrue(e.getMessage().contains("sendSms") && e.getMessage().contains("createTask"), e.getMessage());
    }

    @Test
    void parse_should_reportWhereTheTextBreaks_when_itIsNotJsonOrYaml() {
        // WHEN
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> WorkflowParser.parse("wf", "{\"trigger\": \"call.missed\", \"steps\": [}"));

        // THEN
        assertTrue(e.getMessage().startsWith("malformed workflow definition"), e.getMessage());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void parse_should_rejectTheText_when_itIsNotAnObject() {
        // WHEN
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> WorkflowParser.parse("wf", "- sendSms\n- createTask\n"));

        // THEN
        assertTrue(e.getMessage().contains("trigger and steps"), e.getMessage());
    }

    static Stream<Arguments> unboundedDurations() {
        return Stream.of(
                Arguments.of("a wait longer than the scheduler can hold", """
                        {"trigger": "lead.created", "steps": [{"type": "wait", "duration": "P999999999D"}]}""",
                        "steps[0].duration", "at most"),
                Arguments.of("a wait of 367 days", """
                        {"trigger": "lead.created", "steps": [{"type": "wait", "duration": "P367D"}]}""",
                        "steps[0].duration", "at most"),
                Arguments.of("a negative wait", """
                        {"trigger": "lead.created", "steps": [{"type": "wait", "duration": "-PT1H"}]}""",
                        "steps[0].duration", "positive"),
                Arguments.of("a wait of nothing", """
                        {"trigger": "lead.created", "steps": [{"type": "wait", "duration": "PT0S"}]}""",
                        "steps[0].duration", "positive"),
                Arguments.of("a negative retry interval", """
                        {"trigger": "lead.created", "steps": [{"type": "makeCall", "ifNoAnswer":
                          {"action": "retry", "interval": "-PT1H"}}]}""",
                        "steps[0].ifNoAnswer.interval", "positive"),
                Arguments.of("a retry interval of a year", """
                        {"trigger": "lead.created", "steps": [{"type": "leaveVoicemail", "message": "Hi", "ifNoAnswer":
                          {"action": "retry", "interval": "P365D"}}]}""",
                        "steps[0].ifNoAnswer.interval", "at most"),
                Arguments.of("an until offset past the bound", """
                        {"trigger": "lead.created", "steps": [{"type": "wait", "until": "data.at", "offset": "-P367D"}]}""",
                        "steps[0].offset", "366 days"),
                Arguments.of("an until offset that overflows", """
                        {"trigger": "lead.created", "steps": [{"type": "wait", "until": "data.at", "offset": "P999999999D"}]}""",
                        "steps[0].offset", "366 days"));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("unboundedDurations")
    void parse_should_refuseTheDuration_when_itIsOutOfBounds(String what, String text, String field, String says) {
        // WHEN
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> WorkflowParser.parse("wf", text));

        // THEN
        assertEquals(field, e.field().orElse(null), e.getMessage());
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }

    @Test
    void parse_should_acceptDurations_when_theyLieOnTheBounds() {
        // WHEN
        WorkflowDefinition definition = WorkflowParser.parse("wf", """
                {"trigger": "lead.created", "steps": [
                  {"type": "wait", "duration": "P366D"},
                  {"type": "wait", "until": "data.at", "offset": "-P366D"},
                  {"type": "wait", "until": "data.at", "offset": "P366D"},
                  {"type": "makeCall", "ifNoAnswer": {"action": "retry", "interval": "P30D"}},
                  {"type": "wait", "duration": "PT1S"}]}""");

        // THEN
        assertEquals(java.time.Duration.ofDays(366), ((Step.Wait) definition.steps().get(0)).duration());
        assertEquals(WorkflowParser.MAX_WAIT, ((Step.Wait) definition.steps().get(0)).duration());
        assertEquals(java.time.Duration.ofDays(-366), ((Step.Wait) definition.steps().get(1)).offset());
        assertEquals(java.time.Duration.ofDays(30), ((Step.MakeCall) definition.steps().get(3)).ifNoAnswer().interval());
    }
}
