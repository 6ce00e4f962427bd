package dev.autocall.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.autocall.phone.Redact;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs an SQS batch for a Lambda event source with ReportBatchItemFailures: each message that throws is
 * logged (numbers masked) and reported, so SQS retries it alone and parks it in the dead-letter queue at last.
 */
public final class SqsBatches {
    private static final Logger LOG = Logger.getLogger(SqsBatches.class.getName());

    private SqsBatches() {
    }

    /** One message after another. */
    public static SQSBatchResponse sequentially(SQSEvent event, Consumer<String> process, String what) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            if (!run(message, process, what)) {
                failures.add(failure(message));
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /** All messages at once, on virtual threads: for independent messages whose work waits on I/O. */
    public static SQSBatchResponse concurrently(SQSEvent event, Consumer<String> process, String what) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                results.add(executor.submit(() -> run(message, process, what)));
            }
            for (int i = 0; i < results.size(); i++) {
                if (!succeeded(results.get(i))) {
                    failures.add(failure(event.getRecords().get(i)));
                }
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private static boolean run(SQSEvent.SQSMessage message, Consumer<String> process, String what) {
        try {
            process.accept(message.getBody());
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> what + " message " + message.getMessageId() + " failed; SQS will retry it: "
                    + Redact.failure(e));
            return false;
        }
    }

    private static boolean succeeded(Future<Boolean> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    private static SQSBatchResponse.BatchItemFailure failure(SQSEvent.SQSMessage message) {
        return SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build();
    }
}
