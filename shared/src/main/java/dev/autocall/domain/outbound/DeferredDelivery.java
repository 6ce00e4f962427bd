package dev.autocall.domain.outbound;

import java.time.Instant;

/** Port: puts a message back on its queue at a later instant (an SQS delay, or a one-time schedule). */
public interface DeferredDelivery {
    /** @param deduplicationId the same id twice schedules one delivery */
    void deliverAt(String messageBody, String deduplicationId, Instant when);
}
