package dev.autocall.local.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Turns counted requests into AWS list prices (us-east-1, on-demand, before free tiers, as of 2026): what a
 * number of dialed calls cost in DynamoDB, SQS, EventBridge Scheduler, Lambda and API Gateway. Twilio's charges
 * are not AWS costs and are left out.
 */
final class AwsCostReport {
    static final double DYNAMO_WRU = 0.625 / 1e6;
    static final double DYNAMO_RRU = 0.125 / 1e6;
    static final double SQS_REQUEST = 0.40 / 1e6;
    static final double SCHEDULER_INVOCATION = 1.00 / 1e6;
    static final double LAMBDA_REQUEST = 0.20 / 1e6;
    static final double LAMBDA_GB_SECOND_ARM = 0.0000133334;
    static final double HTTP_API_REQUEST = 1.00 / 1e6;
    private static final Set<String> DYNAMO_READS = Set.of("GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems");

    /**
     * Lambda invocations by function, the billed milliseconds assumed per invocation of each, and each function's
     * memory (template.yaml's MemorySize), which duration is billed by.
     */
    record Invocations(Map<String, Long> byFunction, Map<String, Double> assumedMs, Map<String, Integer> memoryMb) {
        long total() {
            return byFunction.values().stream().mapToLong(Long::longValue).sum();
        }

        double gbSeconds() {
            return byFunction.entrySet().stream().mapToDouble(e -> e.getValue() * assumedMs.getOrDefault(e.getKey(), 100.0) / 1000
                    * memoryMb.getOrDefault(e.getKey(), 1024) / 1024.0).sum();
        }

        Invocations only(Set<String> functions) {
            Map<String, Long> kept = new LinkedHashMap<>();
            byFunction.forEach((function, count) -> {
                if (functions.contains(function)) {
                    kept.put(function, count);
                }
            });
            return new Invocations(kept, assumedMs, memoryMb);
        }
    }

    /**
     * A part of the scenario to price: the requests it makes (by their key), the functions it invokes, and its API
     * Gateway requests and Scheduler deliveries.
     */
    record Scope(String name, Predicate<AwsRequestCounter.Key> includes, Set<String> functions, long httpApiRequests,
                 long schedulerInvocations) {
    }

    /** What a scope made per dialed call: the product's own SDK requests (as the interceptor counts them) and the cost. */
    record Priced(double sdkRequestsPerCall, double billedRequestsPerCall, double dollarsPer1000) {
    }

    /** Request units of one DynamoDB tally, by the model described in docs/benchmarks.md. */
    record Units(double read, double write) {
    }

    private AwsCostReport() {
    }

    /**
     * DynamoDB Local reports CapacityUnits by item size (1 per KB written, 1 per 4 KB read consistently) but does
     * not double transactional items and charges nothing for keys a BatchGetItem does not find; AWS does both.
     * Requests that failed (conditional check, cancelled transaction) are counted at 1 unit per item (2 for a
     * transaction's items), as AWS bills a failed conditional write.
     */
    static Units units(AwsRequestCounter.Key key, AwsRequestCounter.Tally tally) {
        if (!key.service().equals("DynamoDb")) {
            return new Units(0, 0);
        }
        long ok = tally.requests.sum() - tally.failures.sum();
        double reported = tally.units.sum();
        if (DYNAMO_READS.contains(key.operation())) {
            double minimum = key.operation().equals("BatchGetItem") ? tally.items.sum() : ok;
            return new Units(Math.max(reported, minimum), 0);
        }
        if (key.operation().equals("TransactWriteItems")) {
            double itemsPerRequest = tally.requests.sum() == 0 ? 0 : (double) tally.items.sum() / Math.max(1, ok + tally.failures.sum());
            return new Units(0, 2 * reported + 2 * itemsPerRequest * tally.failures.sum());
        }
        return new Units(0, reported + tally.failures.sum());
    }

    /**
     * Prints the requests of the product (every source but the harness), by source, service, operation and
     * resource, per dialed call, with the DynamoDB units; the totals per call by service and by caller.
     */
    static void printRequests(PrintStream out, Map<AwsRequestCounter.Key, AwsRequestCounter.Tally> tallies, int calls,
                              Invocations invocations, long httpApiRequests, long schedulerInvocations) {
        out.printf("%-20s %-14s %-20s %-34s %7s %8s %6s %9s  %s%n", "source", "service", "operation", "table / queue",
                "count", "per call", "failed", "units/call", "errors");
        Map<String, Double> perService = new TreeMap<>();
        Map<String, Double> perSource = new TreeMap<>();
        for (Map.Entry<AwsRequestCounter.Key, AwsRequestCounter.Tally> e : tallies.entrySet()) {
            AwsRequestCounter.Key key = e.getKey();
            AwsRequestCounter.Tally tally = e.getValue();
            if (key.source().equals(OutboundSetup.HARNESS) || !billed(key)) {
                continue;
            }
            long count = billedCount(key, tally);
            Units units = units(key, tally);
            perService.merge(key.service(), (double) count / calls, Double::sum);
            perSource.merge(label(key.source(), key), (double) count / calls, Double::sum);
            String unitText = units.read() + units.write() == 0 ? "" : String.format("%.2f %s", (units.read() + units.write()) / calls,
                    units.read() > 0 ? "RRU" : "WRU");
            out.printf("%-20s %-14s %-20s %-34s %7d %8.2f %6d %9s  %s%n", label(key.source(), key), key.service(), key.operation(),
                    key.resource(), count, (double) count / calls, tally.failures.sum(), unitText, errors(tally));
        }
        double total = perService.values().stream().mapToDouble(Double::doubleValue).sum();
        out.printf("%nAWS SDK requests per dialed call: %.2f in all (%s)%n", total, perService.entrySet().stream()
                .map(s -> String.format("%s %.2f", s.getKey(), s.getValue())).reduce((a, b) -> a + ", " + b).orElse(""));
        out.printf("  by caller: %s%n", perSource.entrySet().stream()
                .map(s -> String.format("%s %.2f", s.getKey(), s.getValue())).reduce((a, b) -> a + ", " + b).orElse(""));
        long lambdaInvocations = invocations.total();
        out.printf("Lambda invocations per dialed call: %.2f (%s); API Gateway (HTTP API) requests per call: %.2f; "
                        + "Scheduler invocations per call: %.2f%n",
                (double) lambdaInvocations / calls, invocations.byFunction().entrySet().stream()
                        .map(i -> String.format("%s %.2f", i.getKey(), (double) i.getValue() / calls)).reduce((a, b) -> a + ", " + b).orElse(""),
                (double) httpApiRequests / calls, (double) schedulerInvocations / calls);
    }

    /** Prints what a scope costs per 1,000 dialed calls, item by item, and returns its requests and its total. */
    static Priced price(PrintStream out, Scope scope, Map<AwsRequestCounter.Key, AwsRequestCounter.Tally> tallies, int calls,
                        Invocations allInvocations) {
        double rru = 0;
        double wru = 0;
        long sqsRequests = 0;
        long sdkRequests = 0;
        long billedRequests = 0;
        for (Map.Entry<AwsRequestCounter.Key, AwsRequestCounter.Tally> e : tallies.entrySet()) {
            AwsRequestCounter.Key key = e.getKey();
            if (key.source().equals(OutboundSetup.HARNESS) || !billed(key) || !scope.includes().test(key)) {
                continue;
            }
            long count = billedCount(key, e.getValue());
            Units units = units(key, e.getValue());
            rru += units.read();
            wru += units.write();
            billedRequests += count;
            if (!key.source().equals(AwsRequestCounter.RUNTIME)) {
                sdkRequests += count;
            }
            if (key.service().equals("Sqs")) {
                sqsRequests += count;
            }
        }
        Invocations invocations = allInvocations.only(scope.functions());
        long lambdaInvocations = invocations.total();
        Map<String, Double> cost = new LinkedHashMap<>();
        cost.put(String.format("DynamoDB: %.1f WRU + %.1f RRU per call", wru / calls, rru / calls), wru * DYNAMO_WRU + rru * DYNAMO_RRU);
        cost.put(String.format("SQS: %.2f requests per call", (double) sqsRequests / calls), sqsRequests * SQS_REQUEST);
        cost.put(String.format("EventBridge Scheduler: %.2f invocations per call", (double) scope.schedulerInvocations() / calls),
                scope.schedulerInvocations() * SCHEDULER_INVOCATION);
        cost.put(String.format("Lambda requests: %.2f per call", (double) lambdaInvocations / calls), lambdaInvocations * LAMBDA_REQUEST);
        cost.put(String.format("Lambda duration: %.3f GB-s per call (arm64, assumed ms, template memory)",
                invocations.gbSeconds() / calls), invocations.gbSeconds() * LAMBDA_GB_SECOND_ARM);
        cost.put(String.format("API Gateway HTTP API: %.2f requests per call", (double) scope.httpApiRequests() / calls),
                scope.httpApiRequests() * HTTP_API_REQUEST);
        out.printf("%nAWS cost per 1,000 dialed calls, %s, at list prices (us-east-1, on-demand, no free tier):%n", scope.name());
        double sum = 0;
        for (Map.Entry<String, Double> c : cost.entrySet()) {
            double per1000 = c.getValue() / calls * 1000;
            sum += per1000;
            out.printf("  %-72s $%.5f%n", c.getKey(), per1000);
        }
        out.printf("  %-72s $%.5f%n", "total", sum);
        return new Priced((double) sdkRequests / calls, (double) billedRequests / calls, sum);
    }

    /**
     * What AWS bills: everything the functions do, and of the runtime's own requests those that stand for Lambda's
     * pollers delivering a batch (a receive that returned messages, the delete after it) and Scheduler's target
     * deliveries. Empty long polls happen whether or not calls are made (idle cost, not per call); the runtime's
     * queue URL look-ups are the Scheduler stand-in's own (Scheduler uses the ARN).
     */
    static boolean billed(AwsRequestCounter.Key key) {
        if (!key.source().equals(AwsRequestCounter.RUNTIME)) {
            return true;
        }
        return switch (key.operation()) {
            case "ReceiveMessage", "DeleteMessageBatch", "SendMessage" -> true;
            default -> false;
        };
    }

    /** Requests billed: of the pollers' receives, those that returned messages (the empty ones are idle polling). */
    static long billedCount(AwsRequestCounter.Key key, AwsRequestCounter.Tally tally) {
        return key.source().equals(AwsRequestCounter.RUNTIME) && key.operation().equals("ReceiveMessage")
                ? tally.nonEmpty.sum() : tally.requests.sum();
    }

    private static String label(String source, AwsRequestCounter.Key key) {
        if (!source.equals(AwsRequestCounter.RUNTIME)) {
            return source;
        }
        return key.operation().equals("SendMessage") ? "Scheduler (target)" : "Lambda SQS poller";
    }

    private static String errors(AwsRequestCounter.Tally tally) {
        return tally.errors.isEmpty() ? "" : new TreeMap<>(tally.errors).toString();
    }
}
