package dev.autocall.adapters.dynamodb;

import dev.autocall.domain.compliance.CapStore;
import dev.autocall.domain.compliance.CapUsage;
import dev.autocall.domain.compliance.ComplianceReason;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.autocall.adapters.dynamodb.Attr.n;
import static dev.autocall.adapters.dynamodb.Attr.s;

/**
 * Caps table. One TransactWriteItems reserves a call: the request's reservation item (so a redelivered
 * request reserves nothing twice) and every counter, each conditional on its cap, so that no two
 * concurrent checks can both take the last slot. The rolling 14-day cap keeps the number's recent call
 * times in one item guarded by a version.
 */
public final class DynamoCapStore implements CapStore {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final Duration WINDOW = Duration.ofDays(14);
    private static final int ATTEMPTS = 8;

    /** The number's 14-day history as this thread's last check read it, so that reserving need not read it again. */
    private static final ThreadLocal<Map.Entry<String, Map<String, AttributeValue>>> LAST_HISTORY = new ThreadLocal<>();
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoCapStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private record Keys(String minute, String day, String numberDay, String numberHistory) {
        static Keys of(String ws, String number, Instant at, ZoneId numberZone) {
            return new Keys("MIN#" + ws + "#" + MINUTE.format(at),
                    "DAY#" + ws + "#" + DAY.format(LocalDate.ofInstant(at, ZoneOffset.UTC)),
                    "NUMDAY#" + ws + "#" + number + "#" + DAY.format(LocalDate.ofInstant(at, numberZone)),
                    "NUM14#" + ws + "#" + number);
        }
    }

    @Override
    public CapUsage usage(String workspaceId, String number, Instant at, ZoneId numberZone) {
        Keys keys = Keys.of(workspaceId, number, at, numberZone);
        Map<String, Map<String, AttributeValue>> items = read(List.of(keys.minute(), keys.day(), keys.numberDay(), keys.numberHistory()));
        LAST_HISTORY.set(new java.util.AbstractMap.SimpleImmutableEntry<>(keys.numberHistory(), items.get(keys.numberHistory())));
        return new CapUsage(count(items.get(keys.minute())), count(items.get(keys.day())), count(items.get(keys.numberDay())),
                recent(items.get(keys.numberHistory()), at));
    }

    @Override
    public CapUsage usageFor(String requestId, String workspaceId, String number, Instant at, ZoneId numberZone) {
        Keys keys = Keys.of(workspaceId, number, at, numberZone);
        String reservation = "RES#" + workspaceId + "#" + requestId;
        // One read for the counters and the request's own reservation.
        Map<String, Map<String, AttributeValue>> items = read(List.of(keys.minute(), keys.day(), keys.numberDay(),
                keys.numberHistory(), reservation));
        if (items.containsKey(reservation)) {
            return CapUsage.NONE;
        }
        LAST_HISTORY.set(new java.util.AbstractMap.SimpleImmutableEntry<>(keys.numberHistory(), items.get(keys.numberHistory())));
        return new CapUsage(count(items.get(keys.minute())), count(items.get(keys.day())), count(items.get(keys.numberDay())),
                recent(items.get(keys.numberHistory()), at));
    }

    @Override
    public Reservation reserve(String requestId, String workspaceId, String number, Instant at, ZoneId numberZone, Limits limits) {
        Keys keys = Keys.of(workspaceId, number, at, numberZone);
        long ttlDay = at.plus(Duration.ofDays(2)).getEpochSecond();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Map<String, AttributeValue> history = historyFor(keys.numberHistory(), attempt);
            List<Instant> recent = recent(history, at);
            if (recent.size() >= limits.perNumberPer14Days()) {
                return reservedAlready(workspaceId, requestId) ? new Reservation.AlreadyReserved()
                        : new Reservation.CapReached(ComplianceReason.NUMBER_WINDOW_CAP);
            }
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table)
                    .item(Map.of("pk", s("RES#" + workspaceId + "#" + requestId), "at", s(at.toString()),
                            "expiresAt", n(at.plus(Duration.ofDays(15)).getEpochSecond())))
                    .conditionExpression("attribute_not_exists(pk)")).build());
            writes.add(counter(keys.minute(), limits.perMinute(), at.plus(Duration.ofDays(1)).getEpochSecond()));
            writes.add(counter(keys.day(), limits.perDay(), ttlDay));
            writes.add(counter(keys.numberDay(), limits.perNumberPerDay(), ttlDay));
            writes.add(historyWrite(keys.numberHistory(), history, recent, at));
            try {
                dynamo.transactWriteItems(t -> t.transactItems(writes));
                return new Reservation.Reserved();
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (failed(reasons, 0)) {
                    return new Reservation.AlreadyReserved();
                }
                if (failed(reasons, 1)) {
                    return new Reservation.CapReached(ComplianceReason.RATE_LIMITED);
                }
                if (failed(reasons, 2)) {
                    return new Reservation.CapReached(ComplianceReason.WORKSPACE_DAILY_CAP);
                }
                if (failed(reasons, 3)) {
                    return new Reservation.CapReached(ComplianceReason.NUMBER_DAILY_CAP);
                }
                // The history changed under us, or another transaction held an item: read again and retry.
                backOff(attempt);
            }
        }
        throw new IllegalStateException("could not reserve caps for request " + requestId + " after " + ATTEMPTS + " attempts");
    }

    /** The history the check just read (its version guards the write), else read now. */
    private Map<String, AttributeValue> historyFor(String key, int attempt) {
        Map.Entry<String, Map<String, AttributeValue>> last = LAST_HISTORY.get();
        LAST_HISTORY.remove();
        if (attempt == 0 && last != null && last.getKey().equals(key)) {
            return last.getValue();
        }
        return read(List.of(key)).get(key);
    }

    private TransactWriteItem counter(String key, int cap, long expiresAt) {
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(Map.of("pk", s(key)))
                .updateExpression("ADD #n :one SET expiresAt = :exp")
                .conditionExpression("attribute_not_exists(#n) OR #n < :cap")
                .expressionAttributeNames(Map.of("#n", "n"))
                .expressionAttributeValues(Map.of(":one", n(1), ":cap", n(cap), ":exp", n(expiresAt)))).build();
    }

    private TransactWriteItem historyWrite(String key, Map<String, AttributeValue> history, List<Instant> recent, Instant at) {
        List<AttributeValue> calls = new ArrayList<>();
        recent.forEach(t -> calls.add(n(t.getEpochSecond())));
        calls.add(n(at.getEpochSecond()));
        long version = history == null ? 0 : Long.parseLong(history.get("v").n());
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(key));
        item.put("calls", AttributeValue.fromL(calls));
        item.put("v", n(version + 1));
        item.put("expiresAt", n(at.plus(WINDOW).plus(Duration.ofDays(1)).getEpochSecond()));
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression(history == null ? "attribute_not_exists(pk)" : "v = :v")
                .expressionAttributeValues(history == null ? null : Map.of(":v", n(version)))).build();
    }

    private boolean reservedAlready(String workspaceId, String requestId) {
        return !read(List.of("RES#" + workspaceId + "#" + requestId)).isEmpty();
    }

    private Map<String, Map<String, AttributeValue>> read(List<String> keys) {
        List<Map<String, AttributeValue>> keyMaps = keys.stream().map(k -> Map.of("pk", s(k))).toList();
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keyMaps).consistentRead(true).build());
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> current = request;
            var response = dynamo.batchGetItem(b -> b.requestItems(current));
            response.responses().getOrDefault(table, List.of()).forEach(item -> found.put(item.get("pk").s(), item));
            request = response.unprocessedKeys();
        }
        return found;
    }

    private static int count(Map<String, AttributeValue> item) {
        return item == null || !item.containsKey("n") ? 0 : Integer.parseInt(item.get("n").n());
    }

    private static List<Instant> recent(Map<String, AttributeValue> history, Instant at) {
        if (history == null || !history.containsKey("calls")) {
            return List.of();
        }
        Instant since = at.minus(WINDOW);
        return history.get("calls").l().stream().map(v -> Instant.ofEpochSecond(Long.parseLong(v.n())))
                .filter(t -> t.isAfter(since)).sorted().toList();
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons != null && reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(200, (long) (5 * Math.pow(2, attempt) * (0.5 + Math.random()))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reserving caps", e);
        }
    }
}
