package dev.autocall.adapters.dynamodb;

import dev.autocall.config.Environment;
import dev.autocall.config.Names;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A container's short-lived copy of settings that every event reads and that rarely change: workspaces, API
 * keys, live workflows. It saves a DynamoDB read per event per function; the price is that a change made in
 * another container takes effect there within the time to live ({@code SETTINGS_CACHE_SECONDS}, 0 = off).
 * A change written through a store in this JVM takes effect at once, for every function in it (the local
 * runtime runs all of them in one JVM, each with its own entries).
 */
public final class SettingsCache {
    private static final ConcurrentHashMap<String, Entry> ENTRIES = new ConcurrentHashMap<>();
    private static final SettingsCache NONE = new SettingsCache("", Duration.ZERO);

    private final String scope;
    private final long ttlNanos;

    private record Entry(Object value, long expiresAtNanos) {
    }

    private SettingsCache(String scope, Duration ttl) {
        this.scope = scope;
        this.ttlNanos = ttl.toNanos();
    }

    /** Scoped to the function (Lambda's AWS_LAMBDA_FUNCTION_NAME), with the time to live it is configured with. */
    public static SettingsCache from(Environment env) {
        Duration ttl = env.optional(Names.SETTINGS_CACHE_SECONDS).map(Long::parseLong).map(Duration::ofSeconds)
                .orElse(Duration.ZERO);
        return new SettingsCache(env.optional("AWS_LAMBDA_FUNCTION_NAME").orElse("local"), ttl);
    }

    /** Reads through every time. */
    public static SettingsCache none() {
        return NONE;
    }

    /** The cached value for the key, else what {@code load} gives, kept when {@code keep} says so. */
    @SuppressWarnings("unchecked")
    <T> T get(String key, Supplier<T> load, Predicate<T> keep) {
        if (ttlNanos <= 0) {
            return load.get();
        }
        String scoped = scope + "|" + key;
        Entry entry = ENTRIES.get(scoped);
        long now = System.nanoTime();
        if (entry != null && now - entry.expiresAtNanos() < 0) {
            return (T) entry.value();
        }
        T value = load.get();
        if (keep.test(value)) {
            ENTRIES.put(scoped, new Entry(value, now + ttlNanos));
        } else {
            ENTRIES.remove(scoped);
        }
        return value;
    }

    <T> Optional<T> getPresent(String key, Supplier<Optional<T>> load) {
        return get(key, load, Optional::isPresent);
    }

    /** Forgets the key in every function of this JVM: a write here is seen here at once. */
    static void invalidate(String key) {
        ENTRIES.keySet().removeIf(k -> k.endsWith("|" + key));
    }
}
