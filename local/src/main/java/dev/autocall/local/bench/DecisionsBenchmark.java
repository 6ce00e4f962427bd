package dev.autocall.local.bench;

import dev.autocall.adapters.dynamodb.DynamoCapStore;
import dev.autocall.adapters.dynamodb.DynamoContactStore;
import dev.autocall.adapters.dynamodb.DynamoWorkspaceStore;
import dev.autocall.aws.AwsClients;
import dev.autocall.config.Environment;
import dev.autocall.config.Names;
import dev.autocall.domain.compliance.ComplianceDecision;
import dev.autocall.domain.compliance.ComplianceGate;
import dev.autocall.domain.compliance.ComplianceRules;
import dev.autocall.domain.outbound.CallPlan;
import dev.autocall.domain.outbound.CallRequest;
import dev.autocall.local.LocalClient;
import dev.autocall.local.LocalRuntime;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Compliance decisions per second: the real ComplianceGate, wired as the compliance function wires it (DynamoDB
 * workspace, contact and cap stores, the rules, the runtime's clock) against the runtime's DynamoDB Local, called
 * from several threads. {@code preflight} reads the workspace, the contact and the caps; {@code decide} does that
 * and, for a call that passes, reserves its caps in one transaction (every decision of a workspace updates the
 * same minute and day counters). Each decision is for its own consented contact, inside the calling window, with
 * caps high enough that every one passes.
 */
public final class DecisionsBenchmark {
    private static final String GATE = "ComplianceGate";

    private DecisionsBenchmark() {
    }

    public static int run(int decisions, List<Integer> threadCounts) throws Exception {
        AwsRequestCounter counter = new AwsRequestCounter(false).install();
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(0))) {
            LocalClient client = new LocalClient(runtime.url(), runtime.apiKey());
            client.sim("POST", "/_sim/clock", Map.of("set", OutboundSetup.CHICAGO_11AM.toString()));
            OutboundSetup.limits(client, 100, 10_000, 1_000_000);
            int warmup = 200;
            List<String> phones = OutboundSetup.numbers(warmup + decisions * threadCounts.size(), 0);
            long seeding = System.nanoTime();
            OutboundSetup.consentedContacts(runtime, OutboundSetup.harnessClients(runtime), phones);
            System.out.printf("decisions: %d consented contacts written in %.1f s (set-up)%n", phones.size(), (System.nanoTime() - seeding) / 1e9);

            Map<String, String> env = new HashMap<>(runtime.functionEnvironment("ComplianceFunction"));
            env.put("AWS_LAMBDA_FUNCTION_NAME", GATE);
            DynamoDbClient dynamo = new AwsClients(Environment.of(env)).dynamoDb();
            ComplianceGate gate = new ComplianceGate(new DynamoWorkspaceStore(dynamo, env.get(Names.WORKSPACES_TABLE)),
                    new DynamoContactStore(dynamo, env.get(Names.CONTACTS_TABLE)), new DynamoCapStore(dynamo, env.get(Names.CAPS_TABLE)),
                    new ComplianceRules(), runtime.clock());

            List<String> warm = phones.subList(0, warmup);
            round(warm, 4, phone -> gate.preflight(LocalRuntime.DEMO_WORKSPACE, phone, Optional.empty(), "transactional"));
            round(warm, 4, phone -> gate.decide(request(phone, runtime.clock().instant())));

            System.out.printf("decisions: the real ComplianceGate against DynamoDB Local in this JVM, %d calls per row, "
                    + "each to its own consented contact; java %s, %d CPUs%n", decisions, Runtime.version(),
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("%-10s %8s %12s %9s %9s %9s %9s  %-28s %s%n", "kind", "threads", "decisions/s", "p50 ms", "p95 ms",
                    "p99 ms", "max ms", "outcomes", "DynamoDB requests per decision");
            boolean allPassed = true;
            int offset = warmup;
            for (int threads : threadCounts) {
                List<String> slice = phones.subList(offset, offset + decisions);
                offset += decisions;
                // A new minute for each row, so the per-minute counter of one row does not carry into the next.
                client.sim("POST", "/_sim/clock", Map.of("advance", "PT1M"));
                counter.restart();
                Result preflight = round(slice, threads,
                        phone -> gate.preflight(LocalRuntime.DEMO_WORKSPACE, phone, Optional.empty(), "transactional"));
                print("preflight", threads, preflight, counter, decisions);
                counter.restart();
                Result decide = round(slice, threads, phone -> gate.decide(request(phone, runtime.clock().instant())));
                print("decide", threads, decide, counter, decisions);
                allPassed &= decide.outcomes().getOrDefault("PASS", 0) == decisions;
            }
            System.out.println("preflight reserves nothing; decide reserves the caps of each passing call (TransactWriteItems of 5 items: "
                    + "the request's reservation, the minute, day and number-day counters, the number's 14-day history).");
            return allPassed ? 0 : 1;
        } finally {
            counter.uninstall();
        }
    }

    private record Result(double perSecond, List<Double> millis, Map<String, Integer> outcomes) {
    }

    private static CallRequest request(String phone, Instant now) {
        return new CallRequest("req_bench_" + phone.substring(1), LocalRuntime.DEMO_WORKSPACE, phone, "transactional",
                new CallPlan.Voicemail("Your appointment is tomorrow.", null, null), null, null, 0, 1, false, now,
                now.plus(Duration.ofDays(7)));
    }

    private static Result round(List<String> phones, int threads, Function<String, ComplianceDecision> decision) throws Exception {
        List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < phones.size(); i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        ComplianceDecision d = decision.apply(phones.get(i));
                        millis.add((System.nanoTime() - t0) / 1e6);
                        outcomes.computeIfAbsent(outcome(d), k -> new AtomicInteger()).incrementAndGet();
                    }
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        Map<String, Integer> counts = new TreeMap<>();
        outcomes.forEach((k, v) -> counts.put(k, v.get()));
        return new Result(phones.size() / seconds, sorted, counts);
    }

    private static String outcome(ComplianceDecision decision) {
        return switch (decision) {
            case ComplianceDecision.Pass p -> "PASS";
            case ComplianceDecision.Defer d -> "DEFER " + d.reason();
            case ComplianceDecision.Fail f -> "FAIL " + f.reason();
        };
    }

    private static void print(String kind, int threads, Result result, AwsRequestCounter counter, int decisions) {
        Map<String, LongAdder> byOperation = new TreeMap<>();
        Map<String, Long> errors = new TreeMap<>();
        counter.snapshot().forEach((key, tally) -> {
            if (key.source().equals(GATE)) {
                byOperation.computeIfAbsent(key.operation(), k -> new LongAdder()).add(tally.requests.sum());
                tally.errors.forEach((code, n) -> errors.merge(key.operation() + " " + code, n.sum(), Long::sum));
            }
        });
        StringBuilder requests = new StringBuilder();
        double total = 0;
        for (Map.Entry<String, LongAdder> e : byOperation.entrySet()) {
            double per = e.getValue().sum() / (double) decisions;
            total += per;
            requests.append(String.format("%s %.2f, ", e.getKey(), per));
        }
        List<Double> ms = result.millis();
        System.out.printf("%-10s %8d %12.0f %9.1f %9.1f %9.1f %9.1f  %-28s %.2f (%s)%s%n", kind, threads, result.perSecond(),
                OutboundSetup.percentile(ms, 50), OutboundSetup.percentile(ms, 95), OutboundSetup.percentile(ms, 99),
                ms.isEmpty() ? Double.NaN : ms.get(ms.size() - 1), result.outcomes().toString(), total,
                requests.length() == 0 ? "" : requests.substring(0, requests.length() - 2),
                errors.isEmpty() ? "" : "; errors " + errors);
    }
}
