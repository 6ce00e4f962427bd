package dev.autocall.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocall.domain.campaign.Campaign;
import dev.autocall.domain.campaign.CampaignParser;
import dev.autocall.domain.campaign.CampaignStore;
import dev.autocall.domain.campaign.CampaignStore.RunState;
import dev.autocall.domain.campaign.Campaigns;
import dev.autocall.domain.campaign.Progress;
import dev.autocall.domain.campaign.TargetRows;
import dev.autocall.domain.campaign.TargetState;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.domain.workspace.WorkspaceStore;
import dev.autocall.error.InvalidInputException;
import dev.autocall.error.NotFoundException;
import dev.autocall.json.Json;

import java.io.StringReader;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The campaign endpoints under /v1/campaigns (docs/campaigns.md). */
final class CampaignEndpoints {
    private static final Pattern CAMPAIGN = Pattern.compile("/v1/campaigns/([^/]+)(/targets|/start|/pause|/resume|/cancel|/runs|/progress)?");

    private final Campaigns campaigns;
    private final WorkspaceStore workspaces;
    private final Clock clock;

    CampaignEndpoints(Campaigns campaigns, WorkspaceStore workspaces, Clock clock) {
        this.campaigns = campaigns;
        this.workspaces = workspaces;
        this.clock = clock;
    }

    /** @param method the request's method, HEAD already read as GET */
    ApiResponse route(String ws, String method, ApiRequest request) {
        if (request.path().equals("/v1/campaigns")) {
            return method.equals("POST") ? create(ws, request) : ManagementApi.methodNotAllowed(request, "POST");
        }
        Matcher matcher = CAMPAIGN.matcher(request.path());
        if (!matcher.matches()) {
            return ApiResponse.error(404, "not_found", "no route " + method + " " + request.path(), null);
        }
        String id = id(ManagementApi.decode(matcher.group(1)));
        String sub = matcher.group(2) == null ? "" : matcher.group(2);
        return switch (method + " " + sub) {
            case "GET " -> ApiResponse.ok(view(campaigns.find(ws, id)));
            case "PUT " -> replace(ws, id, request);
            case "POST /targets" -> targets(ws, id, request);
            case "POST /start" -> ApiResponse.ok(view(campaigns.start(ws, id)));
            case "POST /pause" -> ApiResponse.ok(view(campaigns.pause(ws, id)));
            case "POST /resume" -> ApiResponse.ok(view(campaigns.resume(ws, id)));
            case "POST /cancel" -> ApiResponse.ok(view(campaigns.cancel(ws, id)));
            case "GET /runs" -> ApiResponse.ok(Map.of("runs", campaigns.runs(ws, id).stream().map(CampaignEndpoints::runView).toList()));
            case "GET /progress" -> ApiResponse.ok(progressView(campaigns.progress(campaigns.find(ws, id))));
            default -> ManagementApi.methodNotAllowed(request, switch (sub) {
                case "" -> "GET, HEAD, PUT";
                case "/runs", "/progress" -> "GET, HEAD";
                default -> "POST";
            });
        };
    }

    private ApiResponse create(String ws, ApiRequest request) {
        BodyLimits.require(request.body(), BodyLimits.CAMPAIGN, "a campaign");
        Campaign parsed = CampaignParser.parse(RequestBodies.tree(request.body()), Optional.empty(), ws, clock.instant());
        return ApiResponse.of(201, view(campaigns.create(workspace(ws), parsed)));
    }

    private ApiResponse replace(String ws, String id, ApiRequest request) {
        BodyLimits.require(request.body(), BodyLimits.CAMPAIGN, "a campaign");
        Campaign parsed = CampaignParser.parse(RequestBodies.tree(request.body()), Optional.of(id), ws, clock.instant());
        return ApiResponse.ok(view(campaigns.replace(workspace(ws), id, parsed)));
    }

    /** A JSON list, or text/csv with a header row; each row is taken or refused on its own. */
    private ApiResponse targets(String ws, String id, ApiRequest request) {
        BodyLimits.require(request.body(), BodyLimits.TARGETS, "a targets request (split the list into several requests)");
        campaigns.find(ws, id);
        String type = request.contentType().map(t -> t.toLowerCase(Locale.ROOT)).orElse("application/json");
        TargetRows.Parsed parsed;
        if (type.startsWith("text/csv")) {
            parsed = TargetRows.fromCsv(new StringReader(request.body() == null ? "" : request.body()));
        } else if (type.startsWith("application/json")) {
            JsonNode list = RequestBodies.tree(request.body());
            if (!list.isArray()) {
                throw new InvalidInputException("body", "targets must be a JSON list of numbers or objects, or text/csv with a header row");
            }
            parsed = TargetRows.fromJson(list);
        } else {
            throw new InvalidInputException("Content-Type", "send targets as application/json (a list) or text/csv (a header row with phone)");
        }
        CampaignStore.Added added = campaigns.addTargets(ws, id, parsed.targets());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("added", added.added());
        answer.put("duplicates", added.duplicates() + parsed.duplicates());
        answer.put("rejected", parsed.rejected().stream().map(CampaignEndpoints::rejectedView).toList());
        return ApiResponse.ok(answer);
    }

    private static Map<String, Object> rejectedView(TargetRows.Rejected rejected) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("line", rejected.line());
        if (rejected.phone() != null) {
            view.put("phone", rejected.phone());
        }
        view.put("error", rejected.error());
        return view;
    }

    private Workspace workspace(String ws) {
        return workspaces.find(ws).orElseThrow(() -> new NotFoundException("no workspace " + ws));
    }

    private static String id(String id) {
        if (!ManagementApi.WORKFLOW_ID.matcher(id).matches()) {
            throw new InvalidInputException("id", "campaign id '" + id + "' must be 1-64 letters, digits, - or _");
        }
        return id;
    }

    private ObjectNode view(Campaign campaign) {
        ObjectNode view = CampaignParser.write(campaign);
        view.set("progress", Json.MAPPER.valueToTree(progressView(campaigns.progress(campaign))));
        return view;
    }

    static Map<String, Object> progressView(Progress progress) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("total", progress.total());
        for (TargetState state : TargetState.values()) {
            view.put(state.wire(), progress.count(state));
        }
        view.put("outcomes", progress.outcomes());
        view.put("failures", progress.failures());
        return view;
    }

    private static Map<String, Object> runView(RunState run) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("run", run.run());
        view.put("status", run.status().name().toLowerCase(Locale.ROOT));
        view.put("startedAt", run.startedAt());
        view.put("endedAt", run.endedAt());
        if (run.firedAt() != null) {
            view.put("firedAt", run.firedAt());
        }
        view.put("expired", run.expired());
        view.put("progress", progressView(run.progress()));
        return view;
    }
}
