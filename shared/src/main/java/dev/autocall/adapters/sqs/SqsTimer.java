package dev.autocall.adapters.sqs;

import dev.autocall.domain.outbound.DeferredDelivery;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Delivers a message to one SQS queue after a short delay (an SQS message timer: at most 15 minutes). */
public final class SqsTimer implements DeferredDelivery {
    private static final Duration LONGEST = Duration.ofMinutes(15);
    private final SqsClient sqs;
    private final String queueUrl;
    private final Clock clock;

    public SqsTimer(SqsClient sqs, String queueUrl, Clock clock) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.clock = clock;
    }

    @Override
    public void deliverAt(String messageBody, String deduplicationId, Instant when) {
        Duration wait = Duration.between(clock.instant(), when);
        if (wait.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("an SQS timer holds a message 15 minutes at most, not " + wait);
        }
        int seconds = delaySeconds(wait);
        sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(messageBody).delaySeconds(seconds));
    }

    /** Whole seconds, rounded up so the message never arrives early; 0 when already due; at most 15 minutes. */
    public static int delaySeconds(Duration wait) {
        if (wait.isNegative() || wait.isZero()) {
            return 0;
        }
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return (int) Math.min(seconds, LONGEST.toSeconds());
    }
}
