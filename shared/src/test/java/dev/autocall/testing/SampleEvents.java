package dev.autocall.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the fixtures in the repository's events/ folder the way Lambda's runtime would. */
public final class SampleEvents {
    /** The auth token the samples are signed with (events/README.md). */
    public static final String AUTH_TOKEN = "0123456789abcdef0123456789abcdef";

    // Lambda's own field names differ in case from the Java beans' (Records, eventSourceARN).
    private static final ObjectMapper LAMBDA = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SampleEvents() {
    }

    public static <T> T read(String name, Class<T> type) {
        try {
            return LAMBDA.readValue(Files.readString(eventsDir().resolve(name)), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path eventsDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("events"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no events/ folder above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("events");
    }
}
