package dev.autocall.domain.outbound;

import java.time.Instant;

/**
 * Port: puts a message back on the queue this delivery is configured for, at a given time or as soon as
 * possible after it. Delivery is at least once and may be up to a minute late: the consumer re-checks
 * what it was waiting for when the message arrives.
 */
public interface DeferredDelivery {

    /**
     * @param deduplicationId names one deferral decision: delivering the same id again (a redelivered
     *                        message) schedules nothing new; deferring the same request again later needs a
     *                        new id (e.g. the request id and the decision's time)
     * @param when            when the message is due; a time in the past means now
     */
    void deliverAt(String messageBody, String deduplicationId, Instant when);
}
