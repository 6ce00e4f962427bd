package dev.autocall.local.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM on a function's deployment jar, as Lambda would: constructs the handler with its
 * no-argument constructor (wiring from the environment), feeds it one event and prints how long the JVM
 * took from its start to the first event handled. Only what the Lambda jar carries is used here.
 *
 * <p>Arguments: handler class, event type (http|sqs|hello), event file.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long initStart = System.nanoTime();
        RequestHandler handler = (RequestHandler) Class.forName(args[0]).getConstructor().newInstance();
        long initNanos = System.nanoTime() - initStart;
        Object event = switch (args[1]) {
            case "http", "sqs" -> JsonMapper.builder()
                    .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build()
                    .readValue(Files.readString(Path.of(args[2])), eventType(args[1]));
            default -> "hello";
        };
        long invokeStart = System.nanoTime();
        Object result = handler.handleRequest(event, null);
        long invokeNanos = System.nanoTime() - invokeStart;
        long total = System.currentTimeMillis() - jvmStart;
        System.out.printf("COLDSTART totalMs=%d initMs=%.1f firstInvokeMs=%.1f result=%s%n", total, initNanos / 1e6,
                invokeNanos / 1e6, summary(result));
    }

    private static Class<?> eventType(String kind) {
        return kind.equals("http") ? APIGatewayV2HTTPEvent.class : SQSEvent.class;
    }

    private static String summary(Object result) {
        String text = String.valueOf(result).replaceAll("\\s+", " ");
        return text.length() > 80 ? text.substring(0, 80) : text;
    }
}
