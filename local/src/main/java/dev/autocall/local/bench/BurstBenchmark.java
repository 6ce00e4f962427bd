package dev.autocall.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.adapters.dynamodb.DynamoCallRequestStore;
import dev.autocall.aws.AwsClients;
import dev.autocall.config.Names;
import dev.autocall.domain.outbound.CallPlan;
import dev.autocall.domain.outbound.CallRequest;
import dev.autocall.domain.outbound.CallRequestMessage;
import dev.autocall.domain.outbound.CallRequestStore;
import dev.autocall.http.HttpRequests;
import dev.autocall.json.Json;
import dev.autocall.local.LocalClient;
import dev.autocall.local.LocalRuntime;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A burst of call requests through compliance and dialing: N call requests, each to its own consented contact,
 * stored as a workflow step stores them (set-up), then all their messages put on the compliance queue at once.
 * The workspace's callsPerSecond and perMinute are at their maximum (100 and 10,000) and its daily cap is
 * {@code perDay}, so exactly that many calls may be placed today and the rest must be deferred
 * WORKSPACE_DAILY_CAP to tomorrow's window. Callees answer "busy" (one status callback per call, the lightest
 * load on the simulator). Measured: from the first message sent to the last decision recorded and the last
 * call created at the simulator.
 */
public final class BurstBenchmark {
    private BurstBenchmark() {
    }

    /** The day before the measured one, 11:00 in Chicago: the warm-up's. */
    private static final Instant WARMUP_DAY = OutboundSetup.CHICAGO_11AM.minus(Duration.ofDays(1));

    public static int run(int requests, int perDay, int pollers, String behavior, int warmup) throws Exception {
        AwsRequestCounter counter = new AwsRequestCounter(false).install();
        try (LocalRuntime runtime = LocalRuntime.start(new LocalRuntime.Options(0, Optional.empty(), pollers))) {
            LocalClient client = new LocalClient(runtime.url(), runtime.apiKey());
            Map<String, LongAdder> dialsTo = new ConcurrentHashMap<>();
            AtomicLong dials = new AtomicLong();
            AtomicLong lastDialAt = new AtomicLong();
            runtime.observeGateway((path, body) -> {
                if (path.endsWith("/Calls.json")) {
                    String to = HttpRequests.formParams(new String(body, StandardCharsets.UTF_8)).get("To");
                    if (to != null) {
                        dialsTo.computeIfAbsent(to, k -> new LongAdder()).increment();
                        dials.incrementAndGet();
                        lastDialAt.accumulateAndGet(System.nanoTime(), Math::max);
                    }
                }
            });

            // ---- set-up, not measured: contacts, callees and stored requests for the warm-up and the burst
            long setupStarted = System.nanoTime();
            client.sim("POST", "/_sim/clock", Map.of("set", WARMUP_DAY.toString()));
            AwsClients harness = OutboundSetup.harnessClients(runtime);
            DynamoDbClient dynamo = harness.dynamoDb();
            SqsClient sqs = harness.sqs();
            List<String> warmPhones = OutboundSetup.numbers(warmup, 400_000);
            List<String> phones = OutboundSetup.numbers(requests, 100_000);
            List<String> everyone = new ArrayList<>(warmPhones);
            everyone.addAll(phones);
            OutboundSetup.consentedContacts(runtime, harness, everyone);
            OutboundSetup.parallel(everyone, 8, phone -> {
                LocalClient.Reply r = client.sim("PUT", "/_sim/callees/" + LocalClient.encode(phone), Map.of("behavior", behavior));
                OutboundSetup.require(r.status() == 200, "callee: " + r.body());
            });
            CallRequestStore store = new DynamoCallRequestStore(dynamo, OutboundSetup.table(runtime, Names.ACTIVITY_TABLE));
            Instant created = runtime.clock().instant();
            System.out.printf("burst: %d consented contacts, callees scripted \"%s\", %d call requests made in %.1f s (set-up); "
                            + "%d pollers per queue; java %s, %d CPUs%n", everyone.size(), behavior, everyone.size(),
                    (System.nanoTime() - setupStarted) / 1e9, pollers, Runtime.version(), Runtime.getRuntime().availableProcessors());

            // ---- warm-up, not measured: the day before, a smaller burst that all passes (the JVM's JIT warms up)
            if (warmup > 0) {
                OutboundSetup.limits(client, 100, 10_000, 2 * warmup);
                counter.restart();
                long warmStarted = System.nanoTime();
                send(sqs, runtime.queueUrl("ComplianceQueue"), warmPhones, created);
                awaitDone(counter, sqs, runtime, dials, warmup, warmStarted, false);
                System.out.printf("burst: warm-up of %d requests (the day before, all passing) done in %.1f s%n", warmup,
                        (System.nanoTime() - warmStarted) / 1e9);
                OutboundSetup.sleep(3000);
            }

            // ---- measured: every message on the compliance queue at once, then until everything is decided and dialed
            client.sim("POST", "/_sim/clock", Map.of("set", OutboundSetup.CHICAGO_11AM.toString()));
            OutboundSetup.limits(client, 100, 10_000, perDay);
            System.out.printf("burst: workspace callsPerSecond 100, perMinute 10000, perDay %d; clock %s (11:00 in Chicago)%n",
                    perDay, OutboundSetup.CHICAGO_11AM);
            dialsTo.clear();
            dials.set(0);
            counter.restart();
            long started = System.nanoTime();
            send(sqs, runtime.queueUrl("ComplianceQueue"), phones, created);
            System.out.printf("burst: %d messages on the compliance queue in %.1f s%n", requests, (System.nanoTime() - started) / 1e9);
            awaitDone(counter, sqs, runtime, dials, requests, started, true);
            long lastDecisionAt = counter.lastAt("ComplianceFunction", "UpdateItem", OutboundSetup.table(runtime, Names.ACTIVITY_TABLE));
            counter.pause();
            Map<AwsRequestCounter.Key, AwsRequestCounter.Tally> tallies = counter.snapshot();
            double decisionsDone = (lastDecisionAt - started) / 1e9;
            double dialsDone = (lastDialAt.get() - started) / 1e9;
            double total = Math.max(decisionsDone, dialsDone);

            // ---- checks, after the clock stopped: every request's state, the simulator's calls, the day counter
            Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
            OutboundSetup.parallel(phones, 8, phone -> {
                String key = store.find(LocalRuntime.DEMO_WORKSPACE, id(phone)).map(s -> s.status() + (s.history().isEmpty() ? ""
                        : " " + Optional.ofNullable(s.history().get(s.history().size() - 1).reason()).orElse(""))).orElse("MISSING");
                statuses.computeIfAbsent(key.trim(), k -> new LongAdder()).increment();
            });
            Map<String, Long> byStatus = new TreeMap<>();
            statuses.forEach((k, v) -> byStatus.put(k, v.sum()));
            java.util.Set<String> measured = new java.util.HashSet<>(phones);
            Map<String, Integer> simCallsTo = new TreeMap<>();
            client.sim("GET", "/_sim/calls", null).body().forEach(c -> {
                if (c.path("direction").asText().startsWith("outbound") && measured.contains(c.path("to").asText())) {
                    simCallsTo.merge(c.path("to").asText(), 1, Integer::sum);
                }
            });
            long simCalls = simCallsTo.values().stream().mapToLong(Integer::longValue).sum();
            long duplicates = simCallsTo.values().stream().filter(n -> n > 1).count()
                    + dialsTo.values().stream().filter(n -> n.sum() > 1).count();
            String day = "DAY#" + LocalRuntime.DEMO_WORKSPACE + "#"
                    + DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.ofInstant(OutboundSetup.CHICAGO_11AM, ZoneOffset.UTC));
            Map<String, AttributeValue> counterItem = dynamo.getItem(g -> g.tableName(OutboundSetup.table(runtime, Names.CAPS_TABLE))
                    .key(Map.of("pk", AttributeValue.fromS(day))).consistentRead(true)).item();
            String dayCount = counterItem == null || !counterItem.containsKey("n") ? "none" : counterItem.get("n").n();
            long deferredDaily = byStatus.getOrDefault("DEFERRED WORKSPACE_DAILY_CAP", 0L);
            long decided = byStatus.entrySet().stream().filter(e -> !e.getKey().startsWith("PENDING") && !e.getKey().equals("MISSING"))
                    .mapToLong(Map.Entry::getValue).sum();
            long expectedDials = Math.min(perDay, requests);
            boolean capsExact = simCalls == expectedDials && dialsTo.size() == expectedDials
                    && deferredDaily == requests - expectedDials && dayCount.equals(Long.toString(expectedDials));
            int violations = client.sim("GET", "/_sim/violations", null).body().size();

            System.out.printf("%nburst: %d call requests -> %d decided, %d calls placed (simulator), %d deferred WORKSPACE_DAILY_CAP%n",
                    requests, decided, simCalls, deferredDaily);
            System.out.printf("  request states: %s%n", byStatus);
            System.out.printf("  time: last decision %.1f s, last call created %.1f s after the first message -> %.1f s %s%n",
                    decisionsDone, dialsDone, total, requests != 10_000 ? "(the target, <= 120 s, is for 10,000 requests)"
                            : total <= 120 ? "(target <= 120 s: MET)" : "(target <= 120 s: NOT MET)");
            System.out.printf("  throughput: %.0f decisions/s through the compliance queue; %.0f calls/s placed%n",
                    requests / decisionsDone, simCalls / dialsDone);
            System.out.printf("  caps: day counter %s, %d numbers called, %d calls at the simulator for a cap of %d -> %s%n",
                    dayCount, dialsTo.size(), simCalls, perDay, capsExact ? "exactly enforced" : "NOT EXACT");
            System.out.printf("  duplicates (numbers called more than once): %d; contract violations: %d%n", duplicates, violations);
            printRequests(tallies, requests);
            boolean ok = decided == requests && capsExact && duplicates == 0 && violations == 0;
            return ok ? 0 : 1;
        } finally {
            counter.uninstall();
        }
    }

    /**
     * Puts the requests' messages on the compliance queue, ten to a SendMessageBatch, from four threads; each
     * message carries its request, as the trigger function sends them.
     */
    private static void send(SqsClient sqs, String queue, List<String> phones, Instant created) throws Exception {
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < phones.size(); i += 10) {
            batches.add(phones.subList(i, Math.min(phones.size(), i + 10)));
        }
        OutboundSetup.parallel(batches, 4, batch -> {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(Json.write(CallRequestMessage.of(request(batch.get(i), created)))).build());
            }
            OutboundSetup.require(sqs.sendMessageBatch(b -> b.queueUrl(queue).entries(entries)).failed().isEmpty(), "send failed");
        });
    }

    /** Until every request is decided, the dial queue is empty and no call was created for 3 s (at most 280 s). */
    private static void awaitDone(AwsRequestCounter counter, SqsClient sqs, LocalRuntime runtime, AtomicLong dials, int requests,
                                  long started, boolean progress) {
        long deadline = started + Duration.ofSeconds(280).toNanos();
        long lastProgress = System.nanoTime();
        long stableSince = System.nanoTime();
        long lastDials = -1;
        long lastDecided = 0;
        while (System.nanoTime() < deadline) {
            long decided = counter.succeeded("ComplianceFunction", "UpdateItem");
            if (dials.get() != lastDials) {
                lastDials = dials.get();
                stableSince = System.nanoTime();
            }
            if (progress && System.nanoTime() - lastProgress >= 10_000_000_000L) {
                lastProgress = System.nanoTime();
                System.out.printf("  %5.0f s: %5d decided (%3.0f/s in the last 10 s), %5d calls placed%n", (lastProgress - started) / 1e9,
                        decided, (decided - lastDecided) / 10.0, dials.get());
                lastDecided = decided;
            }
            if (decided >= requests && System.nanoTime() - stableSince > 3_000_000_000L && queueEmpty(sqs, runtime.queueUrl("DialQueue"))) {
                return;
            }
            OutboundSetup.sleep(100);
        }
        System.out.println("  (gave up waiting after 280 s)");
    }

    private static String id(String phone) {
        return "req_burst_" + phone.substring(1);
    }

    private static CallRequest request(String phone, Instant now) {
        return new CallRequest(id(phone), LocalRuntime.DEMO_WORKSPACE, phone, "transactional",
                new CallPlan.Voicemail("Your appointment is tomorrow.", null, null), null, null, 0, 1, false, now,
                now.plus(Duration.ofDays(7)));
    }

    private static boolean queueEmpty(SqsClient sqs, String url) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(g -> g.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return "0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                && "0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** The compliance and dial functions' requests during the burst, per request, with their errors (retries, conflicts). */
    private static void printRequests(Map<AwsRequestCounter.Key, AwsRequestCounter.Tally> tallies, int requests) {
        System.out.printf("  SDK requests during the burst, per call request (compliance and dial functions):%n");
        tallies.forEach((key, tally) -> {
            if (key.source().equals("ComplianceFunction") || key.source().equals("DialerFunction")) {
                System.out.printf("    %-18s %-10s %-20s %-16s %8d %6.2f%s%n", key.source(), key.service(), key.operation(), key.resource(),
                        tally.requests.sum(), tally.requests.sum() / (double) requests,
                        tally.errors.isEmpty() ? "" : "  errors " + new TreeMap<>(tally.errors.entrySet().stream()
                                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum()))));
            }
        });
    }
}
