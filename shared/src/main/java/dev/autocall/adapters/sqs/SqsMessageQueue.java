package dev.autocall.adapters.sqs;

import dev.autocall.domain.outbound.MessageQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.util.ArrayList;
import java.util.List;

/** Sends messages to one SQS queue. */
public final class SqsMessageQueue implements MessageQueue {
    /** SQS takes ten messages a batch. */
    private static final int BATCH = 10;

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

    /** Ten to a request; an entry SQS refuses is an error, so that the caller's message is retried. */
    @Override
    public void sendAll(List<String> messageBodies) {
        for (int from = 0; from < messageBodies.size(); from += BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(messageBodies.size(), from + BATCH); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(messageBodies.get(i)).build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                BatchResultErrorEntry first = response.failed().getFirst();
                throw new IllegalStateException(response.failed().size() + " of " + entries.size()
                        + " messages were refused by SQS, e.g. " + first.code() + ": " + first.message());
            }
        }
    }
}
