package dev.autocall.campaign;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.autocall.adapters.dynamodb.DynamoCampaignStore;
import dev.autocall.adapters.dynamodb.DynamoContactStore;
import dev.autocall.adapters.dynamodb.DynamoWorkspaceStore;
import dev.autocall.adapters.dynamodb.SettingsCache;
import dev.autocall.adapters.scheduler.DeferralTarget;
import dev.autocall.adapters.scheduler.QueueOrSchedulerDelivery;
import dev.autocall.adapters.sqs.SqsEventPublisher;
import dev.autocall.adapters.sqs.SqsMessageQueue;
import dev.autocall.aws.AwsClients;
import dev.autocall.aws.SnapStartPriming;
import dev.autocall.config.Environment;
import dev.autocall.config.Names;
import dev.autocall.domain.campaign.CampaignEngine;
import dev.autocall.domain.campaign.CampaignMessage;
import dev.autocall.domain.contact.ContactStore;
import dev.autocall.json.Json;
import dev.autocall.lambda.SqsBatches;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;

/**
 * Lambda entry point on the campaign queue: ticks that dispatch a running campaign at its pace, starts at startAt or
 * at a recurring schedule's firing, and the copying of an audience into a run. A message that fails is reported as a
 * batch item failure, retried, and parked in the dead-letter queue at last.
 */
public final class CampaignHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final CampaignEngine engine;
    private final SnapStartPriming priming;

    /** Used by Lambda: wires real adapters from the function's environment. */
    public CampaignHandler() {
        this(Environment.fromSystem(), Clock.systemUTC());
    }

    /** Used by the local runtime: the same wiring with its environment and clock. */
    public CampaignHandler(Environment env, Clock clock) {
        AwsClients aws = new AwsClients(env);
        DynamoDbClient dynamo = aws.dynamoDb();
        SqsClient sqs = aws.sqs();
        DynamoWorkspaceStore workspaces = new DynamoWorkspaceStore(dynamo, env.required(Names.WORKSPACES_TABLE), SettingsCache.from(env));
        ContactStore contacts = new DynamoContactStore(dynamo, env.required(Names.CONTACTS_TABLE));
        DynamoCampaignStore campaigns = new DynamoCampaignStore(dynamo, env.required(Names.CAMPAIGNS_TABLE));
        this.engine = new CampaignEngine(campaigns, workspaces, contacts, CampaignEngine.tagsOf(contacts),
                new SqsMessageQueue(sqs, env.required(Names.COMPLIANCE_QUEUE_URL)),
                new SqsEventPublisher(sqs, env.required(Names.EVENTS_QUEUE_URL)),
                new QueueOrSchedulerDelivery(sqs, aws.scheduler(), DeferralTarget.campaignQueue(env), clock), clock,
                dev.autocall.adapters.sqs.SqsOutboundWebhooks.fromEnvironment(env, sqs));
        this.priming = SnapStartPriming.register(() -> {
            workspaces.find("priming");
            campaigns.find("priming", "priming");
            Json.read(Json.write(CampaignMessage.start("priming", "priming")), CampaignMessage.class);
        });
    }

    public CampaignHandler(CampaignEngine engine) {
        this.engine = engine;
        this.priming = null;
    }

    /** Messages of a batch are independent (ticks of one run are serialized by the run's claim, not by order). */
    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatches.concurrently(event, body -> engine.handle(Json.read(body, CampaignMessage.class)), "campaign message");
    }
}
