package dev.autocall.local.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.local.LocalClient;
import dev.autocall.local.LocalRuntime;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Waits until the local runtime has nothing left to do at the current simulated time: the work queues are empty
 * (visible, in flight and delayed), no schedule is due, every simulated call has ended, and what the simulator
 * saw has stopped changing. Also finds the next schedule, so the clock can jump straight to it.
 */
final class Quiet {
    private static final List<String> WORK_QUEUES = List.of("EventsQueue", "ComplianceQueue", "DialQueue");
    private static final Set<String> FINAL_CALL_STATUSES = Set.of("completed", "busy", "no-answer", "failed", "canceled");
    private static final List<QueueAttributeName> COUNTS = List.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
    /** Polls in a row that must see the same quiet state: callbacks are sent from the simulator's own threads. */
    private static final int STABLE_POLLS = 4;

    private final LocalRuntime runtime;
    private final LocalClient sim;
    private final SqsClient sqs;
    /** What kept the runtime busy at the last poll, for the report when it never became quiet. */
    private volatile String busy = "";

    Quiet(LocalRuntime runtime, LocalClient sim, SqsClient sqs) {
        this.runtime = runtime;
        this.sim = sim;
        this.sqs = sqs;
    }

    /**
     * @param withTimers also wait for messages on an SQS timer: deferrals due within 15 minutes use one, and it runs
     *                   in real time however far the simulated clock jumps (up to 15 real minutes)
     * @return false when the runtime was still busy when the time ran out
     */
    boolean await(Duration timeout, boolean withTimers) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        int stable = 0;
        while (System.nanoTime() < deadline) {
            Optional<String> state = quietState(withTimers);
            if (state.isPresent() && state.get().equals(last)) {
                if (++stable >= STABLE_POLLS) {
                    return true;
                }
            } else {
                stable = 0;
                last = state.orElse("");
            }
            pause(120);
        }
        return false;
    }

    /** The simulator's counters when everything is idle; empty while anything is pending. */
    private Optional<String> quietState(boolean withTimers) {
        for (String queue : WORK_QUEUES) {
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(g -> g.queueUrl(runtime.queueUrl(queue))
                    .attributeNames(COUNTS)).attributes();
            if (COUNTS.stream().filter(c -> withTimers || c != QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)
                    .anyMatch(c -> !attributes.getOrDefault(c, "0").equals("0"))) {
                busy = queue + " " + attributes;
                return Optional.empty();
            }
        }
        Instant now = now();
        if (nextSchedule().filter(at -> !at.isAfter(now)).isPresent()) {
            busy = "a schedule due at " + nextSchedule().orElse(null) + " (now " + now + ")";
            return Optional.empty();
        }
        JsonNode calls = sim.sim("GET", "/_sim/calls", null).body();
        for (JsonNode call : calls) {
            if (!FINAL_CALL_STATUSES.contains(call.path("status").asText())) {
                busy = "call " + call.path("sid").asText() + " " + call.path("status").asText();
                return Optional.empty();
            }
        }
        int webhooks = sim.sim("GET", "/_sim/webhooks", null).body().size();
        int messages = sim.sim("GET", "/_sim/messages", null).body().size();
        return Optional.of(calls.size() + " calls/" + webhooks + " webhooks/" + messages + " messages");
    }

    /** When the earliest pending schedule of the Scheduler stand-in is due (fired ones are deleted). */
    Optional<Instant> nextSchedule() {
        List<Instant> due = new ArrayList<>();
        for (JsonNode summary : sim.sim("GET", "/_aws/scheduler/schedules", null).body().path("Schedules")) {
            JsonNode schedule = sim.sim("GET", "/_aws/scheduler/schedules/" + summary.path("Name").asText()
                    + "?groupName=" + summary.path("GroupName").asText(), null).body();
            String expression = schedule.path("ScheduleExpression").asText();
            if (expression.startsWith("at(")) {
                // The product always writes the time in UTC (ScheduleExpressionTimezone "UTC").
                due.add(LocalDateTime.parse(expression.substring(3, expression.length() - 1)).toInstant(ZoneOffset.UTC));
            }
        }
        return due.stream().min(Instant::compareTo);
    }

    /** Why the runtime was not quiet, with what the queue pollers that were handling a message were doing. */
    String busy() {
        StringBuilder out = new StringBuilder(busy);
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            String trace = java.util.Arrays.stream(stack).limit(40).map(StackTraceElement::toString)
                    .collect(java.util.stream.Collectors.joining("\n        "));
            if (thread.getName().startsWith("poller-") && trace.contains("handleRequest")) {
                out.append("\n      ").append(thread.getName()).append(" is in\n        ").append(trace);
            }
        });
        return out.toString();
    }

    Instant now() {
        return Instant.parse(sim.sim("GET", "/_sim/clock", null).body().path("now").asText());
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
