package dev.autocall.dialer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.autocall.adapters.dynamodb.DynamoCallRequestStore;
import dev.autocall.adapters.dynamodb.DynamoContactStore;
import dev.autocall.adapters.dynamodb.DynamoRunStore;
import dev.autocall.adapters.dynamodb.DynamoDialRateLimiter;
import dev.autocall.adapters.dynamodb.DynamoWorkspaceStore;
import dev.autocall.adapters.dynamodb.SettingsCache;
import dev.autocall.adapters.scheduler.DeferralTarget;
import dev.autocall.adapters.scheduler.QueueOrSchedulerDelivery;
import dev.autocall.adapters.sqs.SqsEventPublisher;
import dev.autocall.adapters.twilio.TwilioCallProvider;
import dev.autocall.adapters.twilio.TwilioClients;
import dev.autocall.adapters.twilio.TwilioCredentials;
import dev.autocall.aws.AwsClients;
import dev.autocall.aws.SnapStartPriming;
import dev.autocall.config.Environment;
import dev.autocall.config.Names;
import dev.autocall.domain.outbound.CallRequestMessage;
import dev.autocall.domain.outbound.Dialer;
import dev.autocall.json.Json;
import dev.autocall.lambda.SqsBatches;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * Lambda entry point on the dial queue. Messages of a batch are dialed one after another: the rate limit
 * spaces them anyway, and a failure is reported for that message alone.
 */
public final class DialerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final Dialer dialer;
    private final SnapStartPriming priming;

    /** Used by Lambda: wires real adapters from the function's environment. */
    public DialerHandler() {
        this(Environment.fromSystem(), Clock.systemUTC());
    }

    /** Used by the local runtime: the same wiring with its environment and clock. */
    public DialerHandler(Environment env, Clock clock) {
        AwsClients aws = new AwsClients(env);
        DynamoDbClient dynamo = aws.dynamoDb();
        TwilioCredentials credentials = TwilioCredentials.fromSecret(aws.secretsManager(), env.required(Names.TWILIO_SECRET_ID));
        DynamoWorkspaceStore workspaces = new DynamoWorkspaceStore(dynamo, env.required(Names.WORKSPACES_TABLE), SettingsCache.from(env));
        this.dialer = new Dialer(new DynamoCallRequestStore(dynamo, env.required(Names.ACTIVITY_TABLE)), workspaces,
                new DynamoContactStore(dynamo, env.required(Names.CONTACTS_TABLE)),
                new TwilioCallProvider(TwilioClients.restClient(credentials, env.endpoint("twilio")), env.required(Names.WEBHOOK_BASE_URL)),
                new DynamoDialRateLimiter(dynamo, env.required(Names.CAPS_TABLE), clock),
                new SqsEventPublisher(aws.sqs(), env.required(Names.EVENTS_QUEUE_URL)),
                new DynamoRunStore(dynamo, env.required(Names.RUNS_TABLE)),
                new QueueOrSchedulerDelivery(aws.sqs(), aws.scheduler(), DeferralTarget.dialQueue(env), clock),
                java.util.Optional.of(new dev.autocall.adapters.dynamodb.DynamoIvrCallStore(dynamo, env.required(Names.ACTIVITY_TABLE), clock)),
                clock);
        this.priming = SnapStartPriming.register(() -> {
            workspaces.find("priming");
            Json.read(Json.write(new CallRequestMessage("priming", "priming")), CallRequestMessage.class);
        });
    }

    public DialerHandler(Dialer dialer) {
        this.dialer = dialer;
        this.priming = null;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatches.sequentially(event, body -> dialer.dial(Json.read(body, CallRequestMessage.class)), "dial");
    }
}
