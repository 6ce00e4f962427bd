package dev.autocall.api;

import dev.autocall.domain.ivr.FlowParser;
import dev.autocall.domain.ivr.FlowStore;
import dev.autocall.domain.ivr.FlowStore.StoredFlow;
import dev.autocall.domain.ivr.ValidatedFlow;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.error.InvalidInputException;
import dev.autocall.error.NotFoundException;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IVR flow endpoints under /v1/flows: definitions, drafts, publishing and simulation (docs/flows.md).
 */
final class FlowEndpoints {
    private static final Pattern FLOW = Pattern.compile("/v1/flows/([^/]+)(/publish|/simulate)?");

    private final FlowStore flows;
    private final FlowSimulations simulations;
    private final dev.autocall.domain.workspace.WorkspaceStore workspaces;
    private final Clock clock;

    FlowEndpoints(FlowStore flows, FlowSimulations simulations, dev.autocall.domain.workspace.WorkspaceStore workspaces, Clock clock) {
        this.flows = flows;
        this.simulations = simulations;
        this.workspaces = workspaces;
        this.clock = clock;
    }

    /** @param method the request's method, HEAD already read as GET */
    ApiResponse route(String ws, String method, ApiRequest request) {
        if (request.path().equals("/v1/flows")) {
            return method.equals("GET") ? ApiResponse.ok(Map.of("flows", flows.list(ws).stream().map(FlowEndpoints::view).toList()))
                    : ManagementApi.methodNotAllowed(request, "GET, HEAD");
        }
        Matcher flow = FLOW.matcher(request.path());
        if (!flow.matches()) {
            return ApiResponse.error(404, "not_found", "no route " + method + " " + request.path(), null);
        }
        String id = id(ManagementApi.decode(flow.group(1)));
        String sub = flow.group(2) == null ? "" : flow.group(2);
        return switch (method + " " + sub) {
            case "GET " -> ApiResponse.ok(view(flows.find(ws, id).orElseThrow(() -> new NotFoundException("no flow " + id))));
            case "PUT " -> put(ws, id, request);
            case "POST /publish" -> publish(ws, id);
            case "POST /simulate" -> simulations.simulate(workspaces.find(ws)
                    .orElseThrow(() -> new NotFoundException("no workspace " + ws)), id, request);
            default -> ManagementApi.methodNotAllowed(request, sub.isEmpty() ? "GET, HEAD, PUT" : "POST");
        };
    }

    /** An inbound flow answers real callers: only a published one, so an unfinished draft never does. */
    void requirePublishedInboundFlow(String ws, Workspace incoming) {
        Optional<String> id = incoming.inbound().flowId();
        if (id.isEmpty()) {
            return;
        }
        if (!ManagementApi.WORKFLOW_ID.matcher(id.get()).matches()) {
            throw new InvalidInputException("inbound.flow", "inbound.flow must be a flow id: 1-64 letters, digits, - or _");
        }
        StoredFlow flow = flows.find(ws, id.get()).orElseThrow(() -> new InvalidInputException("inbound.flow",
                "inbound.flow: there is no flow " + id.get() + " in this workspace; save it with PUT /v1/flows/"
                        + id.get() + " and publish it first"));
        if (flow.publishedVersion() == 0) {
            throw new InvalidInputException("inbound.flow", "inbound.flow: flow " + id.get()
                    + " has no published version; publish it first (POST /v1/flows/" + id.get() + "/publish)");
        }
    }

    private static String id(String id) {
        if (!ManagementApi.WORKFLOW_ID.matcher(id).matches()) {
            throw new InvalidInputException("id", "flow id '" + id + "' must be 1-64 letters, digits, - or _");
        }
        return id;
    }

    /** Checked once, stored as the JSON that was checked; publishing and calls read exactly that. */
    private ApiResponse put(String ws, String id, ApiRequest request) {
        BodyLimits.require(request.body(), BodyLimits.FLOW, "a flow");
        ValidatedFlow draft = FlowParser.read(id, request.body(), request.contentType());
        return ApiResponse.ok(view(flows.saveDraft(ws, id, draft.json(), clock.instant())));
    }

    private ApiResponse publish(String ws, String id) {
        StoredFlow stored = flows.find(ws, id).orElseThrow(() -> new NotFoundException("no flow " + id
                + "; save it with PUT /v1/flows/" + id + " first"));
        FlowParser.parseStored(stored.draftJson());
        return ApiResponse.ok(Map.of("id", id, "version", flows.publish(ws, id, clock.instant())));
    }

    private static Map<String, Object> view(StoredFlow stored) {
        return ManagementApi.draftView(stored.id(), stored.draftJson(), stored.draftRevision(), stored.publishedVersion(),
                stored.updatedAt(), stored.publishedAt());
    }
}
