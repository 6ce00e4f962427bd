package dev.autocall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.autocall.json.Json;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * POST /_sim/redrive {"queue": "events"|"compliance"|"dial"|"scheduler"}: moves a dead-letter queue's messages back
 * to where they were going, as `aws sqs start-message-move-task` does in AWS (ElasticMQ serves that call too).
 * The Scheduler's dead-letter queue has no source queue: each message goes to the target its schedule named.
 */
final class Redrive implements Gateway.Service {
    static final String PATH = "/_sim/redrive";
    /** Queue name → (dead-letter queue, the queue it re-drives to) by the template's logical ids. */
    static final Map<String, List<String>> QUEUES = Map.of(
            "events", List.of("EventsDeadLetterQueue", "EventsQueue"),
            "compliance", List.of("ComplianceDeadLetterQueue", "ComplianceQueue"),
            "dial", List.of("DialDeadLetterQueue", "DialQueue"),
            "scheduler", List.of("SchedulerDeadLetterQueue", "ComplianceQueue"));
    private static final Duration MOVE_TIMEOUT = Duration.ofSeconds(30);

    private final SqsClient sqs;
    private final Map<String, String> queueUrls;
    private final Map<String, String> queueArns;

    Redrive(SqsClient sqs, Map<String, String> queueUrls, Map<String, String> queueArns) {
        this.sqs = sqs;
        this.queueUrls = queueUrls;
        this.queueArns = queueArns;
    }

    /** What a re-drive did: how many messages left the dead-letter queue for their queue. */
    record Moved(String queue, String from, String to, long moved) {
    }

    Moved redrive(String queue) {
        List<String> pair = QUEUES.get(queue);
        if (pair == null) {
            throw new IllegalArgumentException("queue must be one of events, compliance, dial, scheduler");
        }
        String deadLetters = pair.get(0);
        String destination = pair.get(1);
        long moved = queue.equals("scheduler") ? moveOneByOne(deadLetters, destination) : moveTask(deadLetters, destination);
        return new Moved(queue, deadLetters, queue.equals("scheduler") ? "each schedule's target" : destination, moved);
    }

    /** SQS's own move task, as in AWS; waits for it to finish and reports its count. */
    private long moveTask(String deadLetters, String destination) {
        String sourceArn = queueArns.get(deadLetters);
        if (approximateCount(deadLetters) == 0) {
            return 0;
        }
        String handle = sqs.startMessageMoveTask(s -> s.sourceArn(sourceArn).destinationArn(queueArns.get(destination))).taskHandle();
        long deadline = System.nanoTime() + MOVE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ListMessageMoveTasksResultEntry> task = sqs.listMessageMoveTasks(l -> l.sourceArn(sourceArn).maxResults(10))
                    .results().stream().filter(t -> handle.equals(t.taskHandle()) || t.taskHandle() == null).findFirst();
            if (task.isPresent() && !"RUNNING".equals(task.get().status())) {
                if (!"COMPLETED".equals(task.get().status())) {
                    throw new IllegalStateException("the move task ended " + task.get().status() + ": " + task.get().failureReason());
                }
                return Optional.ofNullable(task.get().approximateNumberOfMessagesMoved()).orElse(0L);
            }
            pause();
        }
        throw new IllegalStateException("the move task did not finish within " + MOVE_TIMEOUT.toSeconds() + " s");
    }

    /** Each message to the queue its schedule targeted (TARGET_ARN), the compliance queue when it names none. */
    private long moveOneByOne(String deadLetters, String fallback) {
        String url = queueUrls.get(deadLetters);
        long moved = 0;
        while (true) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                return moved;
            }
            for (Message message : batch) {
                String target = Optional.ofNullable(message.messageAttributes().get("TARGET_ARN")).map(MessageAttributeValue::stringValue)
                        .flatMap(this::queueByArn).orElse(fallback);
                sqs.sendMessage(s -> s.queueUrl(queueUrls.get(target)).messageBody(message.body()));
                sqs.deleteMessage(d -> d.queueUrl(url).receiptHandle(message.receiptHandle()));
                moved++;
            }
        }
    }

    private Optional<String> queueByArn(String arn) {
        return queueArns.entrySet().stream().filter(e -> e.getValue().equals(arn)).map(Map.Entry::getKey).findFirst();
    }

    private long approximateCount(String queue) {
        return Long.parseLong(sqs.getQueueAttributes(g -> g.queueUrl(queueUrls.get(queue))
                .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings().getOrDefault("ApproximateNumberOfMessages", "0"));
    }

    @Override
    public void handle(HttpExchange exchange, String path, byte[] body) throws IOException {
        if (!path.equals(PATH) || !exchange.getRequestMethod().equals("POST")) {
            Gateway.send(exchange, 404, "application/json", error("no simulator endpoint " + exchange.getRequestMethod() + " " + path));
            return;
        }
        JsonNode request;
        try {
            request = Json.tree(new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            request = null;
        }
        if (request == null || !request.isObject() || request.size() != 1 || !request.path("queue").isTextual()
                || !QUEUES.containsKey(request.path("queue").asText())) {
            Gateway.send(exchange, 400, "application/json", error("send {\"queue\": \"events\"}: one of events, compliance, dial, scheduler"));
            return;
        }
        Moved moved = redrive(request.path("queue").asText());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("queue", moved.queue());
        answer.put("from", moved.from());
        answer.put("to", moved.to());
        answer.put("moved", moved.moved());
        Gateway.send(exchange, 200, "application/json", Json.write(answer));
    }

    private static String error(String message) {
        return Json.write(Map.of("error", Map.of("message", message)));
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the move task ran", e);
        }
    }
}
