package dev.autocall.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.domain.compliance.ComplianceGate;
import dev.autocall.domain.compliance.ComplianceRules;
import dev.autocall.domain.setup.WorkspaceSetup;
import dev.autocall.json.Json;
import dev.autocall.testing.InMemoryCapStore;
import dev.autocall.testing.InMemoryContactStore;
import dev.autocall.testing.InMemoryFlowStore;
import dev.autocall.testing.InMemoryRunStore;
import dev.autocall.testing.InMemoryWorkflowStore;
import dev.autocall.testing.InMemoryWebhookSecrets;
import dev.autocall.testing.InMemoryWorkspaceStore;
import dev.autocall.testing.MutableClock;
import dev.autocall.testing.RecordingEventPublisher;
import dev.autocall.testing.SampleWorkspaces;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** A ManagementApi over in-memory fakes with the sample workspace and its API key. */
final class ApiFixture {
    static final Instant NOW = Instant.parse("2026-11-02T15:00:00Z");

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    final InMemoryContactStore contacts = new InMemoryContactStore();
    final InMemoryWorkflowStore workflows = new InMemoryWorkflowStore();
    final InMemoryFlowStore flows = new InMemoryFlowStore();
    final InMemoryRunStore runs = new InMemoryRunStore();
    final RecordingEventPublisher events = new RecordingEventPublisher();
    /** A fetch node's server that cannot be reached: simulations of flows with fetches take their onError. */
    static final dev.autocall.domain.ivr.Fetcher NO_SERVER = (workspaceId, url, json, timeout) ->
            new dev.autocall.domain.ivr.Fetcher.Response(0, null, "connection refused");
    final InMemoryWebhookSecrets webhookSecrets = new InMemoryWebhookSecrets();
    final dev.autocall.testing.InMemoryWebhookDeliveries webhookDeliveries = new dev.autocall.testing.InMemoryWebhookDeliveries();
    /** The webhook queue's messages (a replay's attempt), as {body, when}. */
    final java.util.List<String[]> webhookQueue = new java.util.concurrent.CopyOnWriteArrayList<>();
    final ManagementApi api = new ManagementApi(workspaces, contacts, workflows, flows, runs, events,
            new ComplianceGate(workspaces, contacts, new InMemoryCapStore(), new ComplianceRules(), clock),
            webhookSecrets, ApiFixture.NO_SERVER, clock)
            .mount(new WebhookEndpoints(new dev.autocall.domain.webhook.WebhookDeliveries(webhookDeliveries, workspaces,
                    webhookSecrets, (url, headers, body) -> { throw new IllegalStateException("the API posts nothing"); },
                    (body, dedup, when) -> webhookQueue.add(new String[] {body, when.toString()}), clock)));
    final String apiKey = new WorkspaceSetup(workspaces, workflows, clock).create(SampleWorkspaces.acme());

    ApiResponse call(String method, String path, String body) {
        return api.handle(new ApiRequest(method, path, Map.of(), Optional.of(apiKey), Optional.of("application/json"), body));
    }

    static JsonNode json(ApiResponse response) {
        return Json.tree(response.body());
    }
}
