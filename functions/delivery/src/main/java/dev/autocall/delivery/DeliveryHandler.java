package dev.autocall.delivery;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.autocall.adapters.dynamodb.DynamoWebhookDeliveries;
import dev.autocall.adapters.dynamodb.DynamoWebhookSecrets;
import dev.autocall.adapters.dynamodb.DynamoWorkspaceStore;
import dev.autocall.adapters.dynamodb.SettingsCache;
import dev.autocall.adapters.http.HttpWebhookTransport;
import dev.autocall.adapters.scheduler.DeferralTarget;
import dev.autocall.adapters.scheduler.QueueOrSchedulerDelivery;
import dev.autocall.aws.AwsClients;
import dev.autocall.aws.SnapStartPriming;
import dev.autocall.config.Environment;
import dev.autocall.config.Names;
import dev.autocall.domain.webhook.WebhookDeliveries;
import dev.autocall.domain.webhook.WebhookMessage;
import dev.autocall.json.Json;
import dev.autocall.lambda.SqsBatches;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Lambda entry point on the webhook queue: each message is one attempt at posting an event to its workspace's
 * webhookUrl (docs/webhooks.md). A message that fails (a store or queue error, not a receiver's) is reported as a
 * batch item failure, retried, and parked in the dead-letter queue at last.
 */
public final class DeliveryHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final WebhookDeliveries deliveries;
    private final SnapStartPriming priming;

    /** Used by Lambda: wires real adapters from the function's environment. */
    public DeliveryHandler() {
        this(Environment.fromSystem(), Clock.systemUTC());
    }

    /** Used by the local runtime: the same wiring with its environment and clock. */
    public DeliveryHandler(Environment env, Clock clock) {
        AwsClients aws = new AwsClients(env);
        DynamoDbClient dynamo = aws.dynamoDb();
        DynamoWorkspaceStore workspaces = new DynamoWorkspaceStore(dynamo, env.required(Names.WORKSPACES_TABLE), SettingsCache.from(env));
        DynamoWebhookDeliveries store = new DynamoWebhookDeliveries(dynamo, env.required(Names.WEBHOOK_DELIVERIES_TABLE));
        this.deliveries = new WebhookDeliveries(store, workspaces,
                new DynamoWebhookSecrets(dynamo, env.required(Names.WORKSPACES_TABLE)),
                HttpWebhookTransport.fromEnvironment(env),
                new QueueOrSchedulerDelivery(aws.sqs(), aws.scheduler(), DeferralTarget.webhookQueue(env), clock), clock);
        this.priming = SnapStartPriming.register(() -> {
            workspaces.find("priming");
            store.find("priming", "priming");
            Json.read(Json.write(WebhookMessage.event("priming", "priming", "priming", Instant.EPOCH, Map.of())), WebhookMessage.class);
        });
    }

    public DeliveryHandler(WebhookDeliveries deliveries) {
        this.deliveries = deliveries;
        this.priming = null;
    }

    /** Messages of a batch are independent: each names its own delivery and attempt. */
    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatches.concurrently(event, body -> deliveries.handle(Json.read(body, WebhookMessage.class)), "webhook delivery");
    }
}
