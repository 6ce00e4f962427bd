package dev.autocall.api;

import dev.autocall.adapters.dynamodb.DynamoWebhookDeliveries;
import dev.autocall.adapters.dynamodb.DynamoWebhookSecrets;
import dev.autocall.adapters.scheduler.DeferralTarget;
import dev.autocall.adapters.scheduler.QueueOrSchedulerDelivery;
import dev.autocall.aws.AwsClients;
import dev.autocall.config.Environment;
import dev.autocall.config.Names;
import dev.autocall.domain.webhook.WebhookDeliveries;
import dev.autocall.domain.webhook.WebhookDelivery;
import dev.autocall.domain.webhook.WebhookDeliveryStore;
import dev.autocall.domain.webhook.WebhookTransport;
import dev.autocall.domain.workspace.WorkspaceStore;
import dev.autocall.error.InvalidInputException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Outbound webhook deliveries: listed newest first, read one by one, and sent again on demand (docs/webhooks.md). */
public final class WebhookEndpoints implements ManagementApi.Routes {
    private static final String DELIVERIES = "/v1/webhooks/deliveries";
    private static final Pattern DELIVERY = Pattern.compile("/v1/webhooks/deliveries/([^/]+)(/retry)?");

    private final WebhookDeliveries deliveries;

    public WebhookEndpoints(WebhookDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    /** The deliveries table and the webhook queue; the API never posts to a receiver itself (a replay is queued). */
    public static WebhookEndpoints fromEnvironment(Environment env, AwsClients aws, DynamoDbClient dynamo,
                                                   WorkspaceStore workspaces, Clock clock) {
        WebhookTransport none = (url, headers, body) -> {
            throw new IllegalStateException("the API queues deliveries; the delivery function posts them");
        };
        return new WebhookEndpoints(new WebhookDeliveries(new DynamoWebhookDeliveries(dynamo, env.required(Names.WEBHOOK_DELIVERIES_TABLE)),
                workspaces, new DynamoWebhookSecrets(dynamo, env.required(Names.WORKSPACES_TABLE)), none,
                new QueueOrSchedulerDelivery(aws.sqs(), aws.scheduler(), DeferralTarget.webhookQueue(env), clock), clock));
    }

    @Override
    public boolean owns(String path) {
        return path.equals(DELIVERIES) || path.startsWith(DELIVERIES + "/");
    }

    @Override
    public ApiResponse route(String ws, String method, ApiRequest request) {
        if (request.path().equals(DELIVERIES)) {
            return method.equals("GET") ? list(ws, request) : ManagementApi.methodNotAllowed(request, "GET, HEAD");
        }
        Matcher matcher = DELIVERY.matcher(request.path());
        if (!matcher.matches()) {
            return ApiResponse.error(404, "not_found", "no route " + method + " " + request.path(), null);
        }
        String id = ManagementApi.decode(matcher.group(1));
        if (id.length() > 512) {
            // Longer than any id Autocall makes, and than a key the table takes: unknown, not a failed read.
            return ApiResponse.error(404, "not_found", "no webhook delivery with that id", null);
        }
        if (matcher.group(2) == null) {
            return method.equals("GET") ? ApiResponse.ok(detail(deliveries.find(ws, id))) : ManagementApi.methodNotAllowed(request, "GET, HEAD");
        }
        return method.equals("POST") ? ApiResponse.of(202, view(deliveries.replay(ws, id))) : ManagementApi.methodNotAllowed(request, "POST");
    }

    private ApiResponse list(String ws, ApiRequest request) {
        WebhookDelivery.Status status = status(request.query().get("status"));
        String cursor = request.query().get("cursor");
        if (cursor != null && (cursor.isEmpty() || cursor.length() > 2048)) {
            throw new InvalidInputException("cursor", "cursor is not one a page of deliveries gave");
        }
        WebhookDeliveryStore.Page page = deliveries.list(ws, status, ManagementApi.limit(request), cursor);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveries", page.deliveries().stream().map(WebhookEndpoints::view).toList());
        if (page.next() != null) {
            body.put("next", page.next());
        }
        return ApiResponse.ok(body);
    }

    private static WebhookDelivery.Status status(String raw) {
        if (raw == null) {
            return null;
        }
        return switch (raw) {
            case "pending", "delivered", "failed", "parked" -> WebhookDelivery.Status.fromWire(raw);
            default -> throw new InvalidInputException("status", "status must be one of pending, delivered, failed, parked");
        };
    }

    /** The list's view and every attempt made, oldest first. */
    static Map<String, Object> detail(WebhookDelivery d) {
        Map<String, Object> view = view(d);
        view.put("history", d.attempts().stream().map(WebhookEndpoints::attempt).toList());
        return view;
    }

    private static Map<String, Object> attempt(WebhookDelivery.Attempt a) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("at", a.at().toString());
        view.put("status", a.status());
        view.put("error", a.error());
        view.put("durationMs", a.durationMs());
        return view;
    }

    static Map<String, Object> view(WebhookDelivery d) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", d.id());
        view.put("type", d.type());
        view.put("status", d.status().wire());
        view.put("attempts", d.attempts().size());
        WebhookDelivery.Attempt last = d.lastAttempt();
        if (last != null) {
            view.put("lastAttempt", attempt(last));
        }
        if (d.nextAttemptAt() != null) {
            view.put("nextAttemptAt", d.nextAttemptAt().toString());
        }
        view.put("createdAt", d.createdAt().toString());
        return view;
    }
}
