package dev.autocall.domain.ivr;

import dev.autocall.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowParserTest {
    static final String CONFIRMATION = """
            {"name": "Appointment confirmation", "start": "greet", "optOutKey": "9", "voice": "Polly.Joanna",
             "nodes": {
               "greet":   {"type": "say", "text": "Hi {{contact.firstName | \\"there\\"}}, this is {{workspace.name}} about your visit on {{data.when}}.", "next": "menu"},
               "menu":    {"type": "gather", "prompt": "Press 1 to confirm, 2 to reschedule, 3 to cancel.", "numDigits": 1,
                           "timeoutSeconds": 5, "attempts": 2, "choices": {"1": "yes", "2": "move", "3": "cancel"}, "noInput": "bye"},
               "yes":     {"type": "hangup", "say": "Thank you, see you then.", "outcome": "confirmed"},
               "move":    {"type": "sms", "body": "Pick a new time: {{data.link}}", "next": "moved"},
               "moved":   {"type": "hangup", "say": "We have texted you a link.", "outcome": "rescheduled"},
               "cancel":  {"type": "fetch", "url": "https://example.com/hooks/cancel", "next": "cancelled", "onError": "cancelled"},
               "cancelled": {"type": "hangup", "say": "{{fetch.message | \\"Your visit is cancelled.\\"}}", "outcome": "declined"},
               "bye":     {"type": "hangup", "say": "Goodbye.", "outcome": "no_input"}}}
            """;

    static final String CONFIRMATION_YAML = """
            name: Appointment confirmation
            start: greet
            optOutKey: "9"
            voice: Polly.Joanna
            nodes:
              greet:
                type: say
                text: 'Hi {{contact.firstName | "there"}}, this is {{workspace.name}} about your visit on {{data.when}}.'
                next: menu
              menu:
                type: gather
                prompt: Press 1 to confirm, 2 to reschedule, 3 to cancel.
                numDigits: 1
                timeoutSeconds: 5
                attempts: 2
                choices: {"1": "yes", "2": move, "3": cancel}
                noInput: bye
              "yes": {type: hangup, say: "Thank you, see you then.", outcome: confirmed}
              move: {type: sms, body: "Pick a new time: {{data.link}}", next: moved}
              moved: {type: hangup, say: We have texted you a link., outcome: rescheduled}
              cancel: {type: fetch, url: "https://example.com/hooks/cancel", next: cancelled, onError: cancelled}
              cancelled: {type: hangup, say: '{{fetch.message | "Your visit is cancelled."}}', outcome: declined}
              bye: {type: hangup, say: Goodbye., outcome: no_input}
            """;

    private static ValidatedFlow read(String body) {
        return FlowParser.read("flow", body, Optional.empty());
    }

    /** A flow whose start node is {@code a}, with the given nodes. */
    private static String flow(String nodes) {
        return "{\"start\": \"a\", \"nodes\": {" + nodes + "}}";
    }

    @Test
    void read_should_giveTheSameFlow_when_writtenInJsonOrYaml() {
        Flow fromJson = read(CONFIRMATION).flow();
        Flow fromYaml = FlowParser.read("flow", CONFIRMATION_YAML, Optional.of("application/yaml")).flow();

        assertEquals(fromJson, fromYaml);
        assertEquals("Appointment confirmation", fromJson.name());
        assertEquals(new FlowNode.Gather("Press 1 to confirm, 2 to reschedule, 3 to cancel.", null, 1,
                null, 5, 2, Map.of("1", "yes", "2", "move", "3", "cancel"), "bye", null), fromJson.node("menu"));
        assertEquals(read(CONFIRMATION).json(), FlowParser.read("flow", CONFIRMATION_YAML, Optional.empty()).json());
    }

    @Test
    void parseStored_should_readBackWhatReadChecked() {
        ValidatedFlow checked = read(CONFIRMATION);

        assertEquals(checked.flow(), FlowParser.parseStored(checked.json()));
    }

    @Test
    void read_should_fillInEveryDefault_when_fieldsAreLeftOut() {
        Flow flow = read(flow("""
                "a": {"type": "say", "text": "Hi", "next": "g"},
                "g": {"type": "gather", "prompt": "Press 1", "choices": {"1": "r"}},
                "r": {"type": "record", "next": "d"},
                "d": {"type": "dial", "next": "f"},
                "f": {"type": "fetch", "url": "https://example.com/x", "next": "p"},
                "p": {"type": "pause", "next": "h"},
                "h": {"type": "hangup"}""")).flow();

        assertEquals("9", flow.optOutKey());
        assertNull(flow.name());
        assertEquals(new FlowNode.Say("Hi", null, 1, null, null, "g"), flow.node("a"));
        assertEquals(new FlowNode.Gather("Press 1", null, 1, null, 5, 2, Map.of("1", "r"), null, null), flow.node("g"));
        assertEquals(new FlowNode.Record(null, 120, false, "d"), flow.node("r"));
        assertEquals(new FlowNode.Dial(null, null, 20, false, "f", null), flow.node("d"));
        assertEquals(new FlowNode.Fetch("https://example.com/x", 5, "p", null), flow.node("f"));
        assertEquals(new FlowNode.Pause(1, "h"), flow.node("p"));
        assertEquals(new FlowNode.Hangup(null, "completed"), flow.node("h"));
    }

    @Test
    void read_should_turnTheOptOutKeyOff_when_itIsNull_andKeepThatNullWhenStored() {
        ValidatedFlow checked = read("{\"start\": \"a\", \"optOutKey\": null, \"nodes\": {\"a\": "
                + "{\"type\": \"gather\", \"prompt\": \"Press 9\", \"choices\": {\"9\": \"b\"}}, \"b\": {\"type\": \"hangup\"}}}");

        assertNull(checked.flow().optOutKey());
        assertNull(FlowParser.parseStored(checked.json()).optOutKey());
    }

    @Test
    void read_should_acceptTemplatesAndLoopback_where_theyAreAllowed() {
        Flow flow = read(flow("""
                "a": {"type": "say", "digits": "{{data.code}}", "repeat": 2, "next": "d"},
                "d": {"type": "dial", "number": "{{workspace.forwarding}}", "whisper": "Call for {{contact.firstName}}", "next": "f"},
                "f": {"type": "fetch", "url": "http://127.0.0.1:8080/balance?keys={{keys}}", "next": "e"},
                "e": {"type": "dial", "number": "+14155550111", "noAnswer": "h"},
                "h": {"type": "hangup", "say": "You owe {{fetch.balance | \\"nothing\\"}}."}""")).flow();

        assertEquals(new FlowNode.Say(null, "{{data.code}}", 2, null, null, "d"), flow.node("a"));
        assertEquals("http://127.0.0.1:8080/balance?keys={{keys}}", ((FlowNode.Fetch) flow.node("f")).url());
    }

    static Stream<Arguments> refusals() {
        String hangup = "\"h\": {\"type\": \"hangup\"}";
        return Stream.of(
                Arguments.of("no start", "{\"nodes\": {" + hangup + "}}", "start", "start is required"),
                Arguments.of("unknown start", "{\"start\": \"x\", \"nodes\": {" + hangup + "}}", "start", "'x' names no node"),
                Arguments.of("no nodes", "{\"start\": \"a\", \"nodes\": {}}", "nodes", "at least one node"),
                Arguments.of("bad node id", flow("\"a b\": {\"type\": \"hangup\"}"), "nodes.a b", "node id 'a b'"),
                Arguments.of("unknown type", flow("\"a\": {\"type\": \"menu\"}"), "nodes.a.type", "'menu' is not a node type; use one of [dial, fetch, gather, hangup, pause, play, record, say, sms]"),
                Arguments.of("missing type", flow("\"a\": {\"text\": \"hi\"}"), "nodes.a.type", "type is required"),
                Arguments.of("field the type does not allow", flow("\"a\": {\"type\": \"say\", \"text\": \"hi\", \"url\": \"https://x.io/a.mp3\"}"),
                        "nodes.a.url", "node 'a' (say): unknown field url"),
                Arguments.of("target naming no node", flow("\"a\": {\"type\": \"say\", \"text\": \"hi\", \"next\": \"nowhere\"}"),
                        "nodes.a.next", "node 'a' (say): next 'nowhere' names no node"),
                Arguments.of("unreachable node", flow("\"a\": {\"type\": \"say\", \"text\": \"hi\"}, " + hangup),
                        "nodes.h", "node 'h' is never reached from start 'a'"),
                Arguments.of("gather without prompt", flow("\"a\": {\"type\": \"gather\", \"choices\": {\"1\": \"h\"}}, " + hangup),
                        "nodes.a.prompt", "node 'a' (gather): needs exactly one of prompt"),
                Arguments.of("gather with both prompts", flow("\"a\": {\"type\": \"gather\", \"prompt\": \"x\", \"promptUrl\": \"https://x.io/a.mp3\", \"choices\": {\"1\": \"h\"}}, " + hangup),
                        "nodes.a.prompt", "exactly one of prompt"),
                Arguments.of("gather without choices", flow("\"a\": {\"type\": \"gather\", \"prompt\": \"x\", \"choices\": {}}"),
                        "nodes.a.choices", "node 'a' (gather): choices must map"),
                Arguments.of("choice key not keys", flow("\"a\": {\"type\": \"gather\", \"prompt\": \"x\", \"choices\": {\"A\": \"h\"}}, " + hangup),
                        "nodes.a.choices", "choice 'A' is not a key sequence"),
                Arguments.of("choice key longer than numDigits", flow("\"a\": {\"type\": \"gather\", \"prompt\": \"x\", \"choices\": {\"12\": \"h\"}}, " + hangup),
                        "nodes.a.choices", "choice '12' has 2 keys but numDigits is 1"),
                Arguments.of("choice key is the opt-out key", flow("\"a\": {\"type\": \"gather\", \"prompt\": \"x\", \"choices\": {\"9\": \"h\"}}, " + hangup),
                        "nodes.a.choices", "choice '9' is the flow's optOutKey"),
                Arguments.of("choice naming no node", flow("\"a\": {\"type\": \"gather\", \"prompt\": \"x\", \"choices\": {\"1\": \"z\"}}"),
                        "nodes.a.choices", "choice '1' goes to \"z\", which names no node"),
                Arguments.of("numDigits out of range", flow("\"a\": {\"type\": \"gather\", \"prompt\": \"x\", \"numDigits\": 21, \"choices\": {\"1\": \"h\"}}, " + hangup),
                        "nodes.a.numDigits", "numDigits must be a whole number from 1 to 20"),
                Arguments.of("gather timeout out of range", flow("\"a\": {\"type\": \"gather\", \"prompt\": \"x\", \"timeoutSeconds\": 0, \"choices\": {\"1\": \"h\"}}, " + hangup),
                        "nodes.a.timeoutSeconds", "from 1 to 60"),
                Arguments.of("attempts out of range", flow("\"a\": {\"type\": \"gather\", \"prompt\": \"x\", \"attempts\": 6, \"choices\": {\"1\": \"h\"}}, " + hangup),
                        "nodes.a.attempts", "from 1 to 5"),
                Arguments.of("fractional attempts", flow("\"a\": {\"type\": \"gather\", \"prompt\": \"x\", \"attempts\": 1.5, \"choices\": {\"1\": \"h\"}}, " + hangup),
                        "nodes.a.attempts", "whole number"),
                Arguments.of("say with neither text nor digits", flow("\"a\": {\"type\": \"say\"}"), "nodes.a.text", "node 'a' (say): needs exactly one of text"),
                Arguments.of("say with both", flow("\"a\": {\"type\": \"say\", \"text\": \"x\", \"digits\": \"1\"}"), "nodes.a.text", "exactly one of text"),
                Arguments.of("repeat out of range", flow("\"a\": {\"type\": \"say\", \"text\": \"x\", \"repeat\": 6}"), "nodes.a.repeat", "from 1 to 5"),
                Arguments.of("play url not http", flow("\"a\": {\"type\": \"play\", \"url\": \"ftp://x.io/a.mp3\"}"), "nodes.a.url", "node 'a' (play): url must be an http(s) URL"),
                Arguments.of("promptUrl not http", flow("\"a\": {\"type\": \"gather\", \"promptUrl\": \"file:///etc/passwd\", \"choices\": {\"1\": \"h\"}}, " + hangup),
                        "nodes.a.promptUrl", "promptUrl must be an http(s) URL"),
                Arguments.of("sms without body", flow("\"a\": {\"type\": \"sms\"}"), "nodes.a.body", "node 'a' (sms): body is required"),
                Arguments.of("sms body too long", flow("\"a\": {\"type\": \"sms\", \"body\": \"" + "x".repeat(1601) + "\"}"), "nodes.a.body", "longer than 1600"),
                Arguments.of("dial number not E.164", flow("\"a\": {\"type\": \"dial\", \"number\": \"4155550111\"}"), "nodes.a.number", "node 'a' (dial): number must be an E.164 number"),
                Arguments.of("dial timeout out of range", flow("\"a\": {\"type\": \"dial\", \"timeoutSeconds\": 4}"), "nodes.a.timeoutSeconds", "from 5 to 120"),
                Arguments.of("fetch url http to a public host", flow("\"a\": {\"type\": \"fetch\", \"url\": \"http://example.com/x\"}"), "nodes.a.url", "node 'a' (fetch): url must be https"),
                Arguments.of("fetch host a template", flow("\"a\": {\"type\": \"fetch\", \"url\": \"https://{{data.host}}/x\"}"), "nodes.a.url", "a fixed host"),
                Arguments.of("fetch timeout out of range", flow("\"a\": {\"type\": \"fetch\", \"url\": \"https://example.com/x\", \"timeoutSeconds\": 11}"), "nodes.a.timeoutSeconds", "from 1 to 10"),
                Arguments.of("pause out of range", flow("\"a\": {\"type\": \"pause\", \"seconds\": 61}"), "nodes.a.seconds", "from 1 to 60"),
                Arguments.of("hangup outcome not a word", flow("\"a\": {\"type\": \"hangup\", \"outcome\": \"Confirmed!\"}"), "nodes.a.outcome", "node 'a' (hangup): outcome 'Confirmed!' must be a lowercase word"),
                Arguments.of("optOutKey not one key", "{\"start\": \"h\", \"optOutKey\": \"99\", \"nodes\": {" + hangup + "}}", "optOutKey", "optOutKey must be one key"),
                Arguments.of("optOutKey a number", "{\"start\": \"h\", \"optOutKey\": 9, \"nodes\": {" + hangup + "}}", "optOutKey", "written as a string"),
                Arguments.of("template with an unknown root", flow("\"a\": {\"type\": \"say\", \"text\": \"{{event.type}}\"}"), "nodes.a.text", "node 'a' (say): nodes.a.text: unknown placeholder {{event.type}}"),
                Arguments.of("unreadable template", flow("\"a\": {\"type\": \"sms\", \"body\": \"{{contact.firstName\"}"), "nodes.a.body", "never closed"),
                Arguments.of("template in hangup.say", flow("\"a\": {\"type\": \"hangup\", \"say\": \"{{call.keys}}\"}"), "nodes.a.say", "unknown placeholder"),
                Arguments.of("template in dial.whisper", flow("\"a\": {\"type\": \"dial\", \"whisper\": \"{{x}}\"}"), "nodes.a.whisper", "unknown placeholder"),
                Arguments.of("template in record.prompt", flow("\"a\": {\"type\": \"record\", \"prompt\": \"{{ }}\"}"), "nodes.a.prompt", "cannot read placeholder"),
                Arguments.of("null where a value is needed", flow("\"a\": {\"type\": \"say\", \"text\": null}"), "nodes.a.text", "is null"),
                Arguments.of("say voice not a voice", flow("\"a\": {\"type\": \"say\", \"text\": \"x\", \"voice\": \"Polly Joanna!\"}"), "nodes.a.voice", "node 'a' (say): voice 'Polly Joanna!' is not a voice name"),
                Arguments.of("flow language not a tag", "{\"start\": \"h\", \"language\": \"English\", \"nodes\": {" + hangup + "}}", "language", "not a language tag"),
                Arguments.of("unknown top-level field", "{\"start\": \"h\", \"steps\": [], \"nodes\": {" + hangup + "}}", "steps", "unknown field steps"),
                Arguments.of("control character", flow("\"a\": {\"type\": \"say\", \"text\": \"hi\\u0007\"}"), "nodes.a.text", "U+0007"),
                Arguments.of("a node that is not an object", flow("\"a\": \"say hi\""), "nodes.a", "must be an object"),
                Arguments.of("too many nodes", "{\"start\": \"n0\", \"nodes\": {" + IntStream.range(0, 201)
                        .mapToObj(i -> "\"n" + i + "\": {\"type\": \"hangup\"}").collect(Collectors.joining(", ")) + "}}", "nodes", "at most 200 nodes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void read_should_refuse_namingTheNodeAndField(String what, String body, String field, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(body));

        assertEquals(Optional.of(field), e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(message), "message: " + e.getMessage());
    }

    @Test
    void read_should_refuseMalformedJson_and_trailingText() {
        assertThrows(InvalidInputException.class, () -> read("{\"start\": \"h\""));
        assertThrows(InvalidInputException.class, () -> read("{\"start\": \"h\", \"nodes\": {\"h\": {\"type\": \"hangup\"}}} x"));
        assertThrows(InvalidInputException.class, () -> read("{\"start\": \"h\", \"start\": \"h\", \"nodes\": {\"h\": {\"type\": \"hangup\"}}}"));
        assertThrows(InvalidInputException.class, () -> read("- a list"));
    }

    @Test
    void read_should_readJsonAfterAByteOrderMark() {
        assertEquals("h", read("\uFEFF{\"start\": \"h\", \"nodes\": {\"h\": {\"type\": \"hangup\"}}}").flow().start());
    }

    @Test
    void read_should_acceptALoopThatReachesEveryNode() {
        Flow flow = read(flow("""
                "a": {"type": "gather", "prompt": "Press 1 to hear it again", "choices": {"1": "again"}, "noInput": "h"},
                "again": {"type": "say", "text": "Again.", "next": "a"},
                "h": {"type": "hangup"}""")).flow();

        assertEquals(List.of("again", "h"), flow.node("a").targets());
    }

    @Test
    void read_should_takeYesAndNoAsNodeIds_when_writtenPlainInYaml() {
        Flow flow = FlowParser.read("flow", """
                start: menu
                nodes:
                  menu: {type: gather, prompt: Press 1 or 2., choices: {"1": yes, "2": no}}
                  yes: {type: hangup, outcome: confirmed}
                  no: {type: hangup, outcome: declined}
                """, Optional.empty()).flow();

        assertEquals(Map.of("1", "yes", "2", "no"), ((FlowNode.Gather) flow.node("menu")).choices());
    }
}
