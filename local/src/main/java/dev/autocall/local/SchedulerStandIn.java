package dev.autocall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.autocall.domain.campaign.CronSchedule;
import dev.autocall.error.InvalidInputException;
import dev.autocall.json.Json;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the EventBridge Scheduler calls the product makes (CreateSchedule, UpdateSchedule, GetSchedule,
 * DeleteSchedule, ListSchedules; REST-JSON at {@link #PATH}) and fires due one-time and cron schedules by the
 * runtime's clock, so a schedule for tomorrow 10:00 fires a moment after /_sim/clock passes it. Schedule groups
 * need no creating.
 */
final class SchedulerStandIn implements Gateway.Service, AutoCloseable {
    static final String PATH = "/_aws/scheduler";
    private static final String JSON = "application/json";
    private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z\\-_.]{1,64}");
    private static final Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");

    /** A Scheduler error response: HTTP status, error type, message. */
    private static final class SchedulerError extends RuntimeException {
        private final int status;
        private final String type;

        SchedulerError(int status, String type, String message) {
            super(message);
            this.status = status;
            this.type = type;
        }
    }

    private final ConcurrentMap<String, LocalSchedule> schedules = new ConcurrentHashMap<>();
    private final Clock clock;
    private final DueSchedules due;

    SchedulerStandIn(SqsClient sqs, Clock clock) {
        this.clock = clock;
        this.due = new DueSchedules(schedules, sqs, clock);
    }

    void start() {
        due.start();
    }

    /** Schedules due by the local clock that have not been sent to their target yet (or are being sent). */
    List<String> dueOrFiring() {
        return due.dueOrFiring();
    }

    @Override
    public void handle(HttpExchange exchange, String path, byte[] body) throws IOException {
        String method = exchange.getRequestMethod();
        String resource = path.substring(PATH.length());
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        try {
            if (resource.equals("/schedules") && method.equals("GET")) {
                reply(exchange, list(query));
                return;
            }
            if (!resource.startsWith("/schedules/")) {
                throw new SchedulerError(404, "ResourceNotFoundException", "the local stand-in serves /schedules only");
            }
            String name = URLDecoder.decode(resource.substring("/schedules/".length()), StandardCharsets.UTF_8);
            String group = group(query.get("groupName"));
            switch (method) {
                case "POST" -> reply(exchange, create(name, Json.tree(new String(body, StandardCharsets.UTF_8))));
                case "PUT" -> reply(exchange, update(name, Json.tree(new String(body, StandardCharsets.UTF_8))));
                case "GET" -> reply(exchange, find(group, name).fields());
                case "DELETE" -> {
                    if (schedules.remove(LocalSchedule.key(group, name)) == null) {
                        throw notFound(name);
                    }
                    reply(exchange, Map.of());
                }
                default -> throw validation(method + " /schedules/{Name} is not a Scheduler operation");
            }
        } catch (SchedulerError e) {
            error(exchange, e.status, e.type, e.getMessage());
        } catch (UncheckedIOException e) {
            error(exchange, 400, "ValidationException", "the request body is not JSON");
        }
    }

    private Map<String, String> create(String name, JsonNode request) {
        if (!NAME.matcher(name).matches()) {
            throw validation("Name must be 1 to 64 of [0-9a-zA-Z-_.]: " + name);
        }
        String group = group(request.path("GroupName").asText(null));
        double now = clock.millis() / 1000.0;
        LocalSchedule schedule = schedule(group, name, request, now);
        if (schedules.putIfAbsent(schedule.key(), schedule) != null) {
            throw new SchedulerError(409, "ConflictException", "Schedule " + name + " already exists.");
        }
        return Map.of("ScheduleArn", schedule.arn());
    }

    /** UpdateSchedule replaces every field but the creation date, and the schedule is due anew from now. */
    private Map<String, String> update(String name, JsonNode request) {
        String group = group(request.path("GroupName").asText(null));
        LocalSchedule replaced = schedules.computeIfPresent(LocalSchedule.key(group, name),
                (key, existing) -> schedule(group, name, request, existing.fields().path("CreationDate").asDouble()));
        if (replaced == null) {
            throw notFound(name);
        }
        return Map.of("ScheduleArn", replaced.arn());
    }

    private LocalSchedule schedule(String group, String name, JsonNode request, double createdAt) {
        JsonNode target = request.path("Target");
        require(!request.path("FlexibleTimeWindow").path("Mode").asText("").isEmpty(), "FlexibleTimeWindow.Mode is required");
        require(!target.path("RoleArn").asText("").isEmpty(), "Target.RoleArn is required");
        require(DueSchedules.SQS_ARN.matcher(target.path("Arn").asText("")).matches(),
                "the local stand-in delivers to SQS queues only, not " + target.path("Arn").asText("(no Target.Arn)"));
        require(!target.path("Input").asText("").isEmpty(), "the local stand-in needs Target.Input, the message it sends");
        String deadLetter = target.path("DeadLetterConfig").path("Arn").asText("");
        require(deadLetter.isEmpty() || DueSchedules.SQS_ARN.matcher(deadLetter).matches(),
                "Target.DeadLetterConfig.Arn is not an SQS queue ARN: " + deadLetter);

        ObjectNode fields = request.deepCopy();
        fields.remove("ClientToken");
        fields.put("Name", name).put("GroupName", group).put("State", request.path("State").asText("ENABLED"))
                .put("CreationDate", createdAt).put("LastModificationDate", clock.millis() / 1000.0)
                .put("Arn", LocalSchedule.arn(group, name));
        String expression = request.path("ScheduleExpression").asText("");
        ZoneId zone = zone(request);
        Matcher cron = CRON.matcher(expression);
        if (cron.matches()) {
            return LocalSchedule.recurring(group, name, fields, new LocalSchedule.Recurrence(cron(cron.group(1)), zone), clock.instant());
        }
        return LocalSchedule.oneTime(group, name, fields, at(expression, zone));
    }

    private static CronSchedule cron(String fields) {
        try {
            return CronSchedule.parse(fields);
        } catch (InvalidInputException e) {
            throw validation("invalid cron expression: " + e.getMessage());
        }
    }

    private static ZoneId zone(JsonNode request) {
        try {
            return ZoneId.of(request.path("ScheduleExpressionTimezone").asText("UTC"));
        } catch (DateTimeException e) {
            throw validation("invalid ScheduleExpressionTimezone: " + e.getMessage());
        }
    }

    /** The instant an at() expression names, in the schedule's time zone (UTC unless given). */
    private static Instant at(String expression, ZoneId zone) {
        Matcher at = AT.matcher(expression);
        require(at.matches(), "the local stand-in serves one-time at(yyyy-mm-ddThh:mm:ss) and cron(six fields) schedules, not '"
                + expression + "'");
        try {
            return LocalDateTime.parse(at.group(1)).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw validation("invalid schedule time: " + e.getMessage());
        }
    }

    private LocalSchedule find(String group, String name) {
        return Optional.ofNullable(schedules.get(LocalSchedule.key(group, name))).orElseThrow(() -> notFound(name));
    }

    private Map<String, Object> list(Map<String, String> query) {
        Optional<String> group = Optional.ofNullable(query.get("ScheduleGroup"));
        String prefix = query.getOrDefault("NamePrefix", "");
        List<Map<String, Object>> summaries = schedules.values().stream()
                .filter(s -> group.map(s.group()::equals).orElse(true) && s.name().startsWith(prefix))
                .sorted(Comparator.comparing(LocalSchedule::key))
                .map(SchedulerStandIn::summary)
                .toList();
        return Map.of("Schedules", summaries);
    }

    private static Map<String, Object> summary(LocalSchedule schedule) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("Arn", schedule.arn());
        summary.put("Name", schedule.name());
        summary.put("GroupName", schedule.group());
        summary.put("State", schedule.fields().path("State").asText());
        summary.put("CreationDate", schedule.fields().path("CreationDate").asDouble());
        summary.put("LastModificationDate", schedule.fields().path("LastModificationDate").asDouble());
        summary.put("Target", Map.of("Arn", schedule.targetArn()));
        return summary;
    }

    private static String group(String name) {
        return name == null || name.isEmpty() ? "default" : name;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw validation(message);
        }
    }

    private static SchedulerError notFound(String name) {
        return new SchedulerError(404, "ResourceNotFoundException", "Schedule " + name + " does not exist.");
    }

    private static SchedulerError validation(String message) {
        return new SchedulerError(400, "ValidationException", message);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static void reply(HttpExchange exchange, Object body) throws IOException {
        Gateway.send(exchange, 200, JSON, Json.write(body));
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        Gateway.send(exchange, status, JSON, Json.write(Map.of("__type", type, "Message", message)));
    }

    @Override
    public void close() {
        due.close();
    }
}
