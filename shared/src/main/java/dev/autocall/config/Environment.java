package dev.autocall.config;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The settings a function reads once at start-up, from Lambda's environment or the local runtime.
 * A missing required value fails fast with its name, not later with a null.
 */
public final class Environment {
    private final Map<String, String> values;

    private Environment(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Environment of(Map<String, String> values) {
        return new Environment(values);
    }

    public static Environment fromSystem() {
        return new Environment(System.getenv());
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("missing environment variable " + name);
        }
        return value;
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
    }

    public String region() {
        return optional("AWS_REGION").orElse("us-east-1");
    }

    /** Endpoint override for a service, set only by the local runtime (e.g. AUTOCALL_ENDPOINT_DYNAMODB). */
    public Optional<URI> endpoint(String service) {
        return optional("AUTOCALL_ENDPOINT_" + service.toUpperCase()).map(URI::create);
    }

    public Map<String, String> asMap() {
        return values;
    }
}
