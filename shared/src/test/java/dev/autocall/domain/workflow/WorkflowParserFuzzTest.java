package dev.autocall.domain.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.autocall.domain.outbound.CallOutcome;
import dev.autocall.domain.outbound.Purpose;
import dev.autocall.json.Json;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.autocall.testing.FuzzChecks.answersOrRefuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Property tests of {@link WorkflowParser}: every valid workflow parses and its stored JSON reads back the same;
 * anything else is refused with InvalidInputException and nothing else escapes.
 */
class WorkflowParserFuzzTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLMapper YAML = new YAMLMapper();

    @Property
    void validWorkflows_should_parse_and_readBackEqualFromTheirStoredJson(@ForAll("workflows") ObjectNode workflow)
            throws Exception {
        String json = Json.MAPPER.writeValueAsString(workflow);

        ValidatedWorkflow draft = WorkflowParser.read("wf", json, Optional.of("application/json"));

        assertEquals(draft.definition(), WorkflowParser.parseStored("wf", draft.json()));
        assertEquals(draft.definition(), WorkflowParser.parse("wf", YAML.writeValueAsString(workflow)));
        assertEquals(workflow.get("steps").size(), draft.definition().steps().size());
    }

    @Property
    void arbitraryText_should_parseOrBeRefused(@ForAll("texts") String text) {
        answersOrRefuses(() -> WorkflowParser.read("wf", text, Optional.empty()));
        answersOrRefuses(() -> WorkflowParser.read("wf", text, Optional.of("application/yaml")));
    }

    @Property
    void mutatedTexts_should_parseOrBeRefused(@ForAll("workflows") ObjectNode workflow, @ForAll("textEdits") List<Tuple.Tuple3<Integer, Integer, String>> edits)
            throws Exception {
        for (String text : List.of(Json.MAPPER.writeValueAsString(workflow), YAML.writeValueAsString(workflow))) {
            StringBuilder mutated = new StringBuilder(text);
            for (Tuple.Tuple3<Integer, Integer, String> edit : edits) {
                int at = Math.floorMod(edit.get1(), mutated.length() + 1);
                int end = Math.min(mutated.length(), at + edit.get2());
                mutated.replace(at, end, edit.get3());
            }
            answersOrRefuses(() -> WorkflowParser.read("wf", mutated.toString(), Optional.empty()));
        }
    }

    @Property
    void mutatedTrees_should_parseOrBeRefused(@ForAll("workflows") ObjectNode workflow,
                                              @ForAll @IntRange(min = 0, max = 10_000) int where,
                                              @ForAll("oddValues") JsonNode replacement) throws Exception {
        List<Runnable> replacements = new ArrayList<>();
        collect(workflow, replacement, replacements);
        replacements.get(where % replacements.size()).run();
        String json = Json.MAPPER.writeValueAsString(workflow);

        ValidatedWorkflow draft = answersOrRefuses(() -> WorkflowParser.read("wf", json, Optional.empty()));

        if (draft != null) {
            assertEquals(draft.definition(), WorkflowParser.parseStored("wf", draft.json()));
        }
    }

    /** Every odd value in every field of every step type: few enough to try them all. */
    @Property(generation = GenerationMode.EXHAUSTIVE, tries = 5000)
    void oddValuesInAnyStepField_should_parseOrBeRefused(@ForAll StepType type,
                                                          @ForAll @IntRange(min = 0, max = 6) int field,
                                                          @ForAll("oddValues") JsonNode value) throws Exception {
        List<String> fields = type.fields().stream().filter(f -> !f.equals("type")).sorted().toList();
        ObjectNode step = minimal(type);
        step.set(fields.get(field % fields.size()), value.deepCopy());
        ObjectNode root = NODES.objectNode().put("trigger", "lead.created");
        root.putArray("steps").add(step).add(type("addTag").put("id", "later").put("tag", "x"));
        String json = Json.MAPPER.writeValueAsString(root);

        ValidatedWorkflow draft = answersOrRefuses(() -> WorkflowParser.read("wf", json, Optional.empty()));

        if (draft != null) {
            assertEquals(draft.definition(), WorkflowParser.parseStored("wf", draft.json()));
        }
    }

    @Property
    void wholeNumbers_should_beTakenExactlyOrRefused(@ForAll("wholeNumbers") BigInteger number,
                                                     @ForAll("numberFields") Tuple.Tuple3<String, String, String> where)
            throws Exception {
        ObjectNode step = type(where.get1());
        ObjectNode holder = where.get2().isEmpty() ? step : step.putObject(where.get2()).put("action", "retry");
        holder.put(where.get3(), number);
        if (where.get1().equals("createTask")) {
            step.put("title", "x");
        }
        String json = "{\"trigger\": \"lead.created\", \"steps\": [" + Json.MAPPER.writeValueAsString(step) + "]}";

        WorkflowDefinition definition = answersOrRefuses(() -> WorkflowParser.parse("wf", json));

        if (definition != null) {
            long taken = switch (definition.steps().get(0)) {
                case Step.CreateTask t -> t.dueInMinutes();
                case Step.MakeCall c -> where.get2().isEmpty() ? c.timeoutSeconds() : c.ifNoAnswer().maxAttempts();
                default -> throw new AssertionError(definition);
            };
            assertEquals(number, BigInteger.valueOf(taken), "a number was coerced instead of refused");
        }
    }

    @Provide
    Arbitrary<BigInteger> wholeNumbers() {
        return Arbitraries.oneOf(Arbitraries.bigIntegers().between(BigInteger.valueOf(-1000), BigInteger.valueOf(1000)),
                Arbitraries.bigIntegers().between(BigInteger.TWO.pow(31).negate(), BigInteger.TWO.pow(70)),
                Arbitraries.integers().between(0, 700).map(n -> BigInteger.TWO.pow(32).add(BigInteger.valueOf(n))),
                Arbitraries.integers().between(0, 700).map(n -> BigInteger.TWO.pow(64).add(BigInteger.valueOf(n))));
    }

    @Provide
    Arbitrary<Tuple.Tuple3<String, String, String>> numberFields() {
        return Arbitraries.of(Tuple.of("createTask", "", "dueInMinutes"), Tuple.of("makeCall", "", "timeoutSeconds"),
                Tuple.of("makeCall", "ifNoAnswer", "maxAttempts"));
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
            case WAIT -> step.put("until", "data.at");
            case BRANCH -> {
                step.putObject("cases").put("busy", "later");
                yield step;
            }
        };
    }

    @Property(tries = 20)
    void deeplyNestedText_should_beRefused(@ForAll @IntRange(min = 100, max = 50_000) int depth,
                                           @ForAll("openers") String opener) {
        String text = "{\"trigger\": \"lead.created\", \"steps\": " + opener.repeat(depth);

        assertEquals(null, answersOrRefuses(() -> WorkflowParser.read("wf", text, Optional.empty())));
    }

    // ---- generators ----

    @Provide
    Arbitrary<ObjectNode> workflows() {
        return Combinators.combine(
                        trigger(),
                        line(40).optional(),
                        Arbitraries.of(true, false).optional(),
                        Arbitraries.of(true, false).optional(),
                        filter().list().ofMaxSize(3).optional(),
                        step().list().ofMinSize(1).ofMaxSize(12),
                        Arbitraries.integers().between(0, 1000).list().ofSize(40))
                .as((trigger, name, enabled, testMode, filters, steps, choices) -> {
                    ObjectNode root = NODES.objectNode();
                    name.ifPresent(n -> root.put("name", n));
                    root.put("trigger", trigger);
                    enabled.ifPresent(e -> root.put("enabled", e));
                    testMode.ifPresent(t -> root.put("testMode", t));
                    filters.ifPresent(f -> root.set("filters", NODES.arrayNode().addAll(f)));
                    root.set("steps", withIdsAndForwardTargets(steps, choices));
                    return root;
                });
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

    private Arbitrary<String> trigger() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
        return word.list().ofMinSize(2).ofMaxSize(3).map(w -> String.join(".", w));
    }

    /** One line of text a person might type: letters, digits, punctuation, accents, an emoji. */
    private static Arbitrary<String> line(int max) {
        return Arbitraries.strings().alpha().numeric().withChars(" .,!?'\"-_:#&()é日ß").withChars("\uD83D\uDE00".toCharArray())
                .ofMinLength(1).ofMaxLength(max)
                .filter(s -> !s.isBlank() && !hasHalfSurrogate(s));
    }

    private static boolean hasHalfSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** A template: literal text and placeholders, over lines. */
    private static Arbitrary<String> template() {
        Arbitrary<String> placeholder = Combinators.combine(
                        Arbitraries.of("contact.firstName", "contact.name", "contact.phone", "data.when", "event.type",
                                "workspace.name", "data.appointment.at", "contact.fields.x_1"),
                        Arbitraries.strings().alpha().withChars(" \"\\").ofMaxLength(12).optional())
                .as((path, fallback) -> "{{" + path + fallback.map(f -> " | \"" + f.replace("\\", "\\\\")
                        .replace("\"", "\\\"") + "\"").orElse("") + "}}");
        return Arbitraries.oneOf(line(30), placeholder, Arbitraries.of("\n", "\r\n", "\t"))
                .list().ofMinSize(1).ofMaxSize(6).map(parts -> String.join("", parts))
                .filter(s -> !s.isBlank());
    }

    private Arbitrary<ObjectNode> filter() {
        return Combinators.combine(Arbitraries.of("data.source", "contact.tags", "contact.firstName", "event.type"),
                        Arbitraries.of(Filter.OPERATORS), line(20))
                .as((field, operator, value) -> {
                    ObjectNode f = NODES.objectNode().put("field", field);
                    return operator.equals("exists") ? f.put(operator, true) : f.put(operator, value);
                });
    }

    private Arbitrary<ObjectNode> step() {
        return Arbitraries.oneOf(
                template().map(b -> type("sendSms").put("body", b)),
                template().map(b -> type("notify").put("body", b)),
                Combinators.combine(template(), Arbitraries.integers().between(0, 100_000).optional())
                        .as((title, due) -> {
                            ObjectNode s = type("createTask").put("title", title);
                            due.ifPresent(d -> s.put("dueInMinutes", d));
                            return s;
                        }),
                line(64).map(t -> type("addTag").put("tag", t)),
                line(64).map(t -> type("removeTag").put("tag", t)),
                makeCall(),
                leaveVoicemail(),
                waitStep(),
                branch());
    }

    private Arbitrary<ObjectNode> makeCall() {
        return Combinators.combine(
                        Arbitraries.of("+14155550111", "+442071838750", "+61291234567").optional(),
                        template().optional(),
                        Arbitraries.integers().between(5, 600).optional(),
                        Arbitraries.of(true, false).optional(),
                        Arbitraries.of(Purpose.class).optional(),
                        ifNoAnswer().optional())
                .as((agent, whisper, timeout, record, purpose, policy) -> {
                    ObjectNode s = type("makeCall");
                    agent.ifPresent(a -> s.put("agent", a));
                    whisper.ifPresent(w -> s.put("whisper", w));
                    timeout.ifPresent(t -> s.put("timeoutSeconds", t));
                    record.ifPresent(r -> s.put("record", r));
                    purpose.ifPresent(p -> s.put("purpose", p.wire()));
                    policy.ifPresent(p -> s.set("ifNoAnswer", p));
                    return s;
                });
    }

    private Arbitrary<ObjectNode> leaveVoicemail() {
        return Combinators.combine(
                        Arbitraries.of(true, false),
                        template(),
                        Arbitraries.of("Polly.Joanna", "alice", "Polly.Joanna-Neural").optional(),
                        Arbitraries.of(Purpose.class).optional(),
                        ifNoAnswer().optional())
                .as((spoken, message, voice, purpose, policy) -> {
                    ObjectNode s = type("leaveVoicemail");
                    if (spoken) {
                        s.put("message", message);
                    } else {
                        s.put("audioUrl", "https://example.com/a.mp3");
                    }
                    voice.ifPresent(v -> s.put("voice", v));
                    purpose.ifPresent(p -> s.put("purpose", p.wire()));
                    policy.ifPresent(p -> s.set("ifNoAnswer", p));
                    return s;
                });
    }

    private Arbitrary<ObjectNode> ifNoAnswer() {
        Arbitrary<ArrayNode> notReached = Arbitraries.of("no_answer", "busy", "voicemail").set().ofMinSize(1)
                .map(set -> NODES.arrayNode().addAll(set.stream().map(NODES::textNode).toList()));
        return Arbitraries.oneOf(
                Arbitraries.just(NODES.objectNode().put("action", "continue")),
                Combinators.combine(Arbitraries.integers().between(2, 10).optional(),
                                seconds(1, WorkflowParser.MAX_RETRY_INTERVAL.toSeconds()).optional(), notReached.optional())
                        .as((max, interval, reached) -> {
                            ObjectNode p = NODES.objectNode().put("action", "retry");
                            max.ifPresent(m -> p.put("maxAttempts", m));
                            interval.ifPresent(i -> p.put("interval", i));
                            reached.ifPresent(r -> p.set("notReached", r));
                            return p;
                        }),
                Combinators.combine(template(), notReached.optional()).as((message, reached) -> {
                    ObjectNode p = NODES.objectNode().put("action", "voicemail").put("message", message);
                    reached.ifPresent(r -> p.set("notReached", r));
                    return p;
                }));
    }

    private Arbitrary<ObjectNode> waitStep() {
        long max = WorkflowParser.MAX_WAIT.toSeconds();
        return Arbitraries.oneOf(
                seconds(1, max).map(d -> type("wait").put("duration", d)),
                Combinators.combine(Arbitraries.of("data.appointmentAt", "contact.fields.renewalAt", "event.data.at"),
                                seconds(-max, max).optional())
                        .as((until, offset) -> {
                            ObjectNode s = type("wait").put("until", until);
                            offset.ifPresent(o -> s.put("offset", o));
                            return s;
                        }));
    }

    private Arbitrary<ObjectNode> branch() {
        return Combinators.combine(Arbitraries.of(CallOutcome.class).set().ofMinSize(1), Arbitraries.of(true, false))
                .as((outcomes, otherwise) -> {
                    ObjectNode s = type("branch");
                    ObjectNode cases = s.putObject("cases");
                    outcomes.forEach(o -> cases.put(o.wire(), "next"));
                    if (otherwise) {
                        s.put("otherwise", "end");
                    }
                    return s;
                });
    }

    /** ISO-8601 durations, written as a person might: P1D, PT36H, PT90M or seconds. */
    private static Arbitrary<String> seconds(long min, long max) {
        return Combinators.combine(Arbitraries.longs().between(min, max), Arbitraries.integers().between(0, 2))
                .as((s, style) -> {
                    if (style == 0 && s % 86_400 == 0 && s != 0) {
                        return (s < 0 ? "-" : "") + "P" + Math.abs(s / 86_400) + "D";
                    }
                    return Duration.ofSeconds(s).toString();
                });
    }

    private static ObjectNode type(String type) {
        return NODES.objectNode().put("type", type);
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> structural = Arbitraries.strings()
                .withChars("{}[]\":,-#&*!|>'%@`?\n\t \\/.0123456789eE+truefalsn~")
                .withChars("\u0085\u2028\uFEFF\uFFFE\uD800\u0000\u007F").ofMaxLength(200);
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200), structural,
                Arbitraries.of("", " ", "null", "~", "[]", "{}", "---", "--- !!binary aGVsbG8=", "{\"trigger\": null}",
                        "trigger: lead.created\nsteps: &a [*a]", "a: &a [*a, *a]", "!!python/object:x {}",
                        "trigger: lead.created\nsteps:\n- type: wait\n  duration: !!float 1e400"));
    }

    @Provide
    Arbitrary<List<Tuple.Tuple3<Integer, Integer, String>>> textEdits() {
        return Combinators.combine(Arbitraries.integers().between(0, 5000), Arbitraries.integers().between(0, 5),
                        Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(3),
                                Arbitraries.of("", "\"", "{", "}", "[", "]", ",", ":", "\\", "\\u", "\\ud800", "\n", "- ",
                                        "&a ", "*a", "!!", "\u0085")))
                .as(Tuple::of).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<JsonNode> oddValues() {
        return Arbitraries.of(
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
    }

    @Provide
    Arbitrary<String> openers() {
        return Arbitraries.of("[", "{\"a\":", "[{\"type\": \"branch\", \"cases\": ");
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
