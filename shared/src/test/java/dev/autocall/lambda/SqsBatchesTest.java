package dev.autocall.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqsBatchesTest {
    private final Logger logger = Logger.getLogger(SqsBatches.class.getName());
    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage() + (record.getThrown() == null ? "" : " thrown=" + record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
    }

    @Test
    void sequentially_should_reportTheFailureAndLogItsCausesWithoutNumbersOrBody_when_aMessageFails() {
        // GIVEN a message whose processing fails deep down, with the caller's number in the messages
        SQSEvent event = event("m-1", "{\"contactPhone\": \"+14155550123\", \"body\": \"my secret\"}");

        // WHEN
        SQSBatchResponse response = SqsBatches.sequentially(event, body -> {
            throw new IllegalStateException("could not text +14155550123",
                    new RuntimeException("DynamoDB throttled the write for ws_demo#+14155550123"));
        }, "event");

        // THEN SQS retries it alone
        assertEquals(List.of("m-1"), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        // AND the log says why, down to the cause and where it was thrown, without the number or the body
        String line = String.join("\n", logged);
        assertTrue(line.contains("m-1"), line);
        assertTrue(line.contains("IllegalStateException: could not text +1415•••0123"), line);
        assertTrue(line.contains("caused by RuntimeException: DynamoDB throttled the write"), line);
        assertTrue(line.contains("SqsBatchesTest"), "the frame that threw: " + line);
        assertFalse(line.contains("4155550123"), line);
        assertFalse(line.contains("my secret"), line);
    }

    private static SQSEvent event(String id, String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(id);
        message.setBody(body);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }
}
