package dev.autocall.domain.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocall.domain.ivr.FlowParser;
import dev.autocall.domain.outbound.Purpose;
import dev.autocall.domain.workflow.PrintableText;
import dev.autocall.domain.workflow.Template;
import dev.autocall.error.InvalidInputException;
import dev.autocall.phone.PhoneNumbers;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.autocall.domain.campaign.DefinitionFields.refused;

/**
 * Reads a campaign definition as POST and PUT receive it (docs/campaigns.md) and writes the view GET returns. Every
 * refusal names the field by its path ({@code schedule.hours.start}, {@code audience.phones[3]}) and says what to
 * change; what {@link #write} gives, {@link #parse} reads back as the same definition, so a client can read, change
 * and write back.
 */
public final class CampaignParser {
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_MESSAGE_LENGTH = 1000;
    public static final int MAX_TAG_LENGTH = 64;
    /** More numbers go through the targets endpoint, which answers row by row. */
    public static final int MAX_DEFINITION_PHONES = 1000;
    public static final Duration MIN_RETRY_INTERVAL = Duration.ofMinutes(1);
    public static final Duration MAX_RETRY_INTERVAL = Duration.ofDays(7);
    public static final int DEFAULT_CALLS_PER_MINUTE = 10;
    public static final int DEFAULT_MAX_CONCURRENT = 5;
    /** What a message's placeholders may read: the callee, the business and the target's own columns. */
    public static final Set<String> MESSAGE_ROOTS = Set.of("contact", "workspace", "data");
    /** The outcomes a campaign may try again, in the order the view lists them; a refused or failed call is not. */
    public static final List<String> RETRY_OUTCOMES = List.of("no_answer", "busy", "voicemail");
    /** What {@code retry.on} is when a retry is given without it. */
    public static final Set<String> DEFAULT_RETRY_ON = Set.of("no_answer", "busy");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Set<String> DEFINITION = Set.of("id", "name", "action", "purpose", "callerId", "audience",
            "schedule", "retry", "pace", "recurrence");
    /** Where null means "none", as the view writes it; anywhere else a null is refused, not taken as a default. */
    private static final Set<String> NULLABLE = Set.of("callerId", "recurrence", "schedule.startAt", "schedule.endAt",
            "schedule.hours", "action.voice");
    private static final String ACTION_SHAPE = "{\"flow\": \"flow-id\"}, {\"message\": \"text\"} or {\"workflow\": \"workflow-id\"}";
    private static final String ID_RULE = "1-64 letters, digits, - or _, starting with a letter or digit";

    private CampaignParser() {
    }

    /**
     * The campaign a request body defines, as a new draft (status DRAFT, run 0, version 0). The fields the product
     * sets ({@link Campaign#productFields()}) are ignored, so a client may send back what it read.
     *
     * @param pathId the id the request's path names (PUT), or one the caller made up for a POST without an id;
     *               the body's id, when it has one, must be the same
     */
    public static Campaign parse(JsonNode body, Optional<String> pathId, String workspaceId, Instant createdAt) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("a campaign is an object with id, name and action, e.g. {\"id\": \"flu-dec\", "
                    + "\"name\": \"Flu shot reminders\", \"action\": {\"flow\": \"flu-reminder\"}}");
        }
        ObjectNode definition = ((ObjectNode) body).deepCopy();
        definition.remove(Campaign.productFields().keySet());
        for (String required : List.of("id", "name", "action")) {
            if (definition.path(required).isNull()) {
                throw refused(required, required + " is null; it is required");
            }
        }
        PrintableText.requireTree(definition, "the campaign", NULLABLE);
        DefinitionFields root = new DefinitionFields(definition, "");
        root.rejectUnknown(DEFINITION);
        String id = id(root, pathId);
        String name = root.requiredText("name", false, "what people see in the dashboard, e.g. Flu shot reminders");
        if (name.length() > MAX_NAME_LENGTH) {
            throw refused("name", "name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        return new Campaign(id, workspaceId, name, action(root), purpose(root), callerId(root), audience(root),
                ScheduleFields.schedule(root), retry(root), pace(root), recurrence(root), CampaignStatus.DRAFT, 0, createdAt, 0);
    }

    private static String id(DefinitionFields root, Optional<String> pathId) {
        pathId.ifPresent(p -> requireId("id", p));
        Optional<String> inBody = root.text("id", false, ID_RULE).map(i -> requireId("id", i));
        if (inBody.isPresent() && pathId.isPresent() && !inBody.get().equals(pathId.get())) {
            throw refused("id", "id '" + inBody.get() + "' is not the id in the path ('" + pathId.get()
                    + "'); leave id out or make the two the same");
        }
        return inBody.or(() -> pathId).orElseThrow(() -> refused("id", "id is required: " + ID_RULE + ", e.g. flu-dec"));
    }

    private static String requireId(String field, String id) {
        if (!ID.matcher(id).matches()) {
            throw refused(field, field + " must be " + ID_RULE);
        }
        return id;
    }

    private static Campaign.Action action(DefinitionFields root) {
        DefinitionFields action = root.object("action", ACTION_SHAPE)
                .orElseThrow(() -> refused("action", "action is required: " + ACTION_SHAPE));
        action.rejectUnknown(Set.of("flow", "message", "voice", "workflow"));
        List<String> kinds = Stream.of("flow", "message", "workflow").filter(action::has).toList();
        if (kinds.size() != 1) {
            throw refused("action", "action needs exactly one of flow, message or workflow"
                    + (kinds.isEmpty() ? "" : " (it has " + String.join(" and ", kinds) + ")") + ": " + ACTION_SHAPE);
        }
        if (action.has("voice") && !kinds.getFirst().equals("message")) {
            throw refused("action.voice", "action.voice goes with a message action only; a flow speaks with its own voice");
        }
        return switch (kinds.getFirst()) {
            case "flow" -> new Campaign.Action.Flow(requireId("action.flow",
                    action.requiredText("flow", false, "the id of a flow")));
            case "workflow" -> new Campaign.Action.Workflow(requireId("action.workflow",
                    action.requiredText("workflow", false, "the id of a workflow")));
            default -> message(action);
        };
    }

    private static Campaign.Action.Message message(DefinitionFields action) {
        String text = action.requiredText("message", true, "what is said to whoever answers");
        if (text.length() > MAX_MESSAGE_LENGTH) {
            throw refused("action.message", "action.message is longer than " + MAX_MESSAGE_LENGTH + " characters");
        }
        Template.parse("action.message", text, MESSAGE_ROOTS);
        String voice = action.text("voice", false, "a voice such as Polly.Joanna")
                .map(v -> FlowParser.voice("action.voice", v)).orElse(null);
        return new Campaign.Action.Message(text, voice);
    }

    private static String purpose(DefinitionFields root) {
        String purpose = root.text("purpose", false, "transactional or marketing").orElse(Purpose.TRANSACTIONAL.wire());
        if (Purpose.of(purpose).isEmpty()) {
            throw refused("purpose", "purpose must be transactional (reminders, confirmations) or marketing");
        }
        return purpose;
    }

    private static String callerId(DefinitionFields root) {
        return root.text("callerId", false, "a number of the workspace in E.164 form, or null for local presence")
                .map(n -> PhoneNumbers.requireE164("callerId", n)).orElse(null);
    }

    private static Campaign.Audience audience(DefinitionFields root) {
        Optional<DefinitionFields> given = root.object("audience", "{\"phones\": [...]} or {\"tag\": \"...\"}");
        if (given.isEmpty()) {
            return new Campaign.Audience(List.of(), null);
        }
        DefinitionFields audience = given.get();
        audience.rejectUnknown(Set.of("phones", "tag"));
        if (audience.has("phones") == audience.has("tag")) {
            throw refused("audience", "audience needs exactly one of phones (a list of numbers, e.g. "
                    + "{\"phones\": [\"+13125550144\"]}) or tag (the contacts carrying it when a run starts)");
        }
        if (audience.has("tag")) {
            String tag = audience.requiredText("tag", false, "a contact tag such as flu-2026");
            if (tag.length() > MAX_TAG_LENGTH) {
                throw refused("audience.tag", "audience.tag is longer than " + MAX_TAG_LENGTH + " characters");
            }
            return new Campaign.Audience(List.of(), tag);
        }
        JsonNode phones = audience.list("phones", "numbers in E.164 form").orElseThrow();
        if (phones.size() > MAX_DEFINITION_PHONES) {
            throw refused("audience.phones", "audience.phones holds at most " + MAX_DEFINITION_PHONES
                    + " numbers; add more through the campaign's targets (a JSON list or a CSV file)");
        }
        // The same number twice is one target.
        LinkedHashSet<String> numbers = new LinkedHashSet<>();
        for (int i = 0; i < phones.size(); i++) {
            String field = "audience.phones[" + i + "]";
            JsonNode phone = phones.get(i);
            if (!phone.isTextual()) {
                throw refused(field, field + " must be a phone number written as a string, e.g. \"+13125550144\"");
            }
            numbers.add(PhoneNumbers.requireE164(field, phone.textValue()));
        }
        return new Campaign.Audience(List.copyOf(numbers), null);
    }

    private static Campaign.Retry retry(DefinitionFields root) {
        Optional<DefinitionFields> given = root.object("retry",
                "{\"maxAttempts\": 3, \"interval\": \"PT2H\", \"on\": [\"no_answer\", \"busy\"]}");
        if (given.isEmpty()) {
            return Campaign.Retry.none();
        }
        DefinitionFields retry = given.get();
        retry.rejectUnknown(Set.of("maxAttempts", "interval", "on"));
        int maxAttempts = retry.wholeNumber("maxAttempts", 1, 1, 10);
        Duration interval = retry.text("interval", false, "an ISO-8601 duration such as PT2H")
                .map(i -> interval(retry.at("interval"), i)).orElse(Campaign.Retry.none().interval());
        Set<String> on = retry.list("on", "outcomes from " + RETRY_OUTCOMES)
                .map(CampaignParser::retryOn).orElse(DEFAULT_RETRY_ON);
        if (on.isEmpty() && maxAttempts > 1) {
            throw refused("retry.on", "retry.on is empty, so nothing would be tried again: name outcomes from "
                    + RETRY_OUTCOMES + ", or set retry.maxAttempts to 1");
        }
        return new Campaign.Retry(maxAttempts, interval, on);
    }

    private static Duration interval(String field, String text) {
        Duration interval;
        try {
            interval = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw refused(field, field + " must be an ISO-8601 duration such as PT30M, PT2H or P1D");
        }
        if (interval.compareTo(MIN_RETRY_INTERVAL) < 0 || interval.compareTo(MAX_RETRY_INTERVAL) > 0) {
            throw refused(field, field + " must be from one minute (PT1M) to seven days (P7D)");
        }
        return interval;
    }

    private static Set<String> retryOn(JsonNode list) {
        Set<String> on = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String field = "retry.on[" + i + "]";
            JsonNode outcome = list.get(i);
            if (!outcome.isTextual() || !RETRY_OUTCOMES.contains(outcome.textValue())) {
                throw refused(field, field + " must be one of " + RETRY_OUTCOMES
                        + " (a refused or failed call is not tried again)");
            }
            if (!on.add(outcome.textValue())) {
                throw refused(field, field + ": " + outcome.textValue() + " is listed twice");
            }
        }
        return on;
    }

    private static Campaign.Pace pace(DefinitionFields root) {
        Optional<DefinitionFields> given = root.object("pace", "{\"callsPerMinute\": 30, \"maxConcurrent\": 10}");
        if (given.isEmpty()) {
            return new Campaign.Pace(DEFAULT_CALLS_PER_MINUTE, DEFAULT_MAX_CONCURRENT);
        }
        DefinitionFields pace = given.get();
        pace.rejectUnknown(Set.of("callsPerMinute", "maxConcurrent"));
        return new Campaign.Pace(pace.wholeNumber("callsPerMinute", DEFAULT_CALLS_PER_MINUTE, 1, 600),
                pace.wholeNumber("maxConcurrent", DEFAULT_MAX_CONCURRENT, 1, 100));
    }

    private static Campaign.Recurrence recurrence(DefinitionFields root) {
        Optional<DefinitionFields> given = root.object("recurrence",
                "{\"cron\": \"0 9 ? * MON *\", \"timeZone\": \"America/Chicago\"}, or null");
        if (given.isEmpty()) {
            return null;
        }
        DefinitionFields recurrence = given.get();
        recurrence.rejectUnknown(Set.of("cron", "timeZone"));
        String cron = SchedulerCron.require("recurrence.cron", recurrence.requiredText("cron", false,
                "EventBridge Scheduler's six-field cron, e.g. 0 9 ? * MON * (9:00 every Monday)"));
        String zone = recurrence.requiredText("timeZone", false, "the time zone the cron reads, e.g. America/Chicago");
        if (!ZoneId.getAvailableZoneIds().contains(zone)) {
            throw refused("recurrence.timeZone", "recurrence.timeZone must be a time zone name such as America/Chicago, "
                    + "Europe/London or UTC");
        }
        return new Campaign.Recurrence(cron, ZoneId.of(zone));
    }

    /**
     * The campaign as GET shows it: the definition with every default filled in (null where a field is none), then
     * {@code status}, {@code createdAt} and {@code run}.
     */
    public static ObjectNode write(Campaign campaign) {
        return CampaignView.write(campaign);
    }
}
