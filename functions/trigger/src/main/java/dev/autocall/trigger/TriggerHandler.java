package dev.autocall.trigger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.autocall.adapters.dynamodb.DynamoCampaignStore;
import dev.autocall.adapters.dynamodb.DynamoContactStore;
import dev.autocall.domain.campaign.CampaignCalls;
import dev.autocall.adapters.scheduler.DeferralTarget;
import dev.autocall.adapters.scheduler.QueueOrSchedulerDelivery;
import dev.autocall.adapters.sqs.SqsMessageQueue;
import dev.autocall.adapters.sqs.SqsOutboundWebhooks;
import dev.autocall.domain.webhook.OutboundWebhooks;
import dev.autocall.domain.trigger.CallSteps;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import dev.autocall.adapters.dynamodb.DynamoProcessedEvents;
import dev.autocall.adapters.dynamodb.DynamoRunStore;
import dev.autocall.adapters.dynamodb.DynamoWorkflowStore;
import dev.autocall.adapters.dynamodb.DynamoWorkspaceStore;
import dev.autocall.adapters.dynamodb.SettingsCache;
import dev.autocall.adapters.twilio.TwilioClients;
import dev.autocall.adapters.twilio.TwilioCredentials;
import dev.autocall.adapters.twilio.TwilioSmsSender;
import dev.autocall.aws.AwsClients;
import dev.autocall.config.Environment;
import dev.autocall.config.Names;
import dev.autocall.aws.SnapStartPriming;
import dev.autocall.domain.setup.DefaultWorkflows;
import dev.autocall.domain.workflow.WorkflowParser;
import dev.autocall.domain.contact.ContactStore;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.trigger.EventProcessor;
import dev.autocall.domain.trigger.Messenger;
import dev.autocall.domain.trigger.WorkflowRunner;
import dev.autocall.domain.workspace.WorkspaceStore;
import dev.autocall.json.Json;
import dev.autocall.lambda.SqsBatches;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * Lambda entry point on the events queue. Each message is one domain event; a message that fails is
 * reported back as a batch item failure, retried by SQS, and parked in the dead-letter queue at last.
 */
public final class TriggerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final EventProcessor processor;
    private final SnapStartPriming priming;

    /** Used by Lambda: wires real adapters from the function's environment. */
    public TriggerHandler() {
        this(Environment.fromSystem(), Clock.systemUTC());
    }

    /** Used by the local runtime: the same wiring with its environment and clock. */
    public TriggerHandler(Environment env, Clock clock) {
        AwsClients aws = new AwsClients(env);
        DynamoDbClient dynamo = aws.dynamoDb();
        TwilioCredentials credentials = TwilioCredentials.fromSecret(aws.secretsManager(), env.required(Names.TWILIO_SECRET_ID));
        WorkspaceStore workspaces = new DynamoWorkspaceStore(dynamo, env.required(Names.WORKSPACES_TABLE), SettingsCache.from(env));
        ContactStore contacts = new DynamoContactStore(dynamo, env.required(Names.CONTACTS_TABLE));
        Messenger messenger = new Messenger(new TwilioSmsSender(
                TwilioClients.restClient(credentials, env.endpoint("twilio")), env.optional(Names.WEBHOOK_BASE_URL)),
                contacts, clock);
        SchedulerClient scheduler = aws.scheduler();
        SqsClient sqs = aws.sqs();
        OutboundWebhooks webhooks = SqsOutboundWebhooks.fromEnvironment(env, sqs);
        CallSteps calls = new CallSteps(new SqsMessageQueue(sqs, env.required(Names.COMPLIANCE_QUEUE_URL)),
                new QueueOrSchedulerDelivery(sqs, scheduler, DeferralTarget.complianceQueue(env), clock),
                new QueueOrSchedulerDelivery(sqs, scheduler, DeferralTarget.eventsQueue(env), clock), clock);
        WorkflowRunner runner = new WorkflowRunner(new DynamoWorkflowStore(dynamo, env.required(Names.WORKFLOWS_TABLE), SettingsCache.from(env)),
                new DynamoRunStore(dynamo, env.required(Names.RUNS_TABLE)), contacts, messenger, calls, clock, webhooks);
        CampaignCalls campaignCalls = new CampaignCalls(new DynamoCampaignStore(dynamo, env.required(Names.CAMPAIGNS_TABLE)),
                new QueueOrSchedulerDelivery(sqs, scheduler, DeferralTarget.campaignQueue(env), clock), clock);
        this.processor = new EventProcessor(workspaces, contacts,
                new DynamoProcessedEvents(dynamo, env.required(Names.IDEMPOTENCY_TABLE), clock), runner, messenger, clock,
                java.util.Optional.of(campaignCalls), java.util.Optional.of(new dev.autocall.domain.reporting.CallLogWriter(
                        new dev.autocall.adapters.dynamodb.DynamoCallRows(dynamo, env.required(Names.CALL_LOG_TABLE)), workspaces,
                        new dev.autocall.adapters.dynamodb.DynamoAnalyticsCounters(dynamo, env.required(Names.ANALYTICS_TABLE)),
                        webhooks)),
                webhooks);
        this.priming = SnapStartPriming.register(() -> {
            workspaces.find("priming");
            contacts.find("priming", "+10000000000");
            WorkflowParser.parse(DefaultWorkflows.MISSED_CALL_TEXT_BACK_ID, DefaultWorkflows.MISSED_CALL_TEXT_BACK);
            Json.read(Json.write(new DomainEvent("priming", "call.missed", "priming", java.time.Instant.EPOCH,
                    "+10000000000", null, java.util.Map.of(), java.util.Map.of())), DomainEvent.class);
        });
    }

    public TriggerHandler(EventProcessor processor) {
        this.processor = processor;
        this.priming = null;
    }

    /**
     * The records of a batch are independent events and the work is waiting on DynamoDB and Twilio, so they
     * are processed concurrently: a missed call at the back of a full batch does not wait for nine others.
     */
    /**
     * The records of a batch are independent events and the work is waiting on DynamoDB and Twilio, so they
     * are processed concurrently: a missed call at the back of a full batch does not wait for nine others.
     */
    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatches.concurrently(event, body -> processor.process(Json.read(body, DomainEvent.class)), "event");
    }
}
