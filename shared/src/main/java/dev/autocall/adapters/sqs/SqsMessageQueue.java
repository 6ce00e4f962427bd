package dev.autocall.adapters.sqs;

import dev.autocall.domain.outbound.MessageQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Sends messages to one SQS queue. */
public final class SqsMessageQueue implements MessageQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsMessageQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(String messageBody) {
        sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(messageBody));
    }
}
