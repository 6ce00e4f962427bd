package dev.autocall.domain.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.autocall.domain.outbound.CallOutcome;
import dev.autocall.domain.outbound.Purpose;
import dev.autocall.json.Json;
import dev.autocall.testing.Fuzz;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static dev.autocall.testing.FuzzChecks.answersOrRefuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Fuzz tests of {@link WorkflowParser}: every valid workflow parses and its stored JSON reads back the same;
 * anything else is refused with InvalidInputException and nothing else escapes.
 */
class WorkflowParserFuzzTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final List<String> EDITS = List.of("", "\"", "{", "}", "[", "]", ",", ":", "\\", "\\u",
            "\\ud800", "\n", "- ", "&a ", "*a", "!!", "\u0085");
    private static final List<JsonNode> ODD_VALUES = List.of(
            NODES.nullNode(), NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(Integer.MAX_VALUE),
            NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(new BigInteger("4294967326")),
            NODES.numberNode(new BigInteger("99999999999999999999999")), NODES.numberNode(1.5), NODES.numberNode(1e300),
            NODES.numberNode(Double.NaN), NODES.booleanNode(true), NODES.textNode(""), NODES.textNode(" "),
            NODES.textNode("x"), NODES.textNode("next"), NODES.textNode("end"), NODES.textNode("P999999999D"),
            NODES.textNode("-PT1H"), NODES.textNode("PT0S"), NODES.textNode("-P-1D"), NODES.textNode("PT-0.5S"),
            NODES.textNode("-PT9223372036854775808S"), NODES.textNode("PT9223372036854775807S"),
            NODES.textNode("P106751991167300D"), NODES.textNode("{{"), NODES.textNode("}}{{data.x"),
            NODES.textNode("+1"), NODES.textNode("+14155550111 "), NODES.textNode("data"), NODES.textNode("data."),
            NODES.textNode("."), NODES.textNode("contact..x"), NODES.textNode("x".repeat(5000)),
            NODES.textNode("\u0085"), NODES.textNode("\uD800"), NODES.textNode("a\nb"),
            NODES.arrayNode(), NODES.arrayNode().add(NODES.nullNode()), NODES.objectNode(),
            NODES.objectNode().putNull("a"), NODES.objectNode().put("action", "retry").put("interval", "P31D"),
            NODES.arrayNode().add("failed"), NODES.objectNode().put("type", "branch"));
    private static final List<NumberField> NUMBER_FIELDS = List.of(new NumberField("createTask", "", "dueInMinutes"),
            new NumberField("makeCall", "", "timeoutSeconds"), new NumberField("makeCall", "ifNoAnswer", "maxAttempts"));
    private static final List<String> OPERATORS = Filter.OPERATORS.stream().sorted().toList();
    private static final String LINE_CHARS = Fuzz.ALPHANUMERIC + " .,!?'\"-_:#&()é日ß\uD83D\uDE00";

    record Edited(ObjectNode workflow, List<Edit> edits) {
    }

    record Edit(int at, int cut, String insert) {
    }

    record Replaced(ObjectNode workflow, int where, JsonNode replacement) {
    }

    record OddField(StepType type, String field, JsonNode value) {
    }

    record NumberField(String type, String holder, String field) {
    }

    record WholeNumber(BigInteger number, NumberField where) {
    }

    record Nesting(int depth, String opener) {
    }

    @Test
    void validWorkflows_should_parse_and_readBackEqualFromTheirStoredJson() {
        Fuzz.forAll(WorkflowParserFuzzTest::workflow, workflow -> {
            String json = Json.MAPPER.writeValueAsString(workflow);

            ValidatedWorkflow draft = WorkflowParser.read("wf", json, Optional.of("application/json"));

            assertEquals(draft.definition(), WorkflowParser.parseStored("wf", draft.json()));
            assertEquals(draft.definition(), WorkflowParser.parse("wf", YAML.writeValueAsString(workflow)));
            assertEquals(workflow.get("steps").size(), draft.definition().steps().size());
        });
    }

    @Test
    void arbitraryText_should_parseOrBeRefused() {
        Fuzz.forAll(WorkflowParserFuzzTest::text, WorkflowParserFuzzTest::parsesOrIsRefused);
    }

    /** Found by the fuzzer: a JSON syntax error quoted half a surrogate pair from the body back in its message. */
    @Test
    void aSyntaxErrorNextToHalfASurrogatePair_should_beRefusedWithAMessageA400CanCarry() {
        parsesOrIsRefused("{\"trigger\": \uD800}");
        parsesOrIsRefused("\uD800");
        parsesOrIsRefused("{\"trigger\": \"lead.created\", \"steps\": [\uDC00]}");
    }

    @Test
    void mutatedTexts_should_parseOrBeRefused() {
        Fuzz.forAll(fuzz -> new Edited(workflow(fuzz), fuzz.listOf(1, 4, () -> new Edit(fuzz.intBetween(0, 5000),
                fuzz.intBetween(0, 5), fuzz.oneOf(() -> fuzz.string(3), () -> fuzz.pick(EDITS))))), edited -> {
            for (String text : List.of(Json.MAPPER.writeValueAsString(edited.workflow()),
                    YAML.writeValueAsString(edited.workflow()))) {
                StringBuilder mutated = new StringBuilder(text);
                for (Edit edit : edited.edits()) {
                    int at = Math.floorMod(edit.at(), mutated.length() + 1);
                    int end = Math.min(mutated.length(), at + edit.cut());
                    mutated.replace(at, end, edit.insert());
                }
                answersOrRefuses(() -> WorkflowParser.read("wf", mutated.toString(), Optional.empty()));
            }
        });
    }

    /** Token-aware edits as well: a token or a character deleted, duplicated or replaced, in JSON and in YAML. */
    @Test
    void tokenEditedTexts_should_parseOrBeRefused() {
        Fuzz.forAll(fuzz -> {
            ObjectNode workflow = workflow(fuzz);
            String text = fuzz.bool() ? workflow.toString() : yaml(workflow);
            return fuzz.mutate(text, EDITS, 1, 3);
        }, WorkflowParserFuzzTest::parsesOrIsRefused);
    }

    @Test
    void mutatedTrees_should_parseOrBeRefused() {
        Fuzz.forAll(fuzz -> new Replaced(workflow(fuzz), fuzz.intBetween(0, 10_000), fuzz.pick(ODD_VALUES)), r -> {
            ObjectNode workflow = r.workflow().deepCopy();
            List<Runnable> replacements = new ArrayList<>();
            collect(workflow, r.replacement(), replacements);
            replacements.get(r.where() % replacements.size()).run();
            String json = Json.MAPPER.writeValueAsString(workflow);

            ValidatedWorkflow draft = answersOrRefuses(() -> WorkflowParser.read("wf", json, Optional.empty()));

            if (draft != null) {
                assertEquals(draft.definition(), WorkflowParser.parseStored("wf", draft.json()));
            }
        });
    }

    /** Every odd value in every field of every step type: few enough to try them all. */
    @Test
    void oddValuesInAnyStepField_should_parseOrBeRefused() {
        List<OddField> cases = new ArrayList<>();
        for (StepType type : StepType.values()) {
            for (String field : type.fields().stream().filter(f -> !f.equals("type")).sorted().toList()) {
                ODD_VALUES.forEach(value -> cases.add(new OddField(type, field, value)));
            }
        }
        Fuzz.forEach(cases, c -> {
            ObjectNode step = minimal(c.type());
            step.set(c.field(), c.value().deepCopy());
            ObjectNode root = NODES.objectNode().put("trigger", "lead.created");
            root.putArray("steps").add(step).add(type("addTag").put("id", "later").put("tag", "x"));
            String json = Json.MAPPER.writeValueAsString(root);

            ValidatedWorkflow draft = answersOrRefuses(() -> WorkflowParser.read("wf", json, Optional.empty()));

            if (draft != null) {
                assertEquals(draft.definition(), WorkflowParser.parseStored("wf", draft.json()));
            }
        });
    }

    /** Found by the fuzzer: a wait with until "." threw ArrayIndexOutOfBoundsException. */
    @Test
    void aWaitUntilADot_should_beRefused() {
        String json = "{\"trigger\": \"lead.created\", \"steps\": [{\"type\": \"wait\", \"until\": \".\"}]}";

        assertNull(answersOrRefuses(() -> WorkflowParser.read("wf", json, Optional.empty())));
    }

    @Test
    void wholeNumbers_should_beTakenExactlyOrRefused() {
        Fuzz.forAll(fuzz -> new WholeNumber(wholeNumber(fuzz), fuzz.pick(NUMBER_FIELDS)),
                WorkflowParserFuzzTest::takenExactlyOrRefused);
    }

    /** Found by the fuzzer: 2^64+5 was saved as 5 (the low 32 bits). */
    @Test
    void wholeNumbersJustAbove32And64Bits_should_beRefused() throws Exception {
        for (NumberField where : NUMBER_FIELDS) {
            for (BigInteger number : List.of(BigInteger.TWO.pow(64).add(BigInteger.valueOf(5)),
                    BigInteger.TWO.pow(32).add(BigInteger.valueOf(30)))) {
                takenExactlyOrRefused(new WholeNumber(number, where));
            }
        }
    }

    private static void takenExactlyOrRefused(WholeNumber w) throws Exception {
        NumberField where = w.where();
        BigInteger number = w.number();
        ObjectNode step = type(where.type());
        ObjectNode holder = where.holder().isEmpty() ? step : step.putObject(where.holder()).put("action", "retry");
        holder.put(where.field(), number);
        if (where.type().equals("createTask")) {
            step.put("title", "x");
        }
        String json = "{\"trigger\": \"lead.created\", \"steps\": [" + Json.MAPPER.writeValueAsString(step) + "]}";

        WorkflowDefinition definition = answersOrRefuses(() -> WorkflowParser.parse("wf", json));

        if (definition != null) {
            long taken = switch (definition.steps().get(0)) {
                case Step.CreateTask t -> t.dueInMinutes();
                case Step.MakeCall c -> where.holder().isEmpty() ? c.timeoutSeconds() : c.ifNoAnswer().maxAttempts();
                default -> throw new AssertionError(definition);
            };
            assertEquals(number, BigInteger.valueOf(taken), "a number was coerced instead of refused");
        }
    }

    private static BigInteger wholeNumber(Fuzz fuzz) {
        return fuzz.oneOf(() -> BigInteger.valueOf(fuzz.intBetween(-1000, 1000)),
                () -> BigInteger.valueOf(fuzz.anyLong()),
                () -> new BigInteger(fuzz.intBetween(1, 70), new java.util.Random(fuzz.anyLong()))
                        .subtract(fuzz.bool() ? BigInteger.ZERO : BigInteger.TWO.pow(31)),
                () -> BigInteger.TWO.pow(32).add(BigInteger.valueOf(fuzz.intBetween(0, 700))),
                () -> BigInteger.TWO.pow(64).add(BigInteger.valueOf(fuzz.intBetween(0, 700))));
    }

    /** The least a step of this type needs to be valid. */
    private static ObjectNode minimal(StepType type) {
        ObjectNode step = type(type.wire());
        return switch (type) {
            case SEND_SMS, NOTIFY -> step.put("body", "Hi");
            case CREATE_TASK -> step.put("title", "Call");
            case ADD_TAG, REMOVE_TAG -> step.put("tag", "vip");
            case MAKE_CALL -> step;
            case LEAVE_VOICEMAIL -> step.put("message", "Hi");
            case RUN_IVR -> step.put("flow", "confirm");
            case WAIT -> step.put("until", "data.at");
            case BRANCH -> {
                step.putObject("cases").put("busy", "later");
                yield step;
            }
        };
    }

    @Test
    void deeplyNestedText_should_beRefused() {
        Fuzz.forAll(20, fuzz -> new Nesting(fuzz.intBetween(100, 50_000),
                fuzz.pick("[", "{\"a\":", "[{\"type\": \"branch\", \"cases\": ")), n -> {
            String text = "{\"trigger\": \"lead.created\", \"steps\": " + n.opener().repeat(n.depth());

            assertEquals(null, answersOrRefuses(() -> WorkflowParser.read("wf", text, Optional.empty())));
        });
    }

    private static void parsesOrIsRefused(String text) {
        answersOrRefuses(() -> WorkflowParser.read("wf", text, Optional.empty()));
        answersOrRefuses(() -> WorkflowParser.read("wf", text, Optional.of("application/yaml")));
    }

    private static String yaml(ObjectNode workflow) {
        try {
            return YAML.writeValueAsString(workflow);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- generators ----

    static ObjectNode workflow(Fuzz fuzz) {
        ObjectNode root = NODES.objectNode();
        String trigger = trigger(fuzz);
        fuzz.maybe(() -> line(fuzz, 40)).ifPresent(n -> root.put("name", n));
        root.put("trigger", trigger);
        fuzz.maybe(fuzz::bool).ifPresent(e -> root.put("enabled", e));
        fuzz.maybe(fuzz::bool).ifPresent(t -> root.put("testMode", t));
        fuzz.maybe(() -> fuzz.listOf(0, 3, () -> filter(fuzz)))
                .ifPresent(f -> root.set("filters", NODES.arrayNode().addAll(f)));
        List<ObjectNode> steps = fuzz.listOf(1, 12, () -> step(fuzz));
        root.set("steps", withIdsAndForwardTargets(steps, fuzz.listOf(40, 40, () -> fuzz.intBetween(0, 1000))));
        return root;
    }

    /** Gives some steps ids, and points every branch at next, end or a later step's id. */
    private static ArrayNode withIdsAndForwardTargets(List<ObjectNode> steps, List<Integer> choices) {
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < steps.size(); i++) {
            ObjectNode step = steps.get(i).deepCopy();
            if (choices.get(i) % 2 == 0 || step.get("type").asText().equals("branch")) {
                step.put("id", "s" + i + (choices.get(i) % 3 == 0 ? "_x-" + choices.get(i) : ""));
            }
            array.add(step);
        }
        for (int i = 0; i < array.size(); i++) {
            ObjectNode step = (ObjectNode) array.get(i);
            if (!step.get("type").asText().equals("branch")) {
                continue;
            }
            List<String> targets = new ArrayList<>(List.of("next", "end"));
            for (int j = i + 1; j < array.size(); j++) {
                if (array.get(j).has("id")) {
                    targets.add(array.get(j).get("id").asText());
                }
            }
            ObjectNode cases = (ObjectNode) step.get("cases");
            int k = i;
            for (String outcome : List.copyOf(iterable(cases))) {
                cases.put(outcome, targets.get(choices.get(k++ % choices.size()) % targets.size()));
            }
            if (step.has("otherwise")) {
                step.put("otherwise", targets.get(choices.get((i * 7) % choices.size()) % targets.size()));
            }
        }
        return array;
    }

    private static List<String> iterable(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String trigger(Fuzz fuzz) {
        return String.join(".", fuzz.listOf(2, 3, () -> fuzz.string("abcdefghijklmnopqrstuvwxyz", 1, 8)));
    }

    /** One line of text a person might type: letters, digits, punctuation, accents, an emoji; never blank. */
    private static String line(Fuzz fuzz, int max) {
        String line;
        do {
            line = fuzz.string(LINE_CHARS, 1, max);
        } while (line.isBlank() || line.length() > max);
        return line;
    }

    /** A template: literal text and placeholders, over lines. */
    private static String template(Fuzz fuzz) {
        String text;
        do {
            text = fuzz.joined(1, 6, () -> fuzz.oneOf(() -> line(fuzz, 30), () -> placeholder(fuzz),
                    () -> fuzz.pick("\n", "\r\n", "\t")));
        } while (text.isBlank());
        return text;
    }

    private static String placeholder(Fuzz fuzz) {
        String path = fuzz.pick("contact.firstName", "contact.name", "contact.phone", "data.when", "event.type",
                "workspace.name", "data.appointment.at", "contact.fields.x_1");
        Optional<String> fallback = fuzz.maybe(() -> fuzz.string("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ \"\\", 0, 12));
        return "{{" + path + fallback.map(f -> " | \"" + f.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"").orElse("") + "}}";
    }

    private static ObjectNode filter(Fuzz fuzz) {
        String field = fuzz.pick("data.source", "contact.tags", "contact.firstName", "event.type");
        String operator = fuzz.pick(OPERATORS);
        String value = line(fuzz, 20);
        ObjectNode f = NODES.objectNode().put("field", field);
        return operator.equals("exists") ? f.put(operator, true) : f.put(operator, value);
    }

    private static ObjectNode step(Fuzz fuzz) {
        return fuzz.oneOf(
                () -> type("sendSms").put("body", template(fuzz)),
                () -> type("notify").put("body", template(fuzz)),
                () -> {
                    ObjectNode s = type("createTask").put("title", template(fuzz));
                    fuzz.maybe(() -> fuzz.intBetween(0, 100_000)).ifPresent(d -> s.put("dueInMinutes", d));
                    return s;
                },
                () -> type("addTag").put("tag", line(fuzz, 64)),
                () -> type("removeTag").put("tag", line(fuzz, 64)),
                () -> makeCall(fuzz),
                () -> leaveVoicemail(fuzz),
                () -> waitStep(fuzz),
                () -> branch(fuzz));
    }

    private static ObjectNode makeCall(Fuzz fuzz) {
        ObjectNode s = type("makeCall");
        fuzz.maybe(() -> fuzz.pick("+14155550111", "+442071838750", "+61291234567")).ifPresent(a -> s.put("agent", a));
        fuzz.maybe(() -> template(fuzz)).ifPresent(w -> s.put("whisper", w));
        fuzz.maybe(() -> fuzz.intBetween(5, 600)).ifPresent(t -> s.put("timeoutSeconds", t));
        fuzz.maybe(fuzz::bool).ifPresent(r -> s.put("record", r));
        fuzz.maybe(() -> fuzz.pick(Purpose.values())).ifPresent(p -> s.put("purpose", p.wire()));
        fuzz.maybe(() -> ifNoAnswer(fuzz)).ifPresent(p -> s.set("ifNoAnswer", p));
        return s;
    }

    private static ObjectNode leaveVoicemail(Fuzz fuzz) {
        ObjectNode s = type("leaveVoicemail");
        if (fuzz.bool()) {
            s.put("message", template(fuzz));
        } else {
            s.put("audioUrl", "https://example.com/a.mp3");
        }
        fuzz.maybe(() -> fuzz.pick("Polly.Joanna", "alice", "Polly.Joanna-Neural")).ifPresent(v -> s.put("voice", v));
        fuzz.maybe(() -> fuzz.pick(Purpose.values())).ifPresent(p -> s.put("purpose", p.wire()));
        fuzz.maybe(() -> ifNoAnswer(fuzz)).ifPresent(p -> s.set("ifNoAnswer", p));
        return s;
    }

    private static ObjectNode ifNoAnswer(Fuzz fuzz) {
        return fuzz.oneOf(
                () -> NODES.objectNode().put("action", "continue"),
                () -> {
                    ObjectNode p = NODES.objectNode().put("action", "retry");
                    fuzz.maybe(() -> fuzz.intBetween(2, 10)).ifPresent(m -> p.put("maxAttempts", m));
                    fuzz.maybe(() -> seconds(fuzz, 1, WorkflowParser.MAX_RETRY_INTERVAL.toSeconds()))
                            .ifPresent(i -> p.put("interval", i));
                    fuzz.maybe(() -> notReached(fuzz)).ifPresent(r -> p.set("notReached", r));
                    return p;
                },
                () -> {
                    ObjectNode p = NODES.objectNode().put("action", "voicemail").put("message", template(fuzz));
                    fuzz.maybe(() -> notReached(fuzz)).ifPresent(r -> p.set("notReached", r));
                    return p;
                });
    }

    private static ArrayNode notReached(Fuzz fuzz) {
        return NODES.arrayNode().addAll(fuzz.subset(List.of("no_answer", "busy", "voicemail"), 1).stream()
                .map(NODES::textNode).toList());
    }

    private static ObjectNode waitStep(Fuzz fuzz) {
        long max = WorkflowParser.MAX_WAIT.toSeconds();
        return fuzz.oneOf(
                () -> type("wait").put("duration", seconds(fuzz, 1, max)),
                () -> {
                    ObjectNode s = type("wait").put("until",
                            fuzz.pick("data.appointmentAt", "contact.fields.renewalAt", "event.data.at"));
                    fuzz.maybe(() -> seconds(fuzz, -max, max)).ifPresent(o -> s.put("offset", o));
                    return s;
                });
    }

    private static ObjectNode branch(Fuzz fuzz) {
        ObjectNode s = type("branch");
        ObjectNode cases = s.putObject("cases");
        fuzz.subset(Arrays.asList(CallOutcome.values()), 1).forEach(o -> cases.put(o.wire(), "next"));
        if (fuzz.bool()) {
            s.put("otherwise", "end");
        }
        return s;
    }

    /** ISO-8601 durations, written as a person might: P1D, PT36H, PT90M or seconds; the bounds now and then. */
    private static String seconds(Fuzz fuzz, long min, long max) {
        long s = fuzz.longBetween(min, max);
        if (fuzz.intBetween(0, 2) == 0 && s % 86_400 == 0 && s != 0) {
            return (s < 0 ? "-" : "") + "P" + Math.abs(s / 86_400) + "D";
        }
        return Duration.ofSeconds(s).toString();
    }

    private static ObjectNode type(String type) {
        return NODES.objectNode().put("type", type);
    }

    private static String text(Fuzz fuzz) {
        return fuzz.oneOf(() -> fuzz.string(200),
                () -> fuzz.string("{}[]\":,-#&*!|>'%@`?\n\t \\/.0123456789eE+truefalsn~\u0085\u2028\uFEFF\uFFFE\uD800\u0000\u007F", 0, 200),
                () -> fuzz.pick("", " ", "null", "~", "[]", "{}", "---", "--- !!binary aGVsbG8=", "{\"trigger\": null}",
                        "trigger: lead.created\nsteps: &a [*a]", "a: &a [*a, *a]", "!!python/object:x {}",
                        "trigger: lead.created\nsteps:\n- type: wait\n  duration: !!float 1e400"));
    }

    /** Every place in the tree a value can be replaced, or a key added. */
    private static void collect(JsonNode node, JsonNode replacement, List<Runnable> out) {
        if (node instanceof ObjectNode object) {
            out.add(() -> object.set("extra", replacement.deepCopy()));
            for (String name : iterable(object)) {
                out.add(() -> object.set(name, replacement.deepCopy()));
                out.add(() -> object.remove(name));
                collect(object.get(name), replacement, out);
            }
        } else if (node instanceof ArrayNode array) {
            out.add(() -> array.add(replacement.deepCopy()));
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                out.add(() -> array.set(index, replacement.deepCopy()));
                collect(array.get(i), replacement, out);
            }
        }
        assertNotNull(node);
    }
}
