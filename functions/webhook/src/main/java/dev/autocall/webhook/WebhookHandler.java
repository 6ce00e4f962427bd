package dev.autocall.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.autocall.adapters.dynamodb.DynamoCallLog;
import dev.autocall.adapters.dynamodb.DynamoCallRequestStore;
import dev.autocall.adapters.dynamodb.DynamoWorkspaceStore;
import dev.autocall.adapters.dynamodb.SettingsCache;
import dev.autocall.adapters.sqs.SqsEventPublisher;
import dev.autocall.adapters.sqs.SqsTimer;
import dev.autocall.adapters.twilio.TwilioCredentials;
import dev.autocall.adapters.twilio.TwilioSignature;
import dev.autocall.aws.AwsClients;
import dev.autocall.config.Environment;
import dev.autocall.config.Names;
import dev.autocall.aws.SnapStartPriming;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.json.Json;
import dev.autocall.http.HttpRequests;
import dev.autocall.http.HttpResponses;
import dev.autocall.phone.Redact;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Lambda entry point for the Twilio webhooks behind the HTTP API. */
public final class WebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = Logger.getLogger(WebhookHandler.class.getName());
    private final TwilioWebhooks webhooks;
    private final Optional<String> publicBaseUrl;
    private final SnapStartPriming priming;

    /** Used by Lambda: wires real adapters from the function's environment. */
    public WebhookHandler() {
        this(Environment.fromSystem(), Clock.systemUTC());
    }

    /** Used by the local runtime: the same wiring with its environment and clock. */
    public WebhookHandler(Environment env, Clock clock) {
        AwsClients aws = new AwsClients(env);
        DynamoDbClient dynamo = aws.dynamoDb();
        TwilioCredentials credentials = TwilioCredentials.fromSecret(aws.secretsManager(), env.required(Names.TWILIO_SECRET_ID));
        DynamoWorkspaceStore workspaces = new DynamoWorkspaceStore(dynamo, env.required(Names.WORKSPACES_TABLE), SettingsCache.from(env));
        this.webhooks = new TwilioWebhooks(new TwilioSignature(credentials.authToken()), workspaces,
                new DynamoCallLog(dynamo, env.required(Names.ACTIVITY_TABLE), clock),
                new DynamoCallRequestStore(dynamo, env.required(Names.ACTIVITY_TABLE)),
                new SqsEventPublisher(aws.sqs(), env.required(Names.EVENTS_QUEUE_URL)),
                new SqsTimer(aws.sqs(), env.required(Names.DIAL_QUEUE_URL), clock),
                new TwilioWebhooks.Ivr(
                        new dev.autocall.adapters.dynamodb.DynamoFlowStore(dynamo, env.required(Names.WORKFLOWS_TABLE), SettingsCache.from(env)),
                        new dev.autocall.adapters.dynamodb.DynamoIvrCallStore(dynamo, env.required(Names.ACTIVITY_TABLE), clock),
                        new dev.autocall.adapters.dynamodb.DynamoContactStore(dynamo, env.required(Names.CONTACTS_TABLE)),
                        dev.autocall.adapters.http.HttpFetcher.fromEnvironment(env,
                                new dev.autocall.adapters.dynamodb.DynamoWebhookSecrets(dynamo, env.required(Names.WORKSPACES_TABLE)), clock)),
                clock);
        this.publicBaseUrl = env.optional(Names.PUBLIC_BASE_URL);
        this.priming = SnapStartPriming.register(() -> {
            workspaces.workspaceForNumber("+10000000000");
            dev.autocall.adapters.twilio.TwilioVoice.twiml("https://example.invalid",
                    dev.autocall.domain.voice.InboundPlans.voicemail(workspaces.find("priming").orElse(PRIMING_WORKSPACE)));
            Json.read(Json.write(PRIMING_EVENT), DomainEvent.class);
        });
    }

    public WebhookHandler(TwilioWebhooks webhooks, Optional<String> publicBaseUrl) {
        this.webhooks = webhooks;
        this.publicBaseUrl = publicBaseUrl;
        this.priming = null;
    }

    private static final Workspace PRIMING_WORKSPACE = new Workspace("priming", "Priming", java.util.List.of(),
            null, null, null, null, null, null, null, null);
    private static final DomainEvent PRIMING_EVENT = new DomainEvent("priming", "call.missed", "priming",
            java.time.Instant.EPOCH, "+10000000000", "+10000000000", Map.of("callSid", "CA0"), Map.of());

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            WebhookResponse response = handle(event);
            return HttpResponses.of(response.status(), response.contentType(), response.body());
        } catch (RuntimeException e) {
            // Twilio retries or plays its own error on a 500: the cause is in the log, the id ties the two together.
            String requestId = Optional.ofNullable(event.getRequestContext())
                    .map(APIGatewayV2HTTPEvent.RequestContext::getRequestId).orElse("unknown");
            LOG.log(Level.SEVERE, () -> "webhook request " + requestId + " failed: " + Redact.failure(e));
            return HttpResponses.json(500, Json.write(Map.of("message", "Internal Server Error", "requestId", requestId)));
        }
    }

    private WebhookResponse handle(APIGatewayV2HTTPEvent event) {
        String body = HttpRequests.body(event);
        // Refused before parsing: the size of a request says nothing about who sent it.
        if (body.length() > WebhookLimits.MAX_BODY_BYTES
                || body.getBytes(StandardCharsets.UTF_8).length > WebhookLimits.MAX_BODY_BYTES) {
            return WebhookResponse.tooLarge(WebhookLimits.MAX_BODY_BYTES);
        }
        return webhooks.handle(new WebhookRequest(
                HttpRequests.routePath(event),
                HttpRequests.requestUrl(event, publicBaseUrl),
                HttpRequests.baseUrl(event, publicBaseUrl),
                HttpRequests.formParams(body),
                event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters(),
                HttpRequests.header(event, "x-twilio-signature")));
    }
}
