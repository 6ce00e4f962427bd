package dev.autocall.compliance;

import dev.autocall.adapters.dynamodb.DynamoCampaignStore;
import dev.autocall.domain.campaign.CampaignCalls;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.autocall.adapters.dynamodb.DynamoCallRequestStore;
import dev.autocall.adapters.dynamodb.DynamoCapStore;
import dev.autocall.adapters.dynamodb.DynamoContactStore;
import dev.autocall.adapters.dynamodb.DynamoRunStore;
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
import dev.autocall.domain.compliance.ComplianceGate;
import dev.autocall.domain.compliance.ComplianceRules;
import dev.autocall.domain.outbound.CallRequestMessage;
import dev.autocall.domain.outbound.ComplianceProcessor;
import dev.autocall.json.Json;
import dev.autocall.lambda.SqsBatches;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.util.Optional;

/**
 * Lambda entry point on the compliance queue: each message names a call request to judge now. A message that
 * fails is reported as a batch item failure, retried, and parked in the dead-letter queue at last.
 */
public final class ComplianceHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final ComplianceProcessor processor;
    private final SnapStartPriming priming;

    /** Used by Lambda: wires real adapters from the function's environment. */
    public ComplianceHandler() {
        this(Environment.fromSystem(), Clock.systemUTC());
    }

    /** Used by the local runtime: the same wiring with its environment and clock. */
    public ComplianceHandler(Environment env, Clock clock) {
        AwsClients aws = new AwsClients(env);
        DynamoDbClient dynamo = aws.dynamoDb();
        SqsClient sqs = aws.sqs();
        ComplianceRules rules = new ComplianceRules();
        DynamoWorkspaceStore workspaces = new DynamoWorkspaceStore(dynamo, env.required(Names.WORKSPACES_TABLE), SettingsCache.from(env));
        ComplianceGate gate = new ComplianceGate(workspaces, new DynamoContactStore(dynamo, env.required(Names.CONTACTS_TABLE)),
                new DynamoCapStore(dynamo, env.required(Names.CAPS_TABLE)), rules, clock);
        this.processor = new ComplianceProcessor(new DynamoCallRequestStore(dynamo, env.required(Names.ACTIVITY_TABLE)), gate,
                new SqsMessageQueue(sqs, env.required(Names.DIAL_QUEUE_URL)),
                new QueueOrSchedulerDelivery(sqs, aws.scheduler(), DeferralTarget.complianceQueue(env), clock),
                new SqsEventPublisher(sqs, env.required(Names.EVENTS_QUEUE_URL)),
                new DynamoRunStore(dynamo, env.required(Names.RUNS_TABLE)), clock,
                Optional.of(new CampaignCalls(new DynamoCampaignStore(dynamo, env.required(Names.CAMPAIGNS_TABLE)),
                        new QueueOrSchedulerDelivery(sqs, aws.scheduler(), DeferralTarget.campaignQueue(env), clock), clock)));
        this.priming = SnapStartPriming.register(() -> {
            workspaces.find("priming");
            rules.zonesFor("+14155550100", Optional.empty());
            Json.read(Json.write(new CallRequestMessage("priming", "priming")), CallRequestMessage.class);
        });
    }

    public ComplianceHandler(ComplianceProcessor processor) {
        this.processor = processor;
        this.priming = null;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatches.sequentially(event, body -> processor.process(Json.read(body, CallRequestMessage.class)), "call request");
    }
}
