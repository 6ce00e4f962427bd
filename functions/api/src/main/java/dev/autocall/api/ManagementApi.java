package dev.autocall.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.domain.compliance.ComplianceDecision;
import dev.autocall.domain.compliance.ComplianceGate;
import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.contact.ContactStore;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventPublisher;
import dev.autocall.domain.event.EventTypes;
import dev.autocall.domain.setup.ApiKeys;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The management API (SPEC §4.2). The API key decides the workspace; nothing in a request body can
 * name another one.
 */
public final class ManagementApi {
    private static final Pattern CONTACT = Pattern.compile("/v1/contacts/([^/]+)(/thread|/runs)?");
    private static final Pattern WORKFLOW = Pattern.compile("/v1/workflows/([^/]+)(/publish|/runs)?");
    private static final Pattern WORKFLOW_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

    private final WorkspaceStore workspaces;
    private final ContactStore contacts;
    private final WorkflowStore workflows;
    private final RunStore runs;
    private final EventPublisher events;
    private final ComplianceGate compliance;
    private final Clock clock;

    public ManagementApi(WorkspaceStore workspaces, ContactStore contacts, WorkflowStore workflows, RunStore runs,
                         EventPublisher events, ComplianceGate compliance, Clock clock) {
        this.workspaces = workspaces;
        this.contacts = contacts;
        this.workflows = workflows;
        this.runs = runs;
        this.events = events;
        this.compliance = compliance;
        this.clock = clock;
    }

    public ApiResponse handle(ApiRequest request) {
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
        }
    }

    private ApiResponse route(String ws, ApiRequest request) {
        String method = request.method();
        String path = request.path();
        if (path.equals("/v1/workspace")) {
            return switch (method) {
                case "GET" -> ApiResponse.ok(workspace(ws));
                case "PUT" -> putWorkspace(ws, request.body());
                default -> methodNotAllowed(method, path);
            };
        }
        if (path.equals("/v1/events")) {
            return method.equals("POST") ? postEvent(ws, request.body()) : methodNotAllowed(method, path);
        }
        if (path.equals("/v1/compliance/preflight")) {
            return method.equals("POST") ? preflight(ws, request.body()) : methodNotAllowed(method, path);
        }
        if (path.equals("/v1/tasks")) {
            return method.equals("GET") ? ApiResponse.ok(Map.of("tasks", contacts.tasks(ws))) : methodNotAllowed(method, path);
        }
        if (path.equals("/v1/workflows")) {
            return method.equals("GET") ? ApiResponse.ok(Map.of("workflows",
                    workflows.list(ws).stream().map(this::workflowView).toList())) : methodNotAllowed(method, path);
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
                default -> methodNotAllowed(method, path);
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
                default -> methodNotAllowed(method, path);
            };
        }
        return ApiResponse.error(404, "not_found", "no route " + method + " " + path, null);
    }

    private Workspace workspace(String ws) {
        return workspaces.find(ws).orElseThrow(() -> new NotFoundException("workspace not found"));
    }

    private ApiResponse putWorkspace(String ws, String body) {
        Workspace incoming = RequestBodies.read(body, Workspace.class).withId(ws);
        Validation.workspace(incoming);
        workspaces.save(incoming);
        return ApiResponse.ok(incoming);
    }

    private ApiResponse putContact(String ws, String phone, String body) {
        Contact incoming = RequestBodies.read(body, Contact.class);
        Validation.contact(incoming);
        // A PUT replaces the contact but keeps how and when it first came in.
        Contact stored = contacts.update(ws, Contact.newContact(phone, "manual", clock.instant()),
                existing -> incoming.withIdentity(phone, existing.source(), existing.createdAt()));
        return ApiResponse.ok(stored);
    }

    /** The draft is checked once and stored as the JSON that was checked; publishing reads exactly that. */
    private ApiResponse putWorkflow(String ws, String id, ApiRequest request) {
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
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", stored.id());
        view.put("definition", Json.tree(stored.draftJson()));
        view.put("draftRevision", stored.draftRevision());
        view.put("publishedVersion", stored.publishedVersion());
        view.put("updatedAt", stored.updatedAt());
        if (stored.publishedAt() != null) {
            view.put("publishedAt", stored.publishedAt());
        }
        return view;
    }

    private ApiResponse postEvent(String ws, String body) {
        JsonNode node = RequestBodies.tree(body);
        if (!node.isObject()) {
            throw new InvalidInputException("an event is a JSON object: {\"id\", \"type\", \"contact\": {\"phone\"}, \"data\"}");
        }
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
        JsonNode contactNode = node.path("contact");
        if (!contactNode.isObject()) {
            throw new InvalidInputException("contact", "contact is required: {\"phone\": \"+14155550123\", ...}");
        }
        String phone = PhoneNumbers.requireE164("contact.phone", contactNode.path("phone").isTextual() ? contactNode.get("phone").asText() : null);
        JsonNode data = node.path("data");
        if (!data.isMissingNode() && !data.isNull() && !data.isObject()) {
            throw new InvalidInputException("data", "data must be an object");
        }
        node.fieldNames().forEachRemaining(n -> {
            if (!List.of("id", "type", "contact", "data").contains(n)) {
                throw new InvalidInputException(n, "unknown field " + n + "; an event has id, type, contact and data");
            }
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> dataMap = data.isObject() ? Json.MAPPER.convertValue(data, Map.class) : Map.of();
        @SuppressWarnings("unchecked")
        Map<String, Object> contactMap = Json.MAPPER.convertValue(contactNode, Map.class);
        events.publish(new DomainEvent("api:" + id, type, ws, clock.instant(), phone, null, dataMap, contactMap));
        return ApiResponse.accepted(Map.of("id", id, "status", "accepted"));
    }

    /** "Could I call this number at this time, and if not, why and when?" Reserves nothing (SPEC §4.2). */
    private ApiResponse preflight(String ws, String body) {
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
        Optional<Instant> at = Optional.empty();
        if (node.hasNonNull("at")) {
            try {
                at = Optional.of(OffsetDateTime.parse(node.get("at").asText()).toInstant());
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("at", "at must be an ISO-8601 time with an offset, e.g. 2026-11-25T09:30:00-06:00");
            }
        }
        String purpose = node.hasNonNull("purpose") ? node.get("purpose").asText() : "transactional";
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

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidInputException(field, field + " is required and must be a non-empty string");
        }
        return value.asText();
    }

    private static int limit(ApiRequest request) {
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

    private static ApiResponse methodNotAllowed(String method, String path) {
        return ApiResponse.error(405, "method_not_allowed", method + " is not supported on " + path, null);
    }

    /** Path segments are percent-decoded; a literal + stays a + (it starts every E.164 number). */
    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
