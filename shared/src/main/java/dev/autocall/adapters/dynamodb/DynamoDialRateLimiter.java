package dev.autocall.adapters.dynamodb;

import dev.autocall.domain.outbound.DialRateLimiter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.util.Map;

import static dev.autocall.adapters.dynamodb.Attr.n;
import static dev.autocall.adapters.dynamodb.Attr.s;

/**
 * Caps table: RATE#{ws}#{epoch second} counts the calls placed in that second, conditionally, so that all
 * dialers together stay at the workspace's calls per second. A dialer that finds its second full waits for
 * the next one.
 */
public final class DynamoDialRateLimiter implements DialRateLimiter {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    /** Slots this container took per workspace in its current second: past the rate, it waits without asking DynamoDB. */
    private final Map<String, long[]> taken = new java.util.concurrent.ConcurrentHashMap<>();

    public DynamoDialRateLimiter(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public void acquire(String workspaceId, int callsPerSecond) {
        while (true) {
            long second = clock.millis() / 1000;
            if (!localSlot(workspaceId, second, callsPerSecond)) {
                waitForSecondAfter(second);
                continue;
            }
            try {
                dynamo.updateItem(u -> u.tableName(table).key(Map.of("pk", s("RATE#" + workspaceId + "#" + second)))
                        .updateExpression("ADD #n :one SET expiresAt = :exp")
                        .conditionExpression("attribute_not_exists(#n) OR #n < :cps")
                        .expressionAttributeNames(Map.of("#n", "n"))
                        .expressionAttributeValues(Map.of(":one", n(1), ":cps", n(callsPerSecond), ":exp", n(second + 3600))));
                return;
            } catch (ConditionalCheckFailedException e) {
                // Other dialers filled this second.
                waitForSecondAfter(second);
            }
        }
    }

    private boolean localSlot(String workspaceId, long second, int callsPerSecond) {
        long[] window = taken.computeIfAbsent(workspaceId, k -> new long[] {second, 0});
        synchronized (window) {
            if (window[0] != second) {
                window[0] = second;
                window[1] = 0;
            }
            if (window[1] >= callsPerSecond) {
                return false;
            }
            window[1]++;
            return true;
        }
    }

    private void waitForSecondAfter(long second) {
        long millis = (second + 1) * 1000 - clock.millis();
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a dialing slot", e);
        }
    }
}
