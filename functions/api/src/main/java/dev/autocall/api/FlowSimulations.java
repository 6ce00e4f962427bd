package dev.autocall.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocall.domain.ivr.Flow;
import dev.autocall.domain.ivr.FlowCall;
import dev.autocall.domain.ivr.FlowParser;
import dev.autocall.domain.ivr.FlowSimulation;
import dev.autocall.domain.ivr.FlowStore;
import dev.autocall.domain.ivr.FlowStore.StoredFlow;
import dev.autocall.domain.voice.Callback;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.error.InvalidInputException;
import dev.autocall.error.NotFoundException;
import dev.autocall.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v1/flows/{id}/simulate}: plays a flow's draft (or a published version) without a phone call, on the
 * interpreter that serves Twilio, with the keys, contact and data the request gives, fetches included.
 */
final class FlowSimulations {
    private static final Set<String> FIELDS = Set.of("keys", "contact", "data", "version");
    private static final String CALL_SID = "CAsimulation0000000000000000000000";

    private final FlowStore flows;
    private final FlowSimulation simulation;

    FlowSimulations(FlowStore flows, FlowSimulation simulation) {
        this.flows = flows;
        this.simulation = simulation;
    }

    ApiResponse simulate(Workspace workspace, String flowId, ApiRequest request) {
        BodyLimits.require(request.body(), BodyLimits.FLOW, "a simulation");
        JsonNode body = RequestBodies.tree(request.body());
        if (!body.isObject()) {
            throw new InvalidInputException("the request body must be a JSON object, e.g. {\"keys\": [\"\", \"1\"]}");
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw new InvalidInputException(name, "unknown field " + name + "; a simulation takes " + new java.util.TreeSet<>(FIELDS));
            }
        });
        StoredFlow stored = flows.find(workspace.id(), flowId).orElseThrow(() -> new NotFoundException("no flow " + flowId
                + "; save it with PUT /v1/flows/" + flowId + " first"));
        int version = version(body.get("version"), stored);
        String json = version == 0 ? stored.draftJson() : flows.version(workspace.id(), flowId, version)
                .orElseThrow(() -> new NotFoundException("flow " + flowId + " has no version " + version));
        Flow flow = FlowParser.parseStored(json);
        Map<String, Object> contact = object(body, "contact");
        Map<String, Object> workspaceRoot = new LinkedHashMap<>();
        workspaceRoot.put("name", workspace.displayName());
        String business = workspace.numbers().isEmpty() ? null : workspace.numbers().get(0);
        workspaceRoot.put("number", business);
        workspaceRoot.put("forwarding", workspace.forwarding().number());
        String caller = contact.get("phone") instanceof String phone ? phone : null;
        FlowCall call = new FlowCall(workspace.id(), flowId, version, flow, contact, workspaceRoot, object(body, "data"),
                CALL_SID, caller, business, "simulation", new Callback(Callback.Kind.IVR, Map.of("ws", workspace.id(), "call", CALL_SID)));
        FlowSimulation.Result result = simulation.run(call, keys(body.get("keys")));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("outcome", result.outcome());
        answer.put("version", version == 0 ? "draft" : version);
        answer.put("keys", result.keys());
        answer.put("path", result.path().stream().map(FlowSimulations::step).toList());
        answer.put("sms", result.sms());
        answer.put("fetches", result.fetches().stream().map(FlowSimulations::fetch).toList());
        return ApiResponse.ok(answer);
    }

    /** "draft" (the default) is 0; a published version is its number. */
    private static int version(JsonNode value, StoredFlow stored) {
        if (value == null || value.isTextual() && value.asText().equals("draft")) {
            return 0;
        }
        if (!value.isIntegralNumber() || value.bigIntegerValue().signum() < 1) {
            throw new InvalidInputException("version", "version must be \"draft\" or a published version number (1 or more)");
        }
        // A version number beyond any published one (however large) names no version: not found, not bad input.
        if (!value.canConvertToInt() || value.asInt() > stored.publishedVersion()) {
            throw new NotFoundException("flow " + stored.id() + " has no version " + value.bigIntegerValue()
                    + (stored.publishedVersion() == 0 ? "; it was never published" : "; the latest is " + stored.publishedVersion()));
        }
        return value.asInt();
    }

    private static List<String> keys(JsonNode value) {
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new InvalidInputException("keys", "keys must be a list with one entry per gather, e.g. [\"\", \"1\"]");
        }
        if (value.size() > FlowSimulation.MAX_KEYS) {
            throw new InvalidInputException("keys", "keys: at most " + FlowSimulation.MAX_KEYS + " entries");
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw new InvalidInputException("keys[" + i + "]", "keys[" + i + "] must be a string of keys, \"\" for no input");
            }
            keys.add(value.get(i).asText());
        }
        return keys;
    }

    private static Map<String, Object> object(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (!(value instanceof ObjectNode object)) {
            throw new InvalidInputException(field, field + " must be an object, e.g. {\"firstName\": \"Dana\"}");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = Json.MAPPER.convertValue(RequestBodies.withoutNulls(object, field), Map.class);
        return map;
    }

    private static Map<String, Object> step(dev.autocall.domain.ivr.IvrSession.PathEntry entry) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("node", entry.node());
        step.put("type", entry.type());
        if (entry.said() != null) {
            step.put("said", entry.said());
        }
        if (entry.keys() != null) {
            step.put("keys", entry.keys());
        }
        return step;
    }

    private static Map<String, Object> fetch(dev.autocall.domain.ivr.Turn.FetchLog log) {
        Map<String, Object> fetch = new LinkedHashMap<>();
        fetch.put("node", log.node());
        fetch.put("url", log.url());
        fetch.put("status", log.status());
        fetch.put("millis", log.millis());
        if (log.error() != null) {
            fetch.put("error", log.error());
        }
        return fetch;
    }
}
