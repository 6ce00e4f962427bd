package dev.autocall.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.autocall.adapters.dynamodb.DynamoCapStore;
import dev.autocall.adapters.dynamodb.DynamoContactStore;
import dev.autocall.adapters.dynamodb.DynamoFlowStore;
import dev.autocall.domain.compliance.ComplianceGate;
import dev.autocall.domain.compliance.ComplianceRules;
import dev.autocall.adapters.dynamodb.DynamoRunStore;
import dev.autocall.adapters.dynamodb.DynamoWebhookSecrets;
import dev.autocall.adapters.dynamodb.DynamoWorkflowStore;
import dev.autocall.adapters.dynamodb.DynamoWorkspaceStore;
import dev.autocall.adapters.dynamodb.SettingsCache;
import dev.autocall.adapters.sqs.SqsEventPublisher;
import dev.autocall.aws.AwsClients;
import dev.autocall.config.Environment;
import dev.autocall.config.Names;
import dev.autocall.aws.SnapStartPriming;
import dev.autocall.http.HttpRequests;
import dev.autocall.http.HttpResponses;
import dev.autocall.phone.Redact;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Lambda entry point for the management API behind the HTTP API. */
public final class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = Logger.getLogger(ApiHandler.class.getName());
    private final ManagementApi api;
    private final SnapStartPriming priming;

    /** Used by Lambda: wires real adapters from the function's environment. */
    public ApiHandler() {
        this(Environment.fromSystem(), Clock.systemUTC());
    }

    /** Used by the local runtime: the same wiring with its environment and clock. */
    public ApiHandler(Environment env, Clock clock) {
        AwsClients aws = new AwsClients(env);
        DynamoDbClient dynamo = aws.dynamoDb();
        DynamoWorkspaceStore workspaces = new DynamoWorkspaceStore(dynamo, env.required(Names.WORKSPACES_TABLE), SettingsCache.from(env));
        this.api = new ManagementApi(workspaces,
                new DynamoContactStore(dynamo, env.required(Names.CONTACTS_TABLE)),
                new DynamoWorkflowStore(dynamo, env.required(Names.WORKFLOWS_TABLE), SettingsCache.from(env)),
                new DynamoFlowStore(dynamo, env.required(Names.WORKFLOWS_TABLE)),
                new DynamoRunStore(dynamo, env.required(Names.RUNS_TABLE)),
                new SqsEventPublisher(aws.sqs(), env.required(Names.EVENTS_QUEUE_URL)),
                new ComplianceGate(workspaces, new DynamoContactStore(dynamo, env.required(Names.CONTACTS_TABLE)),
                        new DynamoCapStore(dynamo, env.required(Names.CAPS_TABLE)), new ComplianceRules(), clock),
                new DynamoWebhookSecrets(dynamo, env.required(Names.WORKSPACES_TABLE)),
                dev.autocall.adapters.http.HttpFetcher.fromEnvironment(env,
                        new DynamoWebhookSecrets(dynamo, env.required(Names.WORKSPACES_TABLE)), clock),
                campaigns(env, aws, dynamo, workspaces, clock),
                clock)
                .mount(new AnalyticsEndpoints(workspaces, new dev.autocall.adapters.dynamodb.DynamoAnalyticsCounters(dynamo, env.required(Names.ANALYTICS_TABLE)), clock))
                .mount(new CallLogEndpoints(new dev.autocall.adapters.dynamodb.DynamoCallRows(dynamo, env.required(Names.CALL_LOG_TABLE))))
                .mount(WebhookEndpoints.fromEnvironment(env, aws, dynamo, workspaces, clock));
        // An unknown key walks the whole authentication path without touching any workspace.
        this.priming = SnapStartPriming.register(() -> api.handle(new ApiRequest("GET", "/v1/workspace", Map.of(),
                Optional.of("priming"), Optional.empty(), "")));
    }

    /** Campaigns: the API starts, pauses and cancels runs; the campaign function dispatches them. */
    private static dev.autocall.domain.campaign.Campaigns campaigns(Environment env, AwsClients aws, DynamoDbClient dynamo,
                                                                   DynamoWorkspaceStore workspaces, Clock clock) {
        var store = new dev.autocall.adapters.dynamodb.DynamoCampaignStore(dynamo, env.required(Names.CAMPAIGNS_TABLE));
        var campaignQueue = new dev.autocall.adapters.scheduler.QueueOrSchedulerDelivery(aws.sqs(), aws.scheduler(),
                dev.autocall.adapters.scheduler.DeferralTarget.campaignQueue(env), clock);
        var contacts = new DynamoContactStore(dynamo, env.required(Names.CONTACTS_TABLE));
        dev.autocall.domain.outbound.MessageQueue noDispatch = body -> {
            throw new IllegalStateException("the API starts runs; the campaign function dispatches them");
        };
        var engine = new dev.autocall.domain.campaign.CampaignEngine(store, workspaces, contacts,
                dev.autocall.domain.campaign.CampaignEngine.tagsOf(contacts), noDispatch,
                new SqsEventPublisher(aws.sqs(), env.required(Names.EVENTS_QUEUE_URL)), campaignQueue, clock);
        var recurring = new dev.autocall.adapters.scheduler.SchedulerRecurringSchedules(aws.scheduler(),
                new dev.autocall.adapters.scheduler.RecurringTarget(env.required(Names.CAMPAIGN_QUEUE_ARN),
                        env.required(Names.RECURRING_SCHEDULE_GROUP), env.required(Names.SCHEDULER_ROLE_ARN),
                        env.required(Names.SCHEDULER_DLQ_ARN)));
        return new dev.autocall.domain.campaign.Campaigns(store, engine, recurring, campaignQueue, clock);
    }

    public ApiHandler(ManagementApi api) {
        this.api = api;
        this.priming = null;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            return answer(event);
        } catch (RuntimeException e) {
            String requestId = requestId(event, context);
            LOG.log(Level.SEVERE, () -> "request " + requestId + " failed: " + Redact.failure(e));
            ApiResponse error = ApiResponse.internalError(requestId);
            return HttpResponses.json(error.status(), error.body());
        }
    }

    private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event) {
        Optional<String> token = HttpRequests.header(event, "authorization")
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim());
        ApiResponse response = api.handle(new ApiRequest(
                event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                        ? event.getRequestContext().getHttp().getMethod() : "GET",
                HttpRequests.routePath(event),
                event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters(),
                token,
                HttpRequests.header(event, "content-type"),
                HttpRequests.body(event)));
        APIGatewayV2HTTPResponse http = HttpResponses.json(response.status(), response.body());
        if (!response.headers().isEmpty()) {
            Map<String, String> headers = new LinkedHashMap<>(http.getHeaders());
            headers.putAll(response.headers());
            http.setHeaders(headers);
        }
        return http;
    }

    /** API Gateway's id (the one in its access log), else Lambda's. */
    private static String requestId(APIGatewayV2HTTPEvent event, Context context) {
        if (event != null && event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        return context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : UUID.randomUUID().toString();
    }
}
