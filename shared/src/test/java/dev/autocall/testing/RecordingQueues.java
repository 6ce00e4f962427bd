package dev.autocall.testing;

import dev.autocall.domain.outbound.DeferredDelivery;
import dev.autocall.domain.outbound.MessageQueue;
import dev.autocall.domain.trigger.CallSteps;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A queue and a deferred delivery that remember what they were given, for unit tests. */
public final class RecordingQueues {
    /** A message due at an instant. */
    public record Delivery(String body, String deduplicationId, Instant when) {
    }

    private final List<String> sent = new ArrayList<>();
    private final List<Delivery> deferred = new ArrayList<>();
    public final MessageQueue queue = body -> {
        synchronized (this) {
            sent.add(body);
        }
    };
    public final DeferredDelivery later = (body, id, when) -> {
        synchronized (this) {
            deferred.add(new Delivery(body, id, when));
        }
    };

    public synchronized List<String> sent() {
        return List.copyOf(sent);
    }

    public synchronized List<Delivery> deferred() {
        return List.copyOf(deferred);
    }

    /** Call steps over recording queues: requests to the compliance queue, resumes to {@code events}. */
    public static CallSteps callSteps(RecordingQueues compliance, RecordingQueues events, Clock clock) {
        return new CallSteps(compliance.queue, compliance.later, events.later, clock);
    }

    /** Call steps for tests that do not look at what they send. */
    public static CallSteps callSteps(Clock clock) {
        return callSteps(new RecordingQueues(), new RecordingQueues(), clock);
    }
}
