package dev.autocall.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.adapters.dynamodb.DynamoCampaignStore;
import dev.autocall.config.Names;
import dev.autocall.domain.campaign.Campaign;
import dev.autocall.domain.campaign.CampaignStatus;
import dev.autocall.http.HttpRequests;
import dev.autocall.json.Json;
import dev.autocall.local.LocalClient;
import dev.autocall.local.LocalRuntime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A large campaign on the local runtime: the time to import its targets as CSV, the rate it dispatches at against
 * its pace, the latency of reading its progress meanwhile; then a smaller campaign run to the end, its every AWS
 * request counted per target and priced. Prints numbers and whether each target is met.
 */
public final class CampaignBenchmark {
    /** Billed milliseconds assumed per warm invocation of the campaign function (a tick: a few reads, a transaction, two sends). */
    private static final double CAMPAIGN_TICK_MS = 100.0;
    private static final Map<String, String> QUEUE_FUNCTIONS = Map.of("EventsQueue", "TriggerFunction",
            "ComplianceQueue", "ComplianceFunction", "DialQueue", "DialerFunction", "CampaignQueue", "CampaignFunction");
    private static final Set<String> CAMPAIGN_FUNCTIONS = Set.of("ApiFunction", "CampaignFunction", "TriggerFunction");
    private static final Set<String> FINAL = Set.of("completed", "busy", "no-answer", "failed", "canceled");

    /** What to run: the big campaign's size, pace and windows, and the size of the one counted to its end. */
    public record Options(int targets, int importRequests, int perMinute, int maxConcurrent, int warmupSeconds, int measureSeconds,
                          int costTargets) {
    }

    private CampaignBenchmark() {
    }

    public static int run(Options options) throws Exception {
        AwsRequestCounter counter = new AwsRequestCounter(true).install();
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(0))) {
            LocalClient client = new LocalClient(runtime.url(), runtime.apiKey());
            Map<String, LongAdder> gateway = new ConcurrentHashMap<>();
            Set<String> ended = ConcurrentHashMap.newKeySet();
            runtime.observeGateway((path, body) -> {
                String kind = path.startsWith("/twilio/") ? "WebhookFunction" : path.startsWith("/v1/") ? "ApiFunction" : "other";
                gateway.computeIfAbsent(kind, k -> new LongAdder()).increment();
                if (path.startsWith("/twilio/voice/status")) {
                    Map<String, String> form = HttpRequests.formParams(new String(body, StandardCharsets.UTF_8));
                    if (FINAL.contains(form.get("CallStatus"))) {
                        ended.add(form.get("To"));
                    }
                }
            });
            client.sim("POST", "/_sim/clock", Map.of("set", OutboundSetup.CHICAGO_11AM.toString()));
            // Caps far above the pace, so the gate dials what the campaign sends and defers nothing.
            OutboundSetup.limits(client, 50, 10_000, 100_000);
            OutboundSetup.sleep(1500);
            System.out.printf("campaign benchmark, java %s, %d available processors%n%n", Runtime.version(),
                    Runtime.getRuntime().availableProcessors());

            Results big = dispatch(runtime, client, counter, options);
            Cost cost = cost(runtime, client, counter, gateway, ended, options.costTargets());
            print(options, big, cost);
            return big.imported() == options.targets() && cost.completed() ? 0 : 1;
        } finally {
            counter.uninstall();
        }
    }

    /** The big campaign's numbers. */
    private record Results(int imported, double importSeconds, List<Double> requestSeconds, double perMinute, double windowSeconds,
                           long dispatchedInWindow, List<Double> progressMillis, double cancelMillis, JsonNode progressAtEnd) {
    }

    /** The counted campaign's numbers. */
    private record Cost(boolean completed, double seconds, int targets, Map<AwsRequestCounter.Key, AwsRequestCounter.Tally> tallies,
                        Map<String, Long> invocations, long httpApi, long schedulerInvocations, JsonNode progress) {
    }

    // ------------------------------------------------------------------ 1-3: import, dispatch rate, progress reads

    private static Results dispatch(LocalRuntime runtime, LocalClient client, AwsRequestCounter counter, Options options) throws Exception {
        create(client, "bench-big", options.perMinute(), options.maxConcurrent());
        List<String> phones = OutboundSetup.numbers(options.targets(), 200_000);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int imported = 0;
        counter.restart();
        List<Double> requestSeconds = new ArrayList<>();
        int perRequest = (phones.size() + options.importRequests() - 1) / options.importRequests();
        long importStarted = System.nanoTime();
        for (int from = 0; from < phones.size(); from += perRequest) {
            String csv = csv(phones.subList(from, Math.min(phones.size(), from + perRequest)));
            long started = System.nanoTime();
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(runtime.url() + "/v1/campaigns/bench-big/targets"))
                    .timeout(Duration.ofMinutes(10)).header("Authorization", "Bearer " + runtime.apiKey())
                    .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)).build(),
                    HttpResponse.BodyHandlers.ofString());
            requestSeconds.add((System.nanoTime() - started) / 1e9);
            OutboundSetup.require(reply.statusCode() == 200 || reply.statusCode() == 201, "targets: " + reply.statusCode() + " "
                    + reply.body().substring(0, Math.min(500, reply.body().length())));
            JsonNode added = Json.tree(reply.body());
            OutboundSetup.require(added.path("rejected").isEmpty(), "rejected rows: " + added.path("rejected"));
            imported += added.path("added").asInt();
        }
        double importSeconds = (System.nanoTime() - importStarted) / 1e9;
        System.out.printf("imported %d targets in %.1f s (%d request(s)); the API function's AWS requests meanwhile:%n", imported,
                importSeconds, requestSeconds.size());
        counter.snapshot().forEach((key, tally) -> {
            if (key.source().equals("ApiFunction")) {
                System.out.printf("  %-10s %-20s %7d requests, %8.1f s inside them (summed over threads), %d failed %s%n", key.service(),
                        key.operation(), tally.requests.sum(), tally.nanos.sum() / 1e9, tally.failures.sum(), tally.errors.keySet());
            }
        });

        OutboundSetup.require(client.api("POST", "/v1/campaigns/bench-big/start", "").status() == 200, "start");
        long started = System.nanoTime();
        List<double[]> samples = Collections.synchronizedList(new ArrayList<>());   // {seconds since start, dispatched, ms}
        long measureFrom = started + Duration.ofSeconds(options.warmupSeconds()).toNanos();
        long measureTo = measureFrom + Duration.ofSeconds(options.measureSeconds()).toNanos();
        while (System.nanoTime() < measureTo) {
            long before = System.nanoTime();
            LocalClient.Reply progress = client.api("GET", "/v1/campaigns/bench-big/progress", null);
            long after = System.nanoTime();
            OutboundSetup.require(progress.status() == 200, "progress: " + progress.status());
            long dispatched = progress.body().path("total").asLong() - progress.body().path("pending").asLong();
            samples.add(new double[]{(after - started) / 1e9, dispatched, (after - before) / 1e6});
            if (samples.size() % 40 == 0) {
                System.out.printf("  t=%5.0f s dispatched %d %s%n", (after - started) / 1e9, dispatched, progress.body());
            }
            OutboundSetup.sleep(Math.max(0, 250 - (after - before) / 1_000_000));
        }
        double fromSeconds = (measureFrom - started) / 1e9;
        List<double[]> window = samples.stream().filter(s -> s[0] >= fromSeconds).toList();
        double[] first = window.getFirst();
        double[] last = window.getLast();
        double windowSeconds = last[0] - first[0];
        long dispatchedInWindow = (long) (last[1] - first[1]);
        List<Double> millis = new ArrayList<>(samples.stream().map(s -> s[2]).toList());
        Collections.sort(millis);

        long cancelStarted = System.nanoTime();
        LocalClient.Reply cancel = client.api("POST", "/v1/campaigns/bench-big/cancel", "");
        double cancelMillis = (System.nanoTime() - cancelStarted) / 1e6;
        OutboundSetup.require(cancel.status() == 200, "cancel: " + cancel.status() + " " + cancel.body());
        JsonNode progress = client.api("GET", "/v1/campaigns/bench-big/progress", null).body();
        return new Results(imported, importSeconds, requestSeconds, dispatchedInWindow / windowSeconds * 60, windowSeconds,
                dispatchedInWindow, millis, cancelMillis, progress);
    }

    private static void create(LocalClient client, String id, int perMinute, int maxConcurrent) {
        LocalClient.Reply created = client.api("POST", "/v1/campaigns", "{\"id\": \"" + id + "\", \"name\": \"Benchmark\", "
                + "\"action\": {\"message\": \"Hi {{contact.firstName}}, a reminder from the benchmark.\"}, "
                + "\"pace\": {\"callsPerMinute\": " + perMinute + ", \"maxConcurrent\": " + maxConcurrent + "}}");
        OutboundSetup.require(created.status() == 201, "campaign: " + created.status() + " " + created.body());
    }

    private static String csv(List<String> phones) {
        StringBuilder csv = new StringBuilder(phones.size() * 40).append("phone,firstName,voiceConsentSource\n");
        for (String phone : phones) {
            csv.append(phone).append(",Pat,form\n");
        }
        return csv.toString();
    }

    // ------------------------------------------------------------------ 4: AWS requests and cost per target

    /** A smaller campaign, from its creation to its end, every AWS request counted (the harness's own reads left out). */
    private static Cost cost(LocalRuntime runtime, LocalClient client, AwsRequestCounter counter, Map<String, LongAdder> gateway,
                             Set<String> ended, int targets) throws Exception {
        // The big campaign's last calls end and its chain stops before counting starts.
        RequestsBenchmark.quiet(counter, new AtomicLong(System.nanoTime()), Duration.ofSeconds(4));
        List<String> phones = OutboundSetup.numbers(targets, 600_000);
        DynamoCampaignStore campaigns = new DynamoCampaignStore(OutboundSetup.harnessClients(runtime).dynamoDb(),
                OutboundSetup.table(runtime, Names.CAMPAIGNS_TABLE));
        counter.restart();
        gateway.clear();
        ended.clear();
        long started = System.nanoTime();
        create(client, "bench-cost", 600, 100);
        LocalClient.Reply added = client.rawPost("/v1/campaigns/bench-cost/targets", "text/csv",
                Map.of("Authorization", "Bearer " + runtime.apiKey()), csv(phones));
        OutboundSetup.require(added.status() / 100 == 2 && added.body().path("added").asInt() == targets, "targets: " + added.body());
        OutboundSetup.require(client.api("POST", "/v1/campaigns/bench-cost/start", "").status() == 200, "start");
        AtomicBoolean completed = new AtomicBoolean();
        LocalClient.waitFor(() -> {
            completed.set(campaigns.find(LocalRuntime.DEMO_WORKSPACE, "bench-cost").map(Campaign::status)
                    .filter(s -> s == CampaignStatus.COMPLETED).isPresent());
            return completed.get();
        }, Duration.ofSeconds(targets / 5L + 120));
        RequestsBenchmark.quiet(counter, new AtomicLong(System.nanoTime()), Duration.ofSeconds(4));
        counter.pause();
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<AwsRequestCounter.Key, AwsRequestCounter.Tally> tallies = counter.snapshot();
        Map<String, Long> invocations = new LinkedHashMap<>();
        invocations.put("WebhookFunction", gateway.getOrDefault("WebhookFunction", new LongAdder()).sum());
        invocations.put("ApiFunction", gateway.getOrDefault("ApiFunction", new LongAdder()).sum());
        tallies.forEach((key, tally) -> {
            if (key.source().equals(AwsRequestCounter.RUNTIME) && key.operation().equals("ReceiveMessage")
                    && QUEUE_FUNCTIONS.containsKey(key.resource())) {
                invocations.merge(QUEUE_FUNCTIONS.get(key.resource()), tally.nonEmpty.sum(), Long::sum);
            }
        });
        long scheduler = tallies.entrySet().stream().filter(e -> e.getKey().source().equals(AwsRequestCounter.RUNTIME)
                && e.getKey().operation().equals("SendMessage")).mapToLong(e -> e.getValue().requests.sum()).sum();
        JsonNode progress = client.api("GET", "/v1/campaigns/bench-cost/progress", null).body();
        return new Cost(completed.get(), seconds, targets, tallies, invocations, invocations.get("WebhookFunction")
                + invocations.get("ApiFunction"), scheduler, progress);
    }

    /** Requests per target by kind, as AWS bills them: the product's, and Lambda's pollers' that delivered a batch. */
    static Map<String, Double> byKind(Map<AwsRequestCounter.Key, AwsRequestCounter.Tally> tallies, int targets) {
        Map<String, Double> kinds = new TreeMap<>();
        tallies.forEach((key, tally) -> {
            if (key.source().equals(OutboundSetup.HARNESS) || !AwsCostReport.billed(key)) {
                return;
            }
            String kind = switch (key.service() + " " + key.operation()) {
                case "DynamoDb GetItem", "DynamoDb Query", "DynamoDb BatchGetItem", "DynamoDb Scan", "DynamoDb TransactGetItems" ->
                        "DynamoDB read";
                case "DynamoDb PutItem", "DynamoDb UpdateItem", "DynamoDb DeleteItem", "DynamoDb BatchWriteItem" -> "DynamoDB write";
                case "DynamoDb TransactWriteItems" -> "DynamoDB transaction";
                case "Sqs SendMessage", "Sqs SendMessageBatch" -> key.source().equals(AwsRequestCounter.RUNTIME)
                        ? "Scheduler delivery (SQS send)" : "SQS send";
                case "Sqs ReceiveMessage" -> "SQS receive (non-empty)";
                case "Sqs DeleteMessage", "Sqs DeleteMessageBatch" -> "SQS delete";
                default -> key.service() + " " + key.operation();
            };
            kinds.merge(kind, AwsCostReport.billedCount(key, tally) / (double) targets, Double::sum);
        });
        return kinds;
    }

    // ------------------------------------------------------------------ the table

    private static void print(Options options, Results big, Cost cost) {
        Map<String, Double> assumed = new TreeMap<>(RequestsBenchmark.ASSUMED_MS);
        assumed.put("CampaignFunction", CAMPAIGN_TICK_MS);
        Map<String, Integer> memory = RequestsBenchmark.memoryMb();
        AwsCostReport.Invocations invocations = new AwsCostReport.Invocations(cost.invocations(), assumed, memory);
        System.out.printf("%ncounted campaign: %d targets at 600/min, %s in %.1f s; progress %s%n%n", cost.targets(),
                cost.completed() ? "completed" : "NOT COMPLETED", cost.seconds(), cost.progress());
        AwsCostReport.printRequests(System.out, cost.tallies(), cost.targets(), invocations, cost.httpApi(), cost.schedulerInvocations());
        AwsCostReport.Priced priced = AwsCostReport.price(System.out, new AwsCostReport.Scope("the whole campaign (import to end)",
                key -> true, cost.invocations().keySet(), cost.httpApi(), cost.schedulerInvocations()), cost.tallies(), cost.targets(),
                invocations);
        AwsCostReport.Priced own = AwsCostReport.price(System.out, new AwsCostReport.Scope(
                "the campaign's own part (API, campaign function, trigger, their queues; not the call itself)",
                CampaignBenchmark::campaignPart, CAMPAIGN_FUNCTIONS, cost.invocations().getOrDefault("ApiFunction", 0L), 0),
                cost.tallies(), cost.targets(), invocations);
        System.out.printf("%nAWS requests per target by kind (the product's SDK requests and Lambda's pollers' deliveries):%n");
        byKind(cost.tallies(), cost.targets()).forEach((kind, n) -> System.out.printf("  %-32s %6.2f%n", kind, n));

        List<Double> ms = big.progressMillis();
        double p95 = OutboundSetup.percentile(ms, 95);
        System.out.printf("%n%-58s %-22s %-16s %s%n", "campaign benchmark (" + options.targets() + " targets)", "measured", "target", "");
        row("CSV import, " + big.imported() + " rows in " + big.requestSeconds().size() + " request(s)",
                String.format("%.1f s", big.importSeconds()), "<= 60 s", big.importSeconds() <= 60);
        double deviation = (big.perMinute() - options.perMinute()) / options.perMinute() * 100;
        row(String.format("dispatch rate (%.0f s window after %d s warm-up)", big.windowSeconds(), options.warmupSeconds()),
                String.format("%.1f/min (%+.1f %%)", big.perMinute(), deviation), options.perMinute() + "/min +-2 %", Math.abs(deviation) <= 2);
        row(String.format("GET progress while dispatching (%d reads)", ms.size()),
                String.format("p50 %.1f p95 %.1f p99 %.1f ms", OutboundSetup.percentile(ms, 50), p95, OutboundSetup.percentile(ms, 99)),
                "p95 <= 50 ms", p95 <= 50);
        row("AWS requests per target (SDK; with pollers' deliveries)", String.format("%.2f; %.2f", priced.sdkRequestsPerCall(),
                priced.billedRequestsPerCall()), "<= 15", priced.billedRequestsPerCall() <= 15);
        row("AWS cost per 1,000 targets", String.format("$%.4f", priced.dollarsPer1000()), "<= $0.02", priced.dollarsPer1000() <= 0.02);
        row("  of which the campaign's own part: requests; cost", String.format("%.2f; $%.4f", own.billedRequestsPerCall(),
                own.dollarsPer1000()), "", true);
        System.out.printf("%ncancel of the big campaign: %.0f ms; its progress then: %s%n", big.cancelMillis(), big.progressAtEnd());
    }

    /** The campaign's own requests: its functions', and Lambda's pollers' on the campaign and events queues. */
    private static boolean campaignPart(AwsRequestCounter.Key key) {
        return CAMPAIGN_FUNCTIONS.contains(key.source()) || key.source().equals(AwsRequestCounter.RUNTIME)
                && (key.resource().equals("CampaignQueue") || key.resource().equals("EventsQueue"));
    }

    private static void row(String what, String measured, String target, boolean met) {
        System.out.printf("%-58s %-22s %-16s %s%n", what, measured, target, met ? "MET" : "NOT MET");
    }
}
