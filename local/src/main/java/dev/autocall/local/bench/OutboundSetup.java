package dev.autocall.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocall.adapters.dynamodb.DynamoContactStore;
import dev.autocall.aws.AwsClients;
import dev.autocall.config.Environment;
import dev.autocall.config.Names;
import dev.autocall.domain.contact.Contact;
import dev.autocall.local.LocalClient;
import dev.autocall.local.LocalRuntime;
import dev.autocall.phone.PhoneNumbers;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** What the outbound benchmarks share: the workspace's limits, consented contacts, numbers, the harness's own clients. */
final class OutboundSetup {
    /** The source the harness's own SDK requests are counted under (and left out of every product figure). */
    static final String HARNESS = "harness";
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    /** The benchmarks' day: a Tuesday at least two days ahead (the runtime's clock only moves forward). */
    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).plusDays(2).with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));
    /** 11:00 in Chicago: inside the strict 10:00-18:00 window for 312 numbers. */
    static final Instant CHICAGO_11AM = inChicago(LocalTime.of(11, 0));

    /** A time of the benchmarks' day in Chicago. */
    static Instant inChicago(LocalTime time) {
        return ZonedDateTime.of(DAY, time, CHICAGO).toInstant();
    }

    private OutboundSetup() {
    }

    /** Distinct valid Chicago (312) numbers, so each call request is to its own contact. */
    static List<String> numbers(int count, int offset) {
        List<String> numbers = new ArrayList<>();
        for (int i = offset; numbers.size() < count; i++) {
            String number = "+1312" + (2_000_000 + i);
            if (PhoneNumbers.isE164(number)) {
                numbers.add(number);
            }
        }
        return numbers;
    }

    /** SDK clients pointed at the runtime, counted as the harness's. */
    static AwsClients harnessClients(LocalRuntime runtime) {
        Map<String, String> env = new HashMap<>(runtime.functionEnvironment("ComplianceFunction"));
        env.put("AWS_LAMBDA_FUNCTION_NAME", HARNESS);
        return new AwsClients(Environment.of(env));
    }

    static String table(LocalRuntime runtime, String name) {
        return runtime.functionEnvironment("ComplianceFunction").get(name);
    }

    /** Changes the workspace through the API as a user would: GET, edit, PUT. */
    static void updateWorkspace(LocalClient client, Consumer<ObjectNode> edit) {
        LocalClient.Reply current = client.api("GET", "/v1/workspace", null);
        require(current.status() == 200, "GET /v1/workspace: " + current.status() + " " + current.body());
        ObjectNode workspace = (ObjectNode) current.body();
        edit.accept(workspace);
        LocalClient.Reply put = client.api("PUT", "/v1/workspace", workspace.toString());
        require(put.status() == 200, "PUT /v1/workspace: " + put.status() + " " + put.body());
    }

    static void limits(LocalClient client, int callsPerSecond, int perMinute, int perDay) {
        updateWorkspace(client, ws -> {
            ws.put("outboundEnabled", true);
            ws.put("callsPerSecond", callsPerSecond);
            ObjectNode caps = ((ObjectNode) ws.path("compliance")).putObject("caps");
            caps.put("perMinute", perMinute);
            caps.put("perDay", perDay);
            caps.put("perNumberPerDay", 1);
            caps.put("perNumberPer14Days", 4);
        });
    }

    static JsonNode workspace(LocalClient client) {
        return client.api("GET", "/v1/workspace", null).body();
    }

    /** Consented contacts written straight into the contacts table (set-up, not measured), from a few threads. */
    static void consentedContacts(LocalRuntime runtime, AwsClients harness, List<String> phones) throws Exception {
        DynamoContactStore contacts = new DynamoContactStore(harness.dynamoDb(), table(runtime, Names.CONTACTS_TABLE));
        Instant now = runtime.clock().instant();
        Contact.Consents consented = new Contact.Consents(new Contact.Consent("form", true, now), new Contact.Consent("form", true, now));
        parallel(phones, 8, phone -> contacts.save(LocalRuntime.DEMO_WORKSPACE,
                new Contact(phone, "Pat", "Bench", List.of(), null, consented, null, null, Map.of(), "api", now)));
    }

    /** Runs the action on every item from {@code threads} threads; fails on the first error. */
    static <T> void parallel(List<T> items, int threads, Consumer<T> action) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            int chunk = (items.size() + threads - 1) / threads;
            for (int t = 0; t < threads; t++) {
                List<T> part = items.subList(Math.min(items.size(), t * chunk), Math.min(items.size(), (t + 1) * chunk));
                futures.add(pool.submit(() -> part.forEach(action)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
    }

    static double percentile(List<Double> sorted, double percentile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
