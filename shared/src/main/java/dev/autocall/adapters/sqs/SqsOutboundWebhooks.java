package dev.autocall.adapters.sqs;

import dev.autocall.config.Environment;
import dev.autocall.config.Names;
import dev.autocall.domain.webhook.OutboundWebhooks;
import dev.autocall.domain.webhook.WebhookMessage;
import dev.autocall.json.Json;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Instant;
import java.util.Map;

/**
 * Puts each event on the webhook queue, where the delivery function signs and posts it (docs/webhooks.md). Nothing is
 * read here: whether the workspace has a webhookUrl is the delivery function's question, off the caller's path.
 */
public final class SqsOutboundWebhooks implements OutboundWebhooks {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsOutboundWebhooks(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** The webhook queue from the environment, or {@link OutboundWebhooks#NONE} where the function has none. */
    public static OutboundWebhooks fromEnvironment(Environment env, SqsClient sqs) {
        return env.optional(Names.WEBHOOK_QUEUE_URL).<OutboundWebhooks>map(url -> new SqsOutboundWebhooks(sqs, url))
                .orElse(OutboundWebhooks.NONE);
    }

    @Override
    public void send(String workspaceId, String id, String type, Instant timestamp, Map<String, Object> data) {
        if (id.contains(".")) {
            // Signed content is dot-delimited: the signer refuses such an id, better here than in the delivery function.
            throw new IllegalArgumentException("a webhook id must not contain a dot");
        }
        String body = Json.write(WebhookMessage.event(workspaceId, id, type, timestamp, data));
        sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(body));
    }
}
