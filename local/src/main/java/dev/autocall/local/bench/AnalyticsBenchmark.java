package dev.autocall.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocall.adapters.dynamodb.DynamoAnalyticsCounters;
import dev.autocall.aws.AwsClients;
import dev.autocall.config.Environment;
import dev.autocall.config.Names;
import dev.autocall.domain.reporting.CallRow;
import dev.autocall.domain.reporting.CountedCall;
import dev.autocall.domain.reporting.DayCounts;
import dev.autocall.domain.reporting.Dimension;
import dev.autocall.json.Json;
import dev.autocall.local.LocalClient;
import dev.autocall.local.LocalRuntime;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * GET /v1/analytics over 30 days of one workspace whose counters hold 1,000,000 calls, through the local runtime's
 * gateway and API function. A sample of the calls goes through the counters' {@code count} (the path the call log
 * takes, timed); the rest are loaded as the day items those calls produce (same rows, same counting rules, summed in
 * memory first), since writing a million transactions one by one would take the benchmark hours on DynamoDB Local.
 */
public final class AnalyticsBenchmark {
    private static final String LOADER = "AnalyticsLoader";
    private static final ZoneId ZONE = ZoneId.of("America/Chicago");
    private static final String[] OUTCOMES = {"completed", "completed", "completed", "voicemail", "voicemail", "no_answer",
            "no_answer", "no_answer", "busy", "failed", "confirmed", "confirmed", "declined", "rescheduled", "opted_out", "no_input"};

    private AnalyticsBenchmark() {
    }

    public static int run(int calls, int sample, int requests) throws Exception {
        AwsRequestCounter counter = new AwsRequestCounter(false).install();
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(0))) {
            LocalClient client = new LocalClient(runtime.url(), runtime.apiKey());
            setTimeZone(client);
            Map<String, String> env = new HashMap<>(runtime.functionEnvironment("TriggerFunction"));
            env.put("AWS_LAMBDA_FUNCTION_NAME", LOADER);
            DynamoAnalyticsCounters counters = new DynamoAnalyticsCounters(new AwsClients(Environment.of(env)).dynamoDb(),
                    env.get(Names.ANALYTICS_TABLE));

            Instant now = runtime.clock().instant();
            // The 30 local days GET /v1/analytics answers by default: today and the 29 before it.
            Instant first = LocalDate.ofInstant(now, ZONE).minusDays(29).atStartOfDay(ZONE).toInstant();
            Random random = new Random(42);
            long started = System.nanoTime();
            for (int i = 0; i < sample; i++) {
                counters.count(LocalRuntime.DEMO_WORKSPACE, row(i, first, now, random), ZONE);
            }
            double sampleSeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("analytics: %d calls counted one by one through DynamoAnalyticsCounters.count in %.1f s "
                    + "(%.0f calls/s, one TransactWriteItems each: the row's marker and its 3-4 day items)%n",
                    sample, sampleSeconds, sample / sampleSeconds);

            started = System.nanoTime();
            Map<String, DayCounts> items = new HashMap<>();
            for (int i = sample; i < calls; i++) {
                CountedCall call = CountedCall.of(row(i, first, now, random), ZONE).orElseThrow();
                for (Dimension dimension : call.dimensions()) {
                    items.merge(dimension.key() + "|" + call.day(), DayCounts.empty(call.day()).plus(call), (a, b) -> a.plus(call));
                }
            }
            items.forEach((key, day) -> counters.addTotals(LocalRuntime.DEMO_WORKSPACE,
                    new Dimension(key.substring(0, key.indexOf('|'))), day));
            System.out.printf("analytics: the other %d calls loaded as the %d day items they produce (summed with the same "
                    + "counting rules, then one UpdateItem per item) in %.1f s%n", calls - sample, items.size(),
                    (System.nanoTime() - started) / 1e9);

            JsonNode check = client.api("GET", "/v1/analytics", null).body();
            System.out.printf("analytics: 30 days answer attempted=%d connected=%d connectRate=%s, %d caller IDs, %d trend days%n",
                    check.path("attempted").asLong(), check.path("connected").asLong(), check.path("connectRate").asText(),
                    check.path("byCallerId").size(), check.path("trend").size());
            boolean allCounted = check.path("attempted").asLong() == calls;

            System.out.printf("analytics: GET /v1/analytics through the gateway, %d times each after 20 warm-up calls; java %s, %d CPUs%n",
                    requests, Runtime.version(), Runtime.getRuntime().availableProcessors());
            System.out.printf("%-34s %8s %8s %8s %8s  %s%n", "request", "p50 ms", "p95 ms", "p99 ms", "max ms",
                    "DynamoDB requests per call (ApiFunction)");
            boolean fast = true;
            for (String query : List.of("", "?campaign=campaign-1", "?granularity=week")) {
                String path = "/v1/analytics" + query;
                for (int i = 0; i < 20; i++) {
                    client.api("GET", path, null);
                }
                counter.restart();
                List<Double> millis = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    long t0 = System.nanoTime();
                    LocalClient.Reply reply = client.api("GET", path, null);
                    millis.add((System.nanoTime() - t0) / 1e6);
                    if (reply.status() != 200) {
                        throw new IllegalStateException(path + " answered " + reply.status() + ": " + reply.body());
                    }
                }
                Collections.sort(millis);
                fast &= OutboundSetup.percentile(millis, 95) <= 200;
                System.out.printf("%-34s %8.1f %8.1f %8.1f %8.1f  %s%n", "GET " + path, OutboundSetup.percentile(millis, 50),
                        OutboundSetup.percentile(millis, 95), OutboundSetup.percentile(millis, 99), millis.getLast(),
                        perCall(counter, requests));
            }
            System.out.println("analytics: per call, at most one Query of the Analytics table and the GetItems of the API key and "
                    + "the workspace, which the API function keeps for SETTINGS_CACHE_SECONDS (10 s).");
            return allCounted && fast ? 0 : 1;
        } finally {
            counter.uninstall();
        }
    }

    /** The demo workspace counts its days in Chicago. */
    private static void setTimeZone(LocalClient client) {
        ObjectNode workspace = (ObjectNode) client.api("GET", "/v1/workspace", null).body();
        workspace.put("timeZone", ZONE.getId());
        LocalClient.Reply put = client.api("PUT", "/v1/workspace", Json.write(workspace));
        OutboundSetup.require(put.status() == 200, "could not set the workspace's timeZone: " + put.body());
    }

    /** DynamoDB requests of the API function per analytics call, by operation and table. */
    private static String perCall(AwsRequestCounter counter, int requests) {
        Map<String, Long> byOperation = new TreeMap<>();
        counter.snapshot().forEach((key, tally) -> {
            if (key.source().equals("ApiFunction") && key.service().equals("DynamoDb")) {
                byOperation.merge(key.operation() + " " + key.resource(), tally.requests.sum(), Long::sum);
            }
        });
        double total = byOperation.values().stream().mapToLong(Long::longValue).sum() / (double) requests;
        StringBuilder parts = new StringBuilder();
        byOperation.forEach((op, n) -> parts.append(String.format("%s %.2f, ", op, n / (double) requests)));
        return String.format("%.2f (%s)", total, parts.isEmpty() ? "" : parts.substring(0, parts.length() - 2));
    }

    /**
     * Call {@code i}: a moment of the last 30 local days, one of 10 caller IDs, every second call from one of
     * 5 campaigns with an IVR flow, the others from one of 5 workflows.
     */
    private static CallRow row(int i, Instant first, Instant now, Random random) {
        Instant at = first.plusSeconds(random.nextLong(Duration.between(first, now).toSeconds()));
        String outcome = OUTCOMES[random.nextInt(OUTCOMES.length)];
        boolean campaign = i % 2 == 0;
        String callerId = "+1312555" + String.format("%04d", 100 + random.nextInt(10));
        String keys = campaign && random.nextInt(3) > 0 ? "menu=" + (1 + random.nextInt(3)) : null;
        return new CallRow("bench-" + i, "CA" + i, at, CallRow.OUTBOUND, "+1773555" + String.format("%04d", i % 10_000), null,
                campaign ? null : "workflow-" + (i % 5), campaign ? "campaign-" + (i % 5 / 2 + i % 3) : null,
                campaign ? "flow-1" : null, outcome.equals("failed") ? "failed" : "completed", outcome, null,
                20 + random.nextInt(100), null, keys, callerId, 1, false);
    }
}
