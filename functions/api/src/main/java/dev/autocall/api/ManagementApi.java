package dev.autocall.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocall.domain.compliance.ComplianceDecision;
import dev.autocall.domain.compliance.ComplianceGate;
import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.contact.ContactStore;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventPublisher;
import dev.autocall.domain.event.EventTypes;
import dev.autocall.domain.ivr.FlowStore;
import dev.autocall.domain.setup.ApiKeys;
import dev.autocall.domain.webhook.WebhookSecrets;
import dev.autocall.domain.workflow.RunStore;
import dev.autocall.domain.workflow.StoredWorkflow;
import dev.autocall.domain.workflow.ValidatedWorkflow;
import dev.autocall.domain.workflow.WorkflowDefinition;
import dev.autocall.domain.workflow.WorkflowParser;
import dev.autocall.domain.workflow.WorkflowStore;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.domain.workspace.WorkspaceStore;
import dev.autocall.error.ConflictException;
import dev.autocall.error.InvalidInputException;
import dev.autocall.error.NotFoundException;
import dev.autocall.json.Json;
import dev.autocall.phone.PhoneNumbers;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The management API (docs/api.md). The API key decides the workspace; nothing in a request body can
 * name another one.
 */
public final class ManagementApi {
    private static final Pattern CONTACT = Pattern.compile("/v1/contacts/([^/]+)(/thread|/runs)?");
    private static final Pattern WORKFLOW = Pattern.compile("/v1/workflows/([^/]+)(/publish|/runs)?");
    static final Pattern WORKFLOW_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Duration MAX_PREFLIGHT_REACH = Duration.ofDays(366);
    private static final Pattern JSON_WHITESPACE = Pattern.compile("[ \\t\\r\\n]*");
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

    private final WorkspaceStore workspaces;
    private final ContactStore contacts;
    private final WorkflowStore workflows;
    private final FlowEndpoints flows;
    private final RunStore runs;
    private final EventPublisher events;
    private final ComplianceGate compliance;
    private final WebhookSecrets webhookSecrets;
    private final Clock clock;
    private final Optional<CampaignEndpoints> campaigns;
    private final Dashboard dashboard = new Dashboard();
    private final java.util.List<Routes> mounted = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** More endpoints, each owning its paths: checked before the contact routes, after authentication. */
    public interface Routes {
        boolean owns(String path);

        /** @param method the request's method, HEAD already read as GET */
        ApiResponse route(String workspaceId, String method, ApiRequest request);
    }

    /** Adds endpoints; returns this API, so wiring reads as one expression. */
    public ManagementApi mount(Routes routes) {
        mounted.add(routes);
        return this;
    }

    public ManagementApi(WorkspaceStore workspaces, ContactStore contacts, WorkflowStore workflows, FlowStore flows,
                         RunStore runs, EventPublisher events, ComplianceGate compliance, WebhookSecrets webhookSecrets,
                         dev.autocall.domain.ivr.Fetcher fetcher, Clock clock) {
        this(workspaces, contacts, workflows, flows, runs, events, compliance, webhookSecrets, fetcher, null, clock);
    }

    /** @param campaigns the campaigns service; null where campaigns are not wired (their routes answer 404) */
    public ManagementApi(WorkspaceStore workspaces, ContactStore contacts, WorkflowStore workflows, FlowStore flows,
                         RunStore runs, EventPublisher events, ComplianceGate compliance, WebhookSecrets webhookSecrets,
                         dev.autocall.domain.ivr.Fetcher fetcher, dev.autocall.domain.campaign.Campaigns campaigns, Clock clock) {
        this.campaigns = Optional.ofNullable(campaigns).map(c -> new CampaignEndpoints(c, workspaces, clock));
        this.workspaces = workspaces;
        this.contacts = contacts;
        this.workflows = workflows;
        this.flows = new FlowEndpoints(flows, new FlowSimulations(flows, new dev.autocall.domain.ivr.FlowSimulation(
                new dev.autocall.domain.ivr.FlowInterpreter(fetcher, clock))), workspaces, clock);
        this.runs = runs;
        this.events = events;
        this.compliance = compliance;
        this.webhookSecrets = webhookSecrets;
        this.clock = clock;
    }

    public ApiResponse handle(ApiRequest request) {
        ApiResponse response = authenticatedAndRouted(request);
        return request.method().equals("HEAD") ? response.withoutBody() : response;
    }

    private ApiResponse authenticatedAndRouted(ApiRequest request) {
        if (Dashboard.owns(request.path())) {
            return dashboard.serve(request.method().equals("HEAD") ? "GET" : request.method(), request.path());
        }
        if (!request.path().startsWith("/v1/")) {
            return ApiResponse.error(404, "not_found", "no route " + request.method() + " " + request.path()
                    + "; the API's paths start with /v1/", null);
        }
        Optional<String> workspaceId = request.bearerToken()
                .flatMap(token -> workspaces.workspaceForApiKeyHash(ApiKeys.hash(token)));
        if (workspaceId.isEmpty()) {
            return ApiResponse.error(401, "unauthorized", request.bearerToken().isEmpty()
                    ? "send your API key as Authorization: Bearer <key>" : "the API key is not valid", null);
        }
        try {
            return route(workspaceId.get(), request);
        } catch (InvalidInputException e) {
            return ApiResponse.error(400, "invalid_input", e.getMessage(), e.field().orElse(null));
        } catch (NotFoundException e) {
            return ApiResponse.error(404, "not_found", e.getMessage(), null);
        } catch (ConflictException e) {
            return ApiResponse.error(409, "conflict", e.getMessage(), null);
        } catch (TooLargeException e) {
            return ApiResponse.error(413, "too_large", e.getMessage(), e.field());
        }
    }

    private ApiResponse route(String ws, ApiRequest request) {
        // HEAD is answered as GET; handle() drops the body.
        String method = request.method().equals("HEAD") ? "GET" : request.method();
        String path = request.path();
        if (path.equals("/v1/workspace")) {
            return switch (method) {
                case "GET" -> ApiResponse.ok(workspace(ws));
                case "PUT" -> putWorkspace(ws, request.body());
                default -> methodNotAllowed(request, "GET, HEAD, PUT");
            };
        }
        if (path.equals("/v1/events")) {
            return method.equals("POST") ? postEvent(ws, request.body()) : methodNotAllowed(request, "POST");
        }
        if (path.equals("/v1/compliance/preflight")) {
            return method.equals("POST") ? preflight(ws, request.body()) : methodNotAllowed(request, "POST");
        }
        if (path.equals("/v1/webhooks/secret")) {
            return method.equals("POST") ? rotateWebhookSecret(ws, request.body()) : methodNotAllowed(request, "POST");
        }
        if (path.equals("/v1/tasks")) {
            return method.equals("GET") ? ApiResponse.ok(Map.of("tasks", contacts.tasks(ws))) : methodNotAllowed(request, "GET, HEAD");
        }
        if (path.equals("/v1/workflows")) {
            return method.equals("GET") ? ApiResponse.ok(Map.of("workflows",
                    workflows.list(ws).stream().map(this::workflowView).toList())) : methodNotAllowed(request, "GET, HEAD");
        }
        if (path.equals("/v1/flows") || path.startsWith("/v1/flows/")) {
            return flows.route(ws, method, request);
        }
        if ((path.equals("/v1/campaigns") || path.startsWith("/v1/campaigns/")) && campaigns.isPresent()) {
            return campaigns.get().route(ws, method, request);
        }
        for (Routes routes : mounted) {
            if (routes.owns(path)) {
                return routes.route(ws, method, request);
            }
        }
        Matcher contact = CONTACT.matcher(path);
        if (contact.matches()) {
            String phone = PhoneNumbers.requireE164("phone", decode(contact.group(1)));
            String sub = contact.group(2) == null ? "" : contact.group(2);
            return switch (method + " " + sub) {
                case "GET " -> ApiResponse.ok(contacts.find(ws, phone)
                        .orElseThrow(() -> new NotFoundException("no contact " + PhoneNumbers.mask(phone) + " in this workspace")));
                case "PUT " -> putContact(ws, phone, request.body());
                case "GET /thread" -> ApiResponse.ok(Map.of("phone", phone, "items", contacts.thread(ws, phone)));
                case "GET /runs" -> ApiResponse.ok(Map.of("runs", runs.forContact(ws, phone, limit(request))));
                default -> methodNotAllowed(request, sub.isEmpty() ? "GET, HEAD, PUT" : "GET, HEAD");
            };
        }
        Matcher workflow = WORKFLOW.matcher(path);
        if (workflow.matches()) {
            String id = decode(workflow.group(1));
            if (!WORKFLOW_ID.matcher(id).matches()) {
                throw new InvalidInputException("id", "workflow id '" + id + "' must be 1-64 letters, digits, - or _");
            }
            String sub = workflow.group(2) == null ? "" : workflow.group(2);
            return switch (method + " " + sub) {
                case "GET " -> ApiResponse.ok(workflowView(workflows.find(ws, id)
                        .orElseThrow(() -> new NotFoundException("no workflow " + id))));
                case "PUT " -> putWorkflow(ws, id, request);
                case "POST /publish" -> publish(ws, id);
                case "GET /runs" -> {
                    workflows.find(ws, id).orElseThrow(() -> new NotFoundException("no workflow " + id));
                    yield ApiResponse.ok(Map.of("runs", runs.forWorkflow(ws, id, limit(request))));
                }
                default -> methodNotAllowed(request, switch (sub) {
                    case "" -> "GET, HEAD, PUT";
                    case "/publish" -> "POST";
                    default -> "GET, HEAD";
                });
            };
        }
        return ApiResponse.error(404, "not_found", "no route " + method + " " + path, null);
    }

    private Workspace workspace(String ws) {
        return workspaces.find(ws).orElseThrow(() -> new NotFoundException("workspace not found"));
    }

    private ApiResponse putWorkspace(String ws, String body) {
        BodyLimits.require(body, BodyLimits.WORKSPACE, "a workspace");
        Workspace incoming = RequestBodies.read(body, Workspace.class).withId(ws);
        Validation.workspace(incoming);
        flows.requirePublishedInboundFlow(ws, incoming);
        workspaces.save(incoming);
        return ApiResponse.ok(incoming);
    }

    private ApiResponse putContact(String ws, String phone, String body) {
        BodyLimits.require(body, BodyLimits.CONTACT, "a contact");
        Contact incoming = RequestBodies.read(body, Contact.class);
        Validation.contact(incoming);
        // A PUT replaces the contact but keeps how and when it first came in.
        Contact stored = contacts.update(ws, Contact.newContact(phone, "manual", clock.instant()),
                existing -> incoming.withIdentity(phone, existing.source(), existing.createdAt()));
        return ApiResponse.ok(stored);
    }

    /** The draft is checked once and stored as the JSON that was checked; publishing reads exactly that. */
    private ApiResponse putWorkflow(String ws, String id, ApiRequest request) {
        BodyLimits.require(request.body(), BodyLimits.WORKFLOW, "a workflow definition");
        ValidatedWorkflow draft = WorkflowParser.read(id, request.body(), request.contentType());
        StoredWorkflow stored = workflows.saveDraft(ws, id, draft.json(), clock.instant());
        Map<String, Object> view = workflowView(stored);
        view.put("trigger", draft.definition().trigger());
        return ApiResponse.ok(view);
    }

    private ApiResponse publish(String ws, String id) {
        StoredWorkflow stored = workflows.find(ws, id).orElseThrow(() -> new NotFoundException("no workflow " + id));
        WorkflowDefinition definition = WorkflowParser.parseStored(id, stored.draftJson());
        int version = workflows.publish(ws, id, definition.trigger(), clock.instant());
        return ApiResponse.ok(Map.of("id", id, "version", version, "trigger", definition.trigger(),
                "enabled", definition.enabled()));
    }

    private Map<String, Object> workflowView(StoredWorkflow stored) {
        return draftView(stored.id(), stored.draftJson(), stored.draftRevision(), stored.publishedVersion(), stored.updatedAt(),
                stored.publishedAt());
    }

    /** A workflow or a flow as the API shows it: its draft, and which version calls and runs use. */
    static Map<String, Object> draftView(String id, String draftJson, int draftRevision, int publishedVersion,
                                         java.time.Instant updatedAt, java.time.Instant publishedAt) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("definition", Json.tree(draftJson));
        view.put("draftRevision", draftRevision);
        view.put("publishedVersion", publishedVersion);
        view.put("updatedAt", updatedAt);
        if (publishedAt != null) {
            view.put("publishedAt", publishedAt);
        }
        return view;
    }

    private ApiResponse postEvent(String ws, String body) {
        BodyLimits.require(body, BodyLimits.EVENT, "an event");
        JsonNode node = RequestBodies.tree(body);
        if (!node.isObject()) {
            throw new InvalidInputException("an event is a JSON object: {\"id\", \"type\", \"contact\": {\"phone\"}, \"data\"}");
        }
        node.fieldNames().forEachRemaining(n -> {
            if (!List.of("id", "type", "contact", "data").contains(n)) {
                throw new InvalidInputException(n, "unknown field " + n + "; an event has id, type, contact and data");
            }
        });
        String id = text(node, "id");
        if (id.length() > 128) {
            throw new InvalidInputException("id", "id is longer than 128 characters");
        }
        String type = text(node, "type");
        if (!EVENT_TYPE.matcher(type).matches()) {
            throw new InvalidInputException("type", "type '" + type + "' must look like lead.created or appointment.scheduled");
        }
        if (EventTypes.TELEPHONY.contains(type)) {
            throw new InvalidInputException("type", "type " + type + " is emitted by Autocall itself and cannot be sent");
        }
        if (!(node.get("contact") instanceof ObjectNode contactNode)) {
            throw new InvalidInputException("contact", "contact is required: {\"phone\": \"+14155550123\", ...}");
        }
        JsonNode contact = RequestBodies.withoutNulls(contactNode, "contact");
        String phone = PhoneNumbers.requireE164("contact.phone", contact.path("phone").isTextual() ? contact.get("phone").asText() : null);
        for (String name : List.of("firstName", "lastName")) {
            if (contact.has(name) && !contact.get(name).isTextual()) {
                throw new InvalidInputException("contact." + name, "contact." + name + " must be a string");
            }
        }
        JsonNode data = node.path("data");
        if (!data.isMissingNode() && !data.isObject()) {
            throw new InvalidInputException("data", "data must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> dataMap = data instanceof ObjectNode object
                ? Json.MAPPER.convertValue(RequestBodies.withoutNulls(object, "data"), Map.class) : Map.of();
        @SuppressWarnings("unchecked")
        Map<String, Object> contactMap = Json.MAPPER.convertValue(contact, Map.class);
        requireMergeFits(ws, phone, contactMap);
        events.publish(new DomainEvent("api:" + id, type, ws, clock.instant(), phone, null, dataMap, contactMap));
        return ApiResponse.accepted(Map.of("id", id, "status", "accepted"));
    }

    /** The trigger merges an event's contact fields into the stored contact: it must still be a valid contact. */
    private void requireMergeFits(String ws, String phone, Map<String, Object> contactMap) {
        Contact merged = contacts.find(ws, phone).orElseGet(() -> Contact.newContact(phone, "api", clock.instant()))
                .mergedWith(contactMap);
        if (merged.fields().size() > Validation.MAX_CUSTOM_FIELDS) {
            throw new InvalidInputException("contact", "with these fields the contact would have more than "
                    + Validation.MAX_CUSTOM_FIELDS + " custom fields");
        }
        if (BodyLimits.size(Json.write(merged)) > BodyLimits.CONTACT) {
            throw new TooLargeException("contact", "with these fields the contact would be larger than "
                    + BodyLimits.CONTACT / 1024 + " KB");
        }
    }

    /** The only answer that shows a signing secret: it is not kept anywhere the API reads it back from. */
    private ApiResponse rotateWebhookSecret(String ws, String body) {
        // JSON's whitespace only: String.isBlank would also pass control characters such as U+001F.
        if (body != null && !JSON_WHITESPACE.matcher(body).matches()) {
            BodyLimits.require(body, BodyLimits.PREFLIGHT, "a secret rotation");
            JsonNode node = RequestBodies.tree(body);
            if (!node.isObject()) {
                throw new InvalidInputException("rotating the secret takes no body, or an empty JSON object");
            }
            node.fieldNames().forEachRemaining(n -> {
                throw new InvalidInputException(n, "unknown field " + n + "; rotating the secret takes no fields");
            });
        }
        WebhookSecrets.Rotation rotation = webhookSecrets.rotate(ws, clock.instant());
        return ApiResponse.ok(new RotatedSecret(rotation.secret(), rotation.previousValidUntil().orElse(null)))
                .withHeader("Cache-Control", "no-store");
    }

    /** @param previousValidUntil written as null when there was no previous secret, not left out */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    private record RotatedSecret(String secret, Instant previousValidUntil) {
    }

    /** "Could I call this number at this time, and if not, why and when?" Reserves nothing. */
    private ApiResponse preflight(String ws, String body) {
        BodyLimits.require(body, BodyLimits.PREFLIGHT, "a preflight");
        JsonNode node = RequestBodies.tree(body);
        if (!node.isObject()) {
            throw new InvalidInputException("a preflight is a JSON object: {\"to\", \"at\"?, \"purpose\"?}");
        }
        node.fieldNames().forEachRemaining(n -> {
            if (!List.of("to", "at", "purpose").contains(n)) {
                throw new InvalidInputException(n, "unknown field " + n + "; a preflight has to, at and purpose");
            }
        });
        String to = text(node, "to");
        Optional<Instant> at = optionalText(node, "at").map(this::reachableTime);
        String purpose = optionalText(node, "purpose").orElse("transactional");
        if (!List.of("transactional", "marketing").contains(purpose)) {
            throw new InvalidInputException("purpose", "purpose must be transactional or marketing");
        }
        ComplianceDecision decision = compliance.preflight(ws, to, at, purpose);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("decision", decision.decision());
        switch (decision) {
            case ComplianceDecision.Pass pass -> { }
            case ComplianceDecision.Defer defer -> {
                result.put("reason", defer.reason().name());
                result.put("nextAllowedAt", defer.nextAllowedAt());
            }
            case ComplianceDecision.Fail fail -> result.put("reason", fail.reason().name());
        }
        return ApiResponse.ok(result);
    }

    /** A preflight looks at most a year (and a leap day) either way: far enough for any schedule, near enough to compute. */
    private Instant reachableTime(String text) {
        Instant at;
        try {
            at = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidInputException("at", "at must be an ISO-8601 time with an offset, e.g. 2026-11-25T09:30:00-06:00");
        }
        Instant now = clock.instant();
        if (at.isBefore(now.minus(MAX_PREFLIGHT_REACH)) || at.isAfter(now.plus(MAX_PREFLIGHT_REACH))) {
            throw new InvalidInputException("at", "at must be within " + MAX_PREFLIGHT_REACH.toDays() + " days of now");
        }
        return at;
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(field, field + " must be a string when it is sent");
        }
        return Optional.of(value.asText());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidInputException(field, field + " is required and must be a non-empty string");
        }
        return value.asText();
    }

    /** A page size: {@code limit}, 1 to 200, default 50 (runs, deliveries). */
    static int limit(ApiRequest request) {
        String raw = request.query().getOrDefault("limit", "50");
        try {
            int limit = Integer.parseInt(raw);
            if (limit < 1 || limit > 200) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("limit", "limit must be a whole number from 1 to 200");
        }
    }

    static ApiResponse methodNotAllowed(ApiRequest request, String allow) {
        return ApiResponse.error(405, "method_not_allowed", request.method() + " is not supported on " + request.path()
                + "; allowed: " + allow, null).withHeader("Allow", allow);
    }

    /** Path segments are percent-decoded; a literal + stays a + (it starts every E.164 number). */
    static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
