package dev.autocall.domain.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.autocall.domain.outbound.CallOutcome;
import dev.autocall.domain.outbound.Purpose;
import dev.autocall.error.InvalidInputException;
import dev.autocall.phone.PhoneNumbers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a workflow definition from JSON or YAML (docs/workflows.md) and checks all of it, so that a
 * definition that saves is one that runs. Errors name the offending field, e.g. {@code steps[1].body}.
 * JSON is read by the JSON reader (YAML readers fold some characters JSON keeps), and what is stored is the
 * checked tree written as JSON, which publishing and runs read back with the same JSON reader.
 */
public final class WorkflowParser {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern TRIGGER = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
    private static final Set<String> TOP_LEVEL = Set.of("name", "trigger", "enabled", "testMode", "filters", "steps");
    /** A branch may name any outcome; only these may count as not reached (a refused call is never retried). */
    private static final Set<CallOutcome> NOT_REACHED_CHOICES = EnumSet.of(CallOutcome.NO_ANSWER, CallOutcome.BUSY,
            CallOutcome.VOICEMAIL);
    /** Texts that are messages to people and may span lines; every other text is one line. */
    private static final Set<String> MESSAGE_TEXTS = Set.of("body", "title", "whisper", "message");
    private static final Pattern FLOW_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    /** A flow's own outcome word, which a branch after a runIvr step may name. */
    private static final Pattern FLOW_OUTCOME = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final Pattern STEP_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    public static final int MAX_STEPS = 50;
    public static final int MAX_SMS_LENGTH = 1600;
    /**
     * The longest a run may wait, for a duration or until a computed time: EventBridge Scheduler refuses dates
     * far ahead, so a longer wait would fail on every delivery instead of once, when saved.
     */
    public static final java.time.Duration MAX_WAIT = java.time.Duration.ofDays(366);
    /** A retry further out than this is no longer a retry of the same call. */
    public static final java.time.Duration MAX_RETRY_INTERVAL = java.time.Duration.ofDays(30);

    private WorkflowParser() {
    }

    /** Parses a definition written in JSON (the text starts with a brace) or YAML (anything else). */
    public static WorkflowDefinition parse(String id, String text) {
        return definition(id, readTree(text, Optional.empty()));
    }

    /**
     * Checks a submitted draft and gives the JSON to store for it.
     *
     * @param contentType a YAML media type reads the body as YAML even when it starts with a brace (a flow
     *                    mapping); otherwise a body starting with a brace is JSON and anything else YAML
     */
    public static ValidatedWorkflow read(String id, String body, Optional<String> contentType) {
        JsonNode root = readTree(body, contentType);
        WorkflowDefinition definition = definition(id, root);
        try {
            return new ValidatedWorkflow(definition, JSON.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a checked workflow definition could not be written as JSON", e);
        }
    }

    /**
     * Reads a draft or version as stored by {@link #read}. It was valid JSON when saved, so a syntax error here
     * is a fault of the store, not of whoever asked to publish or run it.
     */
    public static WorkflowDefinition parseStored(String id, String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored draft of workflow " + id + " is not valid JSON: "
                    + e.getOriginalMessage());
        }
        return definition(id, root);
    }

    private static JsonNode readTree(String text, Optional<String> contentType) {
        // A byte order mark is not text: without this, a JSON body that starts with one would be read as YAML.
        String body = text == null ? "" : text.startsWith("\uFEFF") ? text.substring(1) : text;
        boolean json = contentType.map(t -> !t.toLowerCase(java.util.Locale.ROOT).contains("yaml")).orElse(true)
                && body.strip().startsWith("{");
        try {
            return (json ? JSON : YAML).readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("malformed workflow definition (" + (json ? "JSON" : "YAML") + "): "
                    + PrintableText.shown(String.valueOf(e.getOriginalMessage()).split("\n")[0])
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()));
        }
    }

    private static WorkflowDefinition definition(String id, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("a workflow definition is an object with trigger and steps");
        }
        PrintableText.requireTree(root, "the definition", java.util.Set.of());
        rejectUnknown("", root, TOP_LEVEL);
        String trigger = requiredText(root, "trigger", "");
        if (!TRIGGER.matcher(trigger).matches()) {
            throw new InvalidInputException("trigger", "trigger '" + trigger
                    + "' is not an event type; use e.g. call.missed, sms.received or lead.created");
        }
        JsonNode stepsNode = root.get("steps");
        if (stepsNode == null || !stepsNode.isArray() || stepsNode.isEmpty()) {
            throw new InvalidInputException("steps", "steps must be a non-empty list");
        }
        if (stepsNode.size() > MAX_STEPS) {
            throw new InvalidInputException("steps", "a workflow has at most " + MAX_STEPS + " steps");
        }
        List<Step> steps = new ArrayList<>();
        Map<String, Integer> stepIds = new java.util.HashMap<>();
        for (int i = 0; i < stepsNode.size(); i++) {
            String path = "steps[" + i + "]";
            steps.add(step(path, stepsNode.get(i)));
            JsonNode stepId = stepsNode.get(i).get("id");
            if (stepId != null) {
                if (!stepId.isTextual() || !STEP_ID.matcher(stepId.asText()).matches()
                        || stepId.asText().equals("next") || stepId.asText().equals("end")) {
                    throw new InvalidInputException(path + ".id", path + ".id must be a name of letters, digits, - or _ "
                            + "(other than next and end)");
                }
                if (stepIds.put(stepId.asText(), i) != null) {
                    throw new InvalidInputException(path + ".id", path + ".id '" + stepId.asText() + "' is used by another step");
                }
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof Step.Branch branch) {
                checkTargets("steps[" + i + "]", i, branch, stepIds);
                checkOutcomes("steps[" + i + "]", branch, steps.subList(0, i).stream().anyMatch(Step.RunIvr.class::isInstance));
            }
        }
        return new WorkflowDefinition(id, optionalText(root, "name", "").orElse(id), trigger,
                bool(root, "enabled", true), bool(root, "testMode", false), filters(root.get("filters")), steps, stepIds);
    }

    private static Step step(String path, JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidInputException(path, path + " must be an object with a type");
        }
        String typeName = requiredText(node, "type", path);
        StepType type = StepType.of(typeName).orElseThrow(() -> new InvalidInputException(path + ".type",
                path + ".type '" + typeName + "' is not a step type; use one of " + wireNames(Arrays.stream(StepType.values()).map(StepType::wire))));
        rejectUnknown(path, node, type.fields());
        return switch (type) {
            case SEND_SMS -> new Step.SendSms(message(node, path));
            case NOTIFY -> new Step.Notify(message(node, path));
            case CREATE_TASK -> {
                String title = requiredText(node, "title", path);
                Template.parse(path + ".title", title);
                JsonNode due = node.get("dueInMinutes");
                if (due != null && (!due.canConvertToInt() || !due.isIntegralNumber() || due.asInt() < 0)) {
                    throw new InvalidInputException(path + ".dueInMinutes", path + ".dueInMinutes must be a whole number of minutes, 0 or more");
                }
                yield new Step.CreateTask(title, due == null ? 60 : due.asInt());
            }
            case ADD_TAG -> new Step.AddTag(tag(node, path));
            case REMOVE_TAG -> new Step.RemoveTag(tag(node, path));
            case MAKE_CALL -> makeCall(node, path);
            case LEAVE_VOICEMAIL -> leaveVoicemail(node, path);
            case RUN_IVR -> runIvr(node, path);
            case WAIT -> waitStep(node, path);
            case BRANCH -> branch(node, path);
        };
    }

    private static Step.MakeCall makeCall(JsonNode node, String path) {
        String agent = optionalText(node, "agent", path).map(a -> PhoneNumbers.requireE164(path + ".agent", a)).orElse(null);
        String whisper = optionalText(node, "whisper", path)
                .orElse("Call for {{contact.name | \"a new contact\"}}, from {{event.type}}. Connecting now.");
        Template.parse(path + ".whisper", whisper);
        int timeout = wholeNumber(node, "timeoutSeconds", path, 30, 5, 600);
        return new Step.MakeCall(agent, whisper, timeout, bool(node, "record", false), purpose(node, path),
                noAnswer(node.get("ifNoAnswer"), path + ".ifNoAnswer"));
    }

    private static Step.LeaveVoicemail leaveVoicemail(JsonNode node, String path) {
        Optional<String> message = optionalText(node, "message", path);
        Optional<String> audio = optionalText(node, "audioUrl", path);
        if (message.isEmpty() == audio.isEmpty()) {
            throw new InvalidInputException(path, path + " needs exactly one of message (spoken) or audioUrl (played)");
        }
        message.ifPresent(m -> Template.parse(path + ".message", m));
        return new Step.LeaveVoicemail(message.orElse(null), audio.orElse(null), optionalText(node, "voice", path).orElse(null),
                purpose(node, path), noAnswer(node.get("ifNoAnswer"), path + ".ifNoAnswer"));
    }

    private static Step.RunIvr runIvr(JsonNode node, String path) {
        String flow = requiredText(node, "flow", path);
        if (!FLOW_ID.matcher(flow).matches()) {
            throw new InvalidInputException(path + ".flow", path + ".flow must be a flow id: letters, digits, - and _, up to 64");
        }
        String onMachine = optionalText(node, "onMachine", path).orElse("hangup");
        if (!onMachine.equals("hangup") && !onMachine.equals("message")) {
            throw new InvalidInputException(path + ".onMachine", path + ".onMachine must be hangup or message");
        }
        Optional<String> machineMessage = optionalText(node, "machineMessage", path);
        if (onMachine.equals("message") != machineMessage.isPresent()) {
            throw new InvalidInputException(path + ".machineMessage", onMachine.equals("message")
                    ? path + ".machineMessage is what a voicemail box hears when onMachine is message"
                    : path + ".machineMessage goes with onMachine: message");
        }
        machineMessage.ifPresent(m -> Template.parse(path + ".machineMessage", m));
        return new Step.RunIvr(flow, purpose(node, path), noAnswer(node.get("ifNoAnswer"), path + ".ifNoAnswer"), onMachine,
                machineMessage.orElse(null));
    }

    private static Step.Wait waitStep(JsonNode node, String path) {
        Optional<java.time.Duration> duration = optionalText(node, "duration", path)
                .map(d -> positiveDuration(path + ".duration", d, MAX_WAIT));
        Optional<String> until = optionalText(node, "until", path);
        if (duration.isPresent() == until.isPresent()) {
            throw new InvalidInputException(path, path + " needs exactly one of duration (e.g. PT2H) or until (e.g. data.appointmentAt)");
        }
        until.ifPresent(u -> {
            if (!TemplateContext.isPath(u)) {
                throw new InvalidInputException(path + ".until", path + ".until must be a path such as data.appointmentAt or contact.fields.renewalAt");
            }
        });
        java.time.Duration offset = optionalText(node, "offset", path).map(o -> offset(path + ".offset", o))
                .orElse(java.time.Duration.ZERO);
        if (until.isEmpty() && node.has("offset")) {
            throw new InvalidInputException(path + ".offset", path + ".offset goes with until");
        }
        return new Step.Wait(duration.orElse(null), until.orElse(null), offset);
    }

    private static Step.Branch branch(JsonNode node, String path) {
        JsonNode cases = node.get("cases");
        if (cases == null || !cases.isObject() || cases.isEmpty()) {
            throw new InvalidInputException(path + ".cases", path + ".cases maps outcomes to step ids, e.g. {\"no_answer\": \"text-instead\"}");
        }
        Map<String, String> map = new java.util.LinkedHashMap<>();
        cases.fields().forEachRemaining(e -> {
            if (CallOutcome.of(e.getKey()).isEmpty() && !FLOW_OUTCOME.matcher(e.getKey()).matches()) {
                throw new InvalidInputException(path + ".cases." + e.getKey(), path + ".cases: '" + e.getKey()
                        + "' is not an outcome; use one of " + wireNames(Arrays.stream(CallOutcome.values()).map(CallOutcome::wire))
                        + ", or after a runIvr step an outcome its flow sets");
            }
            if (!e.getValue().isTextual()) {
                throw new InvalidInputException(path + ".cases." + e.getKey(), path + ".cases." + e.getKey() + " must be a step id, next or end");
            }
            map.put(e.getKey(), e.getValue().asText());
        });
        return new Step.Branch(map, optionalText(node, "otherwise", path).orElse("next"));
    }

    /** A flow's own outcome words make sense only where an IVR call can have set them: after a runIvr step. */
    private static void checkOutcomes(String path, Step.Branch branch, boolean afterIvr) {
        for (String outcome : branch.cases().keySet()) {
            if (CallOutcome.of(outcome).isEmpty() && !afterIvr) {
                throw new InvalidInputException(path + ".cases." + outcome, path + ".cases: '" + outcome
                        + "' is not an outcome; use one of " + wireNames(Arrays.stream(CallOutcome.values()).map(CallOutcome::wire))
                        + " (a flow's own outcomes only after a runIvr step)");
            }
        }
    }

    /** Targets exist and lie ahead: a run only moves forward, so it always ends. */
    private static void checkTargets(String path, int index, Step.Branch branch, Map<String, Integer> stepIds) {
        java.util.List<String> targets = new ArrayList<>(branch.cases().values());
        targets.add(branch.otherwise());
        for (String target : targets) {
            if (target.equals("next") || target.equals("end")) {
                continue;
            }
            if (!stepIds.containsKey(target)) {
                throw new InvalidInputException(path + ".cases", path + ": no step has the id '" + target + "'");
            }
            if (stepIds.get(target) <= index) {
                throw new InvalidInputException(path + ".cases", path + ": '" + target + "' is not after this branch; "
                        + "a branch only jumps forward");
            }
        }
    }

    private static Step.NoAnswerPolicy noAnswer(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return Step.NoAnswerPolicy.CONTINUE;
        }
        if (!node.isObject()) {
            throw new InvalidInputException(path, path + " must be an object with action retry, continue or voicemail");
        }
        rejectUnknown(path, node, Set.of("action", "maxAttempts", "interval", "message", "notReached"));
        String action = requiredText(node, "action", path);
        Set<String> notReached = notReached(node.get("notReached"), path + ".notReached");
        // Checked whatever the action: what is stored is echoed back, and must be what the API documents.
        optionalText(node, "message", path).ifPresent(m -> Template.parse(path + ".message", m));
        return switch (action) {
            case "continue" -> Step.NoAnswerPolicy.CONTINUE;
            case "retry" -> new Step.NoAnswerPolicy("retry", wholeNumber(node, "maxAttempts", path, 3, 2, 10),
                    optionalText(node, "interval", path).map(i -> positiveDuration(path + ".interval", i, MAX_RETRY_INTERVAL)).orElse(java.time.Duration.ofHours(1)),
                    null, notReached);
            case "voicemail" -> {
                String message = requiredText(node, "message", path);
                Template.parse(path + ".message", message);
                yield new Step.NoAnswerPolicy("voicemail", 1, java.time.Duration.ZERO, message, notReached);
            }
            default -> throw new InvalidInputException(path + ".action", path + ".action must be retry, continue or voicemail");
        };
    }

    private static Set<String> notReached(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return Step.NoAnswerPolicy.DEFAULT_NOT_REACHED;
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidInputException(path, path + " must be a non-empty list of outcomes from "
                    + wireNames(NOT_REACHED_CHOICES.stream().map(CallOutcome::wire)));
        }
        Set<String> outcomes = new java.util.HashSet<>();
        node.forEach(n -> {
            Optional<CallOutcome> outcome = n.isTextual() ? CallOutcome.of(n.asText()) : Optional.empty();
            if (outcome.isEmpty() || !NOT_REACHED_CHOICES.contains(outcome.get())) {
                throw new InvalidInputException(path, path + ": '" + n.asText() + "' is not one of "
                        + wireNames(NOT_REACHED_CHOICES.stream().map(CallOutcome::wire)));
            }
            outcomes.add(outcome.get().wire());
        });
        return Set.copyOf(outcomes);
    }

    private static String purpose(JsonNode node, String path) {
        String purpose = optionalText(node, "purpose", path).orElse(Purpose.TRANSACTIONAL.wire());
        if (Purpose.of(purpose).isEmpty()) {
            throw new InvalidInputException(path + ".purpose", path + ".purpose must be one of " + wireNames(Arrays.stream(Purpose.values()).map(Purpose::wire)));
        }
        return purpose;
    }

    /** The wire names in order, for messages: [busy, completed, ...]. */
    private static String wireNames(java.util.stream.Stream<String> names) {
        return new java.util.TreeSet<>(names.toList()).toString();
    }

    private static java.time.Duration positiveDuration(String path, String text, java.time.Duration max) {
        java.time.Duration duration = duration(path, text);
        if (duration.isNegative() || duration.isZero()) {
            throw new InvalidInputException(path, path + " must be positive, e.g. PT30M or P1D");
        }
        if (duration.compareTo(max) > 0) {
            throw new InvalidInputException(path, path + " must be at most " + max.toDays() + " days (P" + max.toDays() + "D)");
        }
        return duration;
    }

    /** An until offset moves the computed time by at most the longest wait, either way. */
    private static java.time.Duration offset(String path, String text) {
        java.time.Duration offset = duration(path, text);
        if (offset.compareTo(MAX_WAIT) > 0 || offset.compareTo(MAX_WAIT.negated()) < 0) {
            throw new InvalidInputException(path, path + " must lie within " + MAX_WAIT.toDays() + " days either way (-P"
                    + MAX_WAIT.toDays() + "D to P" + MAX_WAIT.toDays() + "D)");
        }
        return offset;
    }

    private static java.time.Duration duration(String path, String text) {
        try {
            return java.time.Duration.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException(path, path + " must be an ISO-8601 duration such as PT30M, PT24H, P1D or -PT24H");
        }
    }

    private static int wholeNumber(JsonNode node, String name, String path, int fallback, int min, int max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        // canConvertToInt first: asInt() keeps the low 32 bits of a larger number, so 2^32 + 30 would read as 30.
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw new InvalidInputException(path + "." + name, path + "." + name + " must be a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }

    private static String message(JsonNode node, String path) {
        String body = requiredText(node, "body", path);
        if (body.length() > MAX_SMS_LENGTH) {
            throw new InvalidInputException(path + ".body", path + ".body is longer than " + MAX_SMS_LENGTH + " characters");
        }
        Template.parse(path + ".body", body);
        return body;
    }

    private static String tag(JsonNode node, String path) {
        String tag = requiredText(node, "tag", path);
        if (tag.length() > 64) {
            throw new InvalidInputException(path + ".tag", path + ".tag is longer than 64 characters");
        }
        return tag;
    }

    private static List<Filter> filters(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidInputException("filters", "filters must be a list");
        }
        List<Filter> filters = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "filters[" + i + "]";
            JsonNode f = node.get(i);
            if (!f.isObject()) {
                throw new InvalidInputException(path, path + " must be an object with field and one operator");
            }
            String field = requiredText(f, "field", path);
            List<String> ops = new ArrayList<>();
            f.fieldNames().forEachRemaining(n -> {
                if (!n.equals("field")) {
                    ops.add(n);
                }
            });
            if (ops.size() != 1 || !Filter.OPERATORS.contains(ops.get(0))) {
                throw new InvalidInputException(path, path + " needs exactly one operator of " + new java.util.TreeSet<>(Filter.OPERATORS));
            }
            JsonNode value = f.get(ops.get(0));
            filters.add(new Filter(field, ops.get(0), value.isValueNode() ? value.asText() : value.toString()));
        }
        return filters;
    }

    private static void rejectUnknown(String path, JsonNode node, Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                String where = path.isEmpty() ? name : path + "." + name;
                throw new InvalidInputException(where, "unknown field " + where + "; allowed here: " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    private static String requiredText(JsonNode node, String name, String path) {
        String where = path.isEmpty() ? name : path + "." + name;
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new InvalidInputException(where, where + " is required");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidInputException(where, where + " must be a non-empty string");
        }
        return PrintableText.require(where, value.asText(), MESSAGE_TEXTS.contains(name));
    }

    private static java.util.Optional<String> optionalText(JsonNode node, String name, String path) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(requiredText(node, name, path));
    }

    private static boolean bool(JsonNode node, String name, boolean fallback) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new InvalidInputException(name, name + " must be true or false");
        }
        return value.asBoolean();
    }


    /** The definition as a JSON tree, for a definition written in the code (the built-in workflows). */
    public static ObjectNode toJson(String text) {
        if (readTree(text, Optional.empty()) instanceof ObjectNode object) {
            return object;
        }
        throw new InvalidInputException("a workflow definition is an object with trigger and steps");
    }
}
