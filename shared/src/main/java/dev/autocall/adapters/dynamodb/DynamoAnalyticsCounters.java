package dev.autocall.adapters.dynamodb;

import dev.autocall.domain.reporting.AnalyticsCounters;
import dev.autocall.domain.reporting.AnalyticsDays;
import dev.autocall.domain.reporting.CallRow;
import dev.autocall.domain.reporting.CountedCall;
import dev.autocall.domain.reporting.DayCounts;
import dev.autocall.domain.reporting.Dimension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static dev.autocall.adapters.dynamodb.Attr.n;
import static dev.autocall.adapters.dynamodb.Attr.s;

/**
 * Analytics table. One item per workspace, dimension and local day ({@code pk = {ws}#{dimension}},
 * {@code sk = yyyy-MM-dd}) holds that day's counters, so a range of days is one Query. A call is counted exactly once:
 * one TransactWriteItems puts the row's marker ({@code {ws}#counted#{row id}}, conditional on its absence) and adds to
 * every dimension's day item; a marker already there cancels the whole transaction, which is then a no-op.
 */
public final class DynamoAnalyticsCounters implements AnalyticsCounters, AnalyticsDays {
    /** How long a row's marker is kept after the call: a redelivery comes within days; TTL then removes it. */
    static final Duration MARKER_LIFETIME = Duration.ofDays(90);
    static final int ATTEMPTS = 20;
    private static final long MAX_PAUSE_MILLIS = 200;
    private static final String MARKER_SK = "-";
    private static final String OUTCOME = "o:";
    private static final String CALLER = "c:";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAnalyticsCounters(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void count(String workspaceId, CallRow row, ZoneId zone) {
        CountedCall.of(row, zone).ifPresent(call -> count(workspaceId, row.id(), call, row.at().plus(MARKER_LIFETIME).getEpochSecond()));
    }

    private void count(String workspaceId, String rowId, CountedCall call, long markerExpiresAt) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(Map.of("pk", s(workspaceId + "#counted#" + rowId), "sk", s(MARKER_SK), "expiresAt", n(markerExpiresAt)))
                .conditionExpression("attribute_not_exists(pk)")).build());
        Map<String, Long> adds = adds(call);
        for (Dimension dimension : call.dimensions()) {
            writes.add(update(workspaceId, dimension, call.day(), adds));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(t -> t.transactItems(writes));
                return;
            } catch (TransactionCanceledException e) {
                if (markerExists(e.cancellationReasons())) {
                    return; // counted before: the same row again changes nothing
                }
                if (!retryable(e.cancellationReasons())) {
                    throw e;
                }
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException("could not count row in analytics after " + ATTEMPTS
                            + " conflicting attempts", e);
                }
                pause(attempt);
            }
        }
    }

    /**
     * Adds a day's totals to one dimension's day item without a marker: for loading counters in bulk (a backfill, the
     * benchmark), where no row is counted twice by construction.
     */
    public void addTotals(String workspaceId, Dimension dimension, DayCounts totals) {
        Map<String, Long> adds = new LinkedHashMap<>();
        adds.put("attempted", totals.attempted());
        put(adds, "connected", totals.connected());
        put(adds, "completed", totals.completed());
        put(adds, "durationSeconds", totals.durationSeconds());
        put(adds, "ivr", totals.ivr());
        put(adds, "ivrKeyed", totals.ivrKeyed());
        put(adds, "optOuts", totals.optOuts());
        totals.outcomes().forEach((outcome, n) -> put(adds, OUTCOME + outcome, n));
        totals.callers().forEach((callerId, c) -> {
            put(adds, CALLER + callerId + ":a", c.attempted());
            put(adds, CALLER + callerId + ":c", c.connected());
        });
        TransactWriteItem write = update(workspaceId, dimension, totals.day(), adds);
        var u = write.update();
        dynamo.updateItem(r -> r.tableName(u.tableName()).key(u.key()).updateExpression(u.updateExpression())
                .expressionAttributeNames(u.expressionAttributeNames()).expressionAttributeValues(u.expressionAttributeValues()));
    }

    /** The attributes one call adds to each of its day items; zeros are left out. */
    static Map<String, Long> adds(CountedCall call) {
        Map<String, Long> adds = new LinkedHashMap<>();
        adds.put("attempted", 1L);
        put(adds, "connected", call.connected() ? 1 : 0);
        put(adds, "completed", call.completed() ? 1 : 0);
        put(adds, "durationSeconds", call.durationSeconds());
        put(adds, "ivr", call.ivr() ? 1 : 0);
        put(adds, "ivrKeyed", call.ivrKeyed() ? 1 : 0);
        put(adds, "optOuts", call.optOut() ? 1 : 0);
        if (call.outcome() != null) {
            adds.put(OUTCOME + call.outcome(), 1L);
        }
        if (call.callerId() != null) {
            adds.put(CALLER + call.callerId() + ":a", 1L);
            put(adds, CALLER + call.callerId() + ":c", call.connected() ? 1 : 0);
        }
        return adds;
    }

    private static void put(Map<String, Long> adds, String name, long value) {
        if (value != 0) {
            adds.put(name, value);
        }
    }

    private TransactWriteItem update(String workspaceId, Dimension dimension, LocalDate day, Map<String, Long> adds) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> terms = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Long> add : adds.entrySet()) {
            names.put("#a" + i, add.getKey());
            values.put(":v" + i, n(add.getValue()));
            terms.add("#a" + i + " :v" + i);
            i++;
        }
        return TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(Map.of("pk", s(workspaceId + "#" + dimension.key()), "sk", s(day.toString())))
                .updateExpression("ADD " + String.join(", ", terms))
                .expressionAttributeNames(names).expressionAttributeValues(values)).build();
    }

    private static boolean markerExists(List<CancellationReason> reasons) {
        return reasons != null && !reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code());
    }

    /** Another transaction held one of the items (a busy day item), or DynamoDB throttled: worth another try. */
    private static boolean retryable(List<CancellationReason> reasons) {
        return reasons != null && reasons.stream().map(CancellationReason::code)
                .anyMatch(code -> "TransactionConflict".equals(code) || "ThrottlingError".equals(code));
    }

    /** Full jitter, so that writers to the same day item that collided once do not collide again in step. */
    private static void pause(int attempt) {
        long bound = Math.min(MAX_PAUSE_MILLIS, 2L << Math.min(attempt, 20));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while counting a call", e);
        }
    }

    /** One Query for the whole range (more pages only past DynamoDB's 1 MB a page, far beyond a year of one dimension). */
    @Override
    public List<DayCounts> days(String workspaceId, Dimension dimension, LocalDate from, LocalDate to) {
        List<DayCounts> days = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":pk", s(workspaceId + "#" + dimension.key()),
                            ":from", s(from.toString()), ":to", s(to.toString())))
                    .exclusiveStartKey(exclusiveStart).build());
            page.items().forEach(item -> days.add(dayCounts(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return days;
    }

    static DayCounts dayCounts(Map<String, AttributeValue> item) {
        Map<String, Long> outcomes = new HashMap<>();
        Map<String, long[]> callers = new HashMap<>();
        item.forEach((name, value) -> {
            if (name.startsWith(OUTCOME)) {
                outcomes.put(name.substring(OUTCOME.length()), Long.parseLong(value.n()));
            } else if (name.startsWith(CALLER)) {
                int colon = name.lastIndexOf(':');
                long[] c = callers.computeIfAbsent(name.substring(CALLER.length(), colon), k -> new long[2]);
                c[name.endsWith(":a") ? 0 : 1] = Long.parseLong(value.n());
            }
        });
        Map<String, DayCounts.CallerCounts> byCaller = new HashMap<>();
        callers.forEach((id, c) -> byCaller.put(id, new DayCounts.CallerCounts(c[0], c[1])));
        return new DayCounts(LocalDate.parse(item.get("sk").s()), num(item, "attempted"), num(item, "connected"),
                num(item, "completed"), num(item, "durationSeconds"), num(item, "ivr"), num(item, "ivrKeyed"),
                num(item, "optOuts"), outcomes, byCaller);
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        return Attr.num(item, name).orElse(0L);
    }
}
