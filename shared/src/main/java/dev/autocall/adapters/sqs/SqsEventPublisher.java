package dev.autocall.adapters.sqs;

import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventPublisher;
import dev.autocall.json.Json;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Publishes domain events as JSON messages on the events queue. */
public final class SqsEventPublisher implements EventPublisher {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsEventPublisher(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void publish(DomainEvent event) {
        sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(Json.write(event)));
    }
}
