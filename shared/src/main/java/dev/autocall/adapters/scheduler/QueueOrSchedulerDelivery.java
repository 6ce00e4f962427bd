package dev.autocall.adapters.scheduler;

import dev.autocall.domain.outbound.DeferredDelivery;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Instant;

/**
 * Defers a message with an SQS message timer when it is due within 15 minutes (exact to the second, free)
 * and with a one-time EventBridge Scheduler schedule beyond that (docs/decisions.md, "Deferred delivery").
 */
public final class QueueOrSchedulerDelivery implements DeferredDelivery {
    private final SqsClient sqs;
    private final SchedulerClient scheduler;
    private final DeferralTarget target;
    private final Clock clock;

    public QueueOrSchedulerDelivery(SqsClient sqs, SchedulerClient scheduler, DeferralTarget target, Clock clock) {
        this.sqs = sqs;
        this.scheduler = scheduler;
        this.target = target;
        this.clock = clock;
    }

    @Override
    public void deliverAt(String messageBody, String deduplicationId, Instant when) {
        Instant now = clock.instant();
        if (DeferralRequests.fitsQueueTimer(now, when)) {
            sqs.sendMessage(DeferralRequests.sendMessage(target, messageBody, now, when));
            return;
        }
        CreateScheduleRequest request = DeferralRequests.createSchedule(target, messageBody, deduplicationId, when);
        try {
            scheduler.createSchedule(request);
        } catch (ConflictException exists) {
            requireSameDeferral(request);
        }
    }

    /**
     * A schedule of that name exists. For the same time it is this deferral, created by an earlier delivery of
     * the same message: nothing to do. For another time it is a fired schedule that Scheduler has not deleted
     * yet, or an id reused by mistake: fail, so the message is retried instead of the deferral being lost.
     */
    private void requireSameDeferral(CreateScheduleRequest request) {
        String existing;
        try {
            existing = scheduler.getSchedule(g -> g.name(request.name()).groupName(request.groupName())).scheduleExpression();
        } catch (ResourceNotFoundException deletedMeanwhile) {
            scheduler.createSchedule(request);
            return;
        }
        if (!request.scheduleExpression().equals(existing)) {
            throw new IllegalStateException("schedule " + request.name() + " already defers another delivery ("
                    + existing + ", not " + request.scheduleExpression() + "): a deduplication id names one deferral");
        }
    }
}
