package dev.autocall.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.autocall.local.faults.SimulatedCrash;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Feeds a queue to a function as Lambda's SQS event source does: long-polls batches, invokes the handler,
 * deletes what succeeded and leaves reported failures (or a whole batch that threw) to come back after
 * the visibility timeout, until the queue's redrive policy parks them in the dead-letter queue.
 */
final class QueuePoller implements Runnable {
    private static final Logger LOG = Logger.getLogger(QueuePoller.class.getName());
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final int batchSize;
    private final LocalFunction function;
    private final InFlight invocations;
    private final Duration redeliveryLag;
    private final Optional<Duration> shortVisibility;
    private final LocalClock clock;
    private volatile boolean running = true;

    /**
     * @param shortVisibility the queue's visibility timeout when the runtime shortened the template's: a batch is then
     *                        kept invisible while its invocation runs, as the template's timeout (longer than the
     *                        function's) keeps it in AWS, and comes back that soon after the invocation fails
     * @param redeliveryLag   how far a batch with a redelivered message moves the clock (zero: not at all)
     */
    QueuePoller(SqsClient sqs, String queueUrl, String queueArn, int batchSize, LocalFunction function, InFlight invocations,
                Optional<Duration> shortVisibility, Duration redeliveryLag, LocalClock clock) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.batchSize = batchSize;
        this.function = function;
        this.invocations = invocations;
        this.shortVisibility = shortVisibility;
        this.redeliveryLag = redeliveryLag;
        this.clock = clock;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running) {
            try {
                List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(Math.min(batchSize, 10))
                        .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
                if (!messages.isEmpty()) {
                    if (!redeliveryLag.isZero() && messages.stream().anyMatch(QueuePoller::redelivered)) {
                        clock.advance(redeliveryLag);
                    }
                    try (InFlight.Work invocation = invocations.start(function.logicalId() + " invoked by "
                            + queueUrl.substring(queueUrl.lastIndexOf('/') + 1));
                         KeptInvisible kept = keepInvisible(messages)) {
                        deliver(messages);
                    }
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "poller for " + function.logicalId() + " failed; retrying", e);
                    sleep();
                }
            }
        }
    }

    /** Stops keeping a batch invisible. */
    private interface KeptInvisible extends AutoCloseable {
        @Override
        void close();
    }

    /** Extends the batch's short visibility timeout every half timeout until the invocation ends. */
    private KeptInvisible keepInvisible(List<Message> messages) {
        if (shortVisibility.isEmpty()) {
            return () -> { };
        }
        Duration timeout = shortVisibility.get();
        AtomicBoolean done = new AtomicBoolean();
        Thread keeper = Thread.ofVirtual().start(() -> {
            // A flag as well as the interrupt: an SDK call interrupted half way may clear the thread's flag.
            while (!done.get()) {
                try {
                    Thread.sleep(timeout.dividedBy(2));
                    sqs.changeMessageVisibilityBatch(c -> c.queueUrl(queueUrl).entries(messages.stream()
                            .map(m -> ChangeMessageVisibilityBatchRequestEntry.builder().id(m.messageId())
                                    .receiptHandle(m.receiptHandle()).visibilityTimeout((int) timeout.toSeconds()).build())
                            .toList()));
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.fine(() -> "could not extend the visibility of a batch: " + e.getMessage());
                }
            }
        });
        return () -> {
            done.set(true);
            keeper.interrupt();
        };
    }

    private static boolean redelivered(Message message) {
        return Integer.parseInt(message.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")) > 1;
    }

    private void deliver(List<Message> messages) {
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion("us-east-1");
            Map<String, String> attributes = new HashMap<>();
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            record.setAttributes(attributes);
            records.add(record);
        }
        event.setRecords(records);
        Set<String> failed = new HashSet<>();
        try {
            Object result = function.handler().handleRequest(event, LambdaContext.of(function.logicalId()));
            if (result instanceof SQSBatchResponse response && response.getBatchItemFailures() != null) {
                response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, function.logicalId() + " threw; the whole batch will be retried", e);
            return;
        } catch (SimulatedCrash e) {
            LOG.warning(function.logicalId() + " crashed; the whole batch will be retried: " + e.getMessage());
            return;
        }
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message m : messages) {
            if (!failed.contains(m.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(d -> d.queueUrl(queueUrl).entries(done));
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
