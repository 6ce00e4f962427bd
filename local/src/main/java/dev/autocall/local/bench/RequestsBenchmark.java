package dev.autocall.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.http.HttpRequests;
import dev.autocall.local.LocalClient;
import dev.autocall.local.LocalRuntime;
import dev.autocall.local.TemplateModel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * AWS requests per dialed call: a reminder workflow (a voicemail drop, then a tag) triggered by an event per
 * contact through the management API; the first contacts' events arrive before the calling window and are
 * deferred to its opening through EventBridge Scheduler, the rest arrive once it is open. Every call is answered
 * (by a person, or by a voicemail box for one in five). Every SDK request of every function is counted from the
 * first event to the moment the system is quiet again, with the calls ended and the runs completed.
 */
public final class RequestsBenchmark {
    /**
     * Billed milliseconds assumed per warm invocation (SnapStart, arm64, at the template's memory): the dialer mostly waits
     * on Twilio's REST API (about 500 ms), and at 512 MB its own work of about 20 ms at 1 GB takes twice as long.
     */
    static final Map<String, Double> ASSUMED_MS = Map.of("WebhookFunction", 40.0, "ApiFunction", 40.0, "TriggerFunction", 120.0,
            "ComplianceFunction", 100.0, "DialerFunction", 520.0);
    /** The functions a call goes through once requested: judged, dialed, its outcome recorded and reported. */
    private static final Set<String> CALL_FUNCTIONS = Set.of("ComplianceFunction", "DialerFunction", "WebhookFunction");
    private static final Map<String, String> QUEUE_FUNCTIONS = Map.of("EventsQueue", "TriggerFunction",
            "ComplianceQueue", "ComplianceFunction", "DialQueue", "DialerFunction");
    /** 09:30 in Chicago: before the strict window, which opens at 10:00. */
    private static final Instant BEFORE_WINDOW = OutboundSetup.inChicago(java.time.LocalTime.of(9, 30));
    private static final Instant WINDOW_OPEN = OutboundSetup.inChicago(java.time.LocalTime.of(10, 0, 5));
    private static final Set<String> FINAL = Set.of("completed", "busy", "no-answer", "failed", "canceled");

    private RequestsBenchmark() {
    }

    public static int run(int calls, int deferred, int rate) throws Exception {
        AwsRequestCounter counter = new AwsRequestCounter(true).install();
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(0))) {
            LocalClient client = new LocalClient(runtime.url(), runtime.apiKey());
            Map<String, LongAdder> gateway = new ConcurrentHashMap<>();
            Set<String> ended = ConcurrentHashMap.newKeySet();
            Map<String, LongAdder> dialsTo = new ConcurrentHashMap<>();
            AtomicLong lastProductRequest = new AtomicLong(System.nanoTime());
            runtime.observeGateway((path, body) -> {
                String kind = path.startsWith("/twilio/") ? "WebhookFunction" : path.startsWith("/v1/") ? "ApiFunction"
                        : path.startsWith("/_aws/scheduler") ? "scheduler API" : path.startsWith("/_sim/") ? "sim" : "other";
                gateway.computeIfAbsent(kind, k -> new LongAdder()).increment();
                if (!kind.equals("sim")) {
                    lastProductRequest.set(System.nanoTime());
                }
                if (path.startsWith("/twilio/voice/status")) {
                    Map<String, String> form = HttpRequests.formParams(new String(body, StandardCharsets.UTF_8));
                    if (FINAL.contains(form.get("CallStatus"))) {
                        ended.add(form.get("To"));
                    }
                } else if (path.endsWith("/Calls.json")) {
                    String to = HttpRequests.formParams(new String(body, StandardCharsets.UTF_8)).get("To");
                    if (to != null) {
                        dialsTo.computeIfAbsent(to, k -> new LongAdder()).increment();
                    }
                }
            });

            // ---- set-up, not counted: limits, the workflow, consented contacts, the callees
            client.sim("POST", "/_sim/clock", Map.of("set", BEFORE_WINDOW.toString()));
            OutboundSetup.limits(client, 5, 60, 1000);
            LocalClient.Reply workflow = client.api("PUT", "/v1/workflows/reminder", """
                    name: Appointment reminder
                    trigger: appointment.scheduled
                    steps:
                      - type: leaveVoicemail
                        message: 'Hi {{contact.firstName | "there"}}, this is {{workspace.name}}: your appointment is tomorrow.'
                      - type: addTag
                        tag: reminded
                    """);
            OutboundSetup.require(workflow.status() == 200, "workflow: " + workflow.body());
            OutboundSetup.require(client.api("POST", "/v1/workflows/reminder/publish", "").status() == 200, "publish");
            List<String> phones = OutboundSetup.numbers(calls, 50_000);
            for (int i = 0; i < phones.size(); i++) {
                String phone = phones.get(i);
                LocalClient.Reply contact = client.api("PUT", "/v1/contacts/" + LocalClient.encode(phone), "{\"firstName\": \"Pat\", "
                        + "\"consent\": {\"voice\": {\"source\": \"form\", \"confirmed\": true, \"at\": \"2026-11-02T15:04:05Z\"}}}");
                OutboundSetup.require(contact.status() == 200, "contact: " + contact.body());
                client.sim("PUT", "/_sim/callees/" + LocalClient.encode(phone), Map.of("behavior", i % 5 == 4 ? "voicemail" : "answer"));
            }
            OutboundSetup.sleep(1500);

            // ---- measured: from the first event to quiet
            counter.restart();
            gateway.clear();
            long started = System.nanoTime();
            List<String> early = phones.subList(0, deferred);
            List<String> later = phones.subList(deferred, phones.size());
            events(client, early, rate);
            boolean deferrals = LocalClient.waitFor(() -> counter.requests("ComplianceFunction", "CreateSchedule") >= deferred,
                    Duration.ofSeconds(60));
            quiet(counter, lastProductRequest, Duration.ofSeconds(3));
            client.sim("POST", "/_sim/clock", Map.of("set", WINDOW_OPEN.toString()));
            events(client, later, rate);
            boolean allEnded = LocalClient.waitFor(() -> ended.containsAll(phones), Duration.ofSeconds(180));
            quiet(counter, lastProductRequest, Duration.ofSeconds(4));
            counter.pause();
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<AwsRequestCounter.Key, AwsRequestCounter.Tally> tallies = counter.snapshot();
            Map<String, Long> gatewayCounts = new TreeMap<>();
            gateway.forEach((k, v) -> gatewayCounts.put(k, v.sum()));

            // ---- checks, after counting (they go through the API)
            long completedRuns = phones.stream().filter(p -> runStatus(client, p).equals("completed")).count();
            long dialed = dialsTo.values().stream().filter(n -> n.sum() >= 1).count();
            long duplicates = dialsTo.values().stream().filter(n -> n.sum() > 1).count();
            int violations = client.sim("GET", "/_sim/violations", null).body().size();

            Map<String, Long> invocations = new LinkedHashMap<>();
            invocations.put("WebhookFunction", gatewayCounts.getOrDefault("WebhookFunction", 0L));
            invocations.put("ApiFunction", gatewayCounts.getOrDefault("ApiFunction", 0L));
            tallies.forEach((key, tally) -> {
                if (key.source().equals(AwsRequestCounter.RUNTIME) && key.operation().equals("ReceiveMessage")
                        && QUEUE_FUNCTIONS.containsKey(key.resource())) {
                    invocations.merge(QUEUE_FUNCTIONS.get(key.resource()), tally.nonEmpty.sum(), Long::sum);
                }
            });
            long schedulerInvocations = tallies.entrySet().stream().filter(e -> e.getKey().source().equals(AwsRequestCounter.RUNTIME)
                    && e.getKey().operation().equals("SendMessage")).mapToLong(e -> e.getValue().requests.sum()).sum();

            System.out.printf("requests: %d reminder events (%d before the window, deferred to its opening through Scheduler; %d once open) "
                            + "-> %d calls dialed (%d answered by a person, %d by voicemail), %d runs completed, %d duplicate dials, "
                            + "%d contract violations; %.1f s, java %s%n", calls, deferred, later.size(), dialed,
                    phones.size() - phones.size() / 5, phones.size() / 5, completedRuns, duplicates, violations, seconds, Runtime.version());
            System.out.printf("workspace: callsPerSecond 5, caps perMinute 60, perDay 1000; deferrals scheduled: %s%n%n", deferrals ? "all" : "SOME MISSING");
            Map<String, Integer> memory = memoryMb();
            AwsCostReport.Invocations billedInvocations = new AwsCostReport.Invocations(invocations, ASSUMED_MS, memory);
            AwsCostReport.printRequests(System.out, tallies, (int) dialed, billedInvocations,
                    gatewayCounts.getOrDefault("WebhookFunction", 0L) + gatewayCounts.getOrDefault("ApiFunction", 0L), schedulerInvocations);
            AwsCostReport.Priced whole = AwsCostReport.price(System.out, new AwsCostReport.Scope("the whole scenario",
                    key -> true, invocations.keySet(), gatewayCounts.getOrDefault("WebhookFunction", 0L)
                    + gatewayCounts.getOrDefault("ApiFunction", 0L), schedulerInvocations), tallies, (int) dialed, billedInvocations);
            AwsCostReport.Priced call = AwsCostReport.price(System.out, new AwsCostReport.Scope(
                    "the call itself (compliance, dialer, webhook, their queues)", RequestsBenchmark::callPath, CALL_FUNCTIONS,
                    gatewayCounts.getOrDefault("WebhookFunction", 0L), schedulerInvocations), tallies, (int) dialed, billedInvocations);
            System.out.printf("%nLambda ms assumed per invocation: %s at %s MB; time inside SDK calls per invocation here (2 vCPUs "
                            + "shared with DynamoDB Local and everything else, not AWS latency): %s%n",
                    new TreeMap<>(ASSUMED_MS), memory, sdkMillisPerInvocation(tallies, invocations));
            System.out.println("Not counted: the Lambda pollers' empty long polls (idle cost, independent of calls), the local Scheduler "
                    + "stand-in's GetQueueUrl, Secrets Manager (read once per container), Twilio's charges, CloudWatch Logs.");
            System.out.printf("%ntargets (<= 12 of the product's AWS SDK requests per dialed call, <= $0.02 per 1,000 calls):%n");
            for (Map.Entry<String, AwsCostReport.Priced> scope : Map.of("the call itself", call, "the whole scenario", whole)
                    .entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
                AwsCostReport.Priced priced = scope.getValue();
                System.out.printf("  %-20s %.2f SDK requests (%.2f with Lambda's pollers) %s; $%.4f %s%n", scope.getKey(),
                        priced.sdkRequestsPerCall(), priced.billedRequestsPerCall(), priced.sdkRequestsPerCall() <= 12 ? "MET" : "NOT MET",
                        priced.dollarsPer1000(), priced.dollarsPer1000() <= 0.02 ? "MET" : "NOT MET");
            }
            boolean ok = allEnded && deferrals && dialed == calls && duplicates == 0 && completedRuns == calls && violations == 0;
            return ok ? 0 : 1;
        } finally {
            counter.uninstall();
        }
    }

    /** The call's own requests: its functions', and Lambda's and Scheduler's on the compliance and dial queues. */
    private static boolean callPath(AwsRequestCounter.Key key) {
        return CALL_FUNCTIONS.contains(key.source()) || key.source().equals(AwsRequestCounter.RUNTIME)
                && (key.resource().equals("ComplianceQueue") || key.resource().equals("DialQueue"));
    }

    /** Each function's MemorySize in template.yaml, which Lambda bills duration by. */
    static Map<String, Integer> memoryMb() {
        try {
            Map<String, Integer> memory = new TreeMap<>();
            TemplateModel.read(LocalRuntime.projectRoot().resolve("template.yaml")).functions()
                    .forEach(f -> memory.put(f.logicalId(), f.memoryMb()));
            return memory;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Posts one appointment event per phone at a steady rate, as the business's system would. */
    private static void events(LocalClient client, List<String> phones, int rate) {
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        for (String phone : phones) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                OutboundSetup.sleep(wait / 1_000_000);
            }
            LocalClient.Reply reply = client.api("POST", "/v1/events", "{\"id\": \"appt-" + phone.substring(1) + "\", "
                    + "\"type\": \"appointment.scheduled\", \"contact\": {\"phone\": \"" + phone + "\"}, "
                    + "\"data\": {\"appointmentAt\": \"" + WINDOW_OPEN.plus(Duration.ofDays(1)) + "\"}}");
            OutboundSetup.require(reply.status() == 202, "event: " + reply.status() + " " + reply.body());
            next += interval;
        }
    }

    /** Waits until no function has made an SDK request, and nothing reached the gateway, for {@code quiet}. */
    static void quiet(AwsRequestCounter counter, AtomicLong lastGateway, Duration quiet) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            long last = Math.max(lastGateway.get(), lastFunctionRequest(counter));
            if (System.nanoTime() - last >= quiet.toNanos()) {
                return;
            }
            OutboundSetup.sleep(100);
        }
    }

    private static long lastFunctionRequest(AwsRequestCounter counter) {
        return counter.snapshot().entrySet().stream()
                .filter(e -> !e.getKey().source().equals(AwsRequestCounter.RUNTIME) && !e.getKey().source().equals(OutboundSetup.HARNESS)
                        || e.getKey().source().equals(AwsRequestCounter.RUNTIME) && !e.getKey().operation().equals("ReceiveMessage"))
                .mapToLong(e -> e.getValue().lastAtNanos.get()).max().orElse(0);
    }

    private static String sdkMillisPerInvocation(Map<AwsRequestCounter.Key, AwsRequestCounter.Tally> tallies, Map<String, Long> invocations) {
        Map<String, String> out = new TreeMap<>();
        invocations.forEach((function, count) -> {
            long nanos = tallies.entrySet().stream().filter(e -> e.getKey().source().equals(function))
                    .mapToLong(e -> e.getValue().nanos.sum()).sum();
            out.put(function, count == 0 ? "-" : String.format("%.1f ms", nanos / 1e6 / count));
        });
        return out.toString();
    }

    private static String runStatus(LocalClient client, String phone) {
        JsonNode runs = client.api("GET", "/v1/contacts/" + LocalClient.encode(phone) + "/runs", null).body().path("runs");
        for (JsonNode run : runs) {
            if (run.path("workflowId").asText().equals("reminder")) {
                return run.path("status").asText();
            }
        }
        return "";
    }
}
