package dev.autocall.api;

import dev.autocall.domain.reporting.Analytics;
import dev.autocall.domain.reporting.AnalyticsDays;
import dev.autocall.domain.reporting.AnalyticsQuery;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.domain.workspace.WorkspaceStore;
import dev.autocall.error.NotFoundException;

import java.time.Clock;
import java.time.ZoneId;

/**
 * GET /v1/analytics (docs/api.md, "Analytics"): two DynamoDB requests, the workspace (for its zone) and one Query of
 * the asked dimension's day counters.
 */
public final class AnalyticsEndpoints implements ManagementApi.Routes {
    private static final String PATH = "/v1/analytics";

    private final WorkspaceStore workspaces;
    private final AnalyticsDays days;
    private final Clock clock;

    public AnalyticsEndpoints(WorkspaceStore workspaces, AnalyticsDays days, Clock clock) {
        this.workspaces = workspaces;
        this.days = days;
        this.clock = clock;
    }

    @Override
    public boolean owns(String path) {
        return path.equals(PATH);
    }

    @Override
    public ApiResponse route(String workspaceId, String method, ApiRequest request) {
        if (!method.equals("GET")) {
            return ManagementApi.methodNotAllowed(request, "GET, HEAD");
        }
        Workspace workspace = workspaces.find(workspaceId).orElseThrow(() -> new NotFoundException("workspace not found"));
        ZoneId zone = workspace.zone();
        AnalyticsQuery query = AnalyticsQuery.parse(request.query(), zone, clock.instant());
        return ApiResponse.ok(Analytics.report(query, zone,
                days.days(workspaceId, query.dimension(), query.from(), query.to())));
    }
}
