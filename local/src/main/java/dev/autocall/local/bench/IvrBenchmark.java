package dev.autocall.local.bench;

import dev.autocall.http.HttpRequests;
import dev.autocall.local.LocalClient;
import dev.autocall.local.LocalRuntime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * IVR calls: the appointment-confirmation flow (a greeting and a menu; the callee says nothing at the first menu and
 * presses 1 at the replay) called by a runIvr step for each of {@code calls} consented contacts. Measures the answer
 * time of every IVR webhook inside the system (from the request reaching the gateway to the TwiML sent back), the
 * webhook round trips per call, and the AWS requests per call of every function, from the first event to quiet.
 */
public final class IvrBenchmark {
    private static final Set<String> FINAL = Set.of("completed", "busy", "no-answer", "failed", "canceled");
    /** The demo's appointment-confirmation flow: a greeting, then a menu. */
    private static final String FLOW = dev.autocall.local.Demo.CONFIRM_FLOW;

    private IvrBenchmark() {
    }

    public static int run(int calls, int rate) throws Exception {
        AwsRequestCounter counter = new AwsRequestCounter(false).install();
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(0))) {
            LocalClient client = new LocalClient(runtime.url(), runtime.apiKey());
            List<Double> gatherMillis = Collections.synchronizedList(new ArrayList<>());
            List<Double> answerMillis = Collections.synchronizedList(new ArrayList<>());
            Map<String, LongAdder> webhooksPerCall = new ConcurrentHashMap<>();
            Set<String> ended = ConcurrentHashMap.newKeySet();
            runtime.timeGateway((path, nanos) -> {
                if (path.equals("/twilio/voice/ivr")) {
                    gatherMillis.add(nanos / 1e6);
                } else if (path.equals("/twilio/voice/outbound")) {
                    answerMillis.add(nanos / 1e6);
                }
            });
            runtime.observeGateway((path, body) -> {
                if (path.startsWith("/twilio/voice/")) {
                    Map<String, String> form = HttpRequests.formParams(new String(body, StandardCharsets.UTF_8));
                    String sid = form.get("CallSid");
                    if (sid != null) {
                        webhooksPerCall.computeIfAbsent(sid, k -> new LongAdder()).increment();
                    }
                    if (path.equals("/twilio/voice/status") && FINAL.contains(form.get("CallStatus"))) {
                        ended.add(form.get("To"));
                    }
                }
            });

            // ---- set-up, not measured
            client.sim("POST", "/_sim/clock", Map.of("set", OutboundSetup.CHICAGO_11AM.toString()));
            OutboundSetup.limits(client, 50, 10_000, 100_000);
            OutboundSetup.require(client.api("PUT", "/v1/flows/confirm", FLOW).status() == 200, "flow");
            OutboundSetup.require(client.api("POST", "/v1/flows/confirm/publish", "").status() == 200, "publish flow");
            OutboundSetup.require(client.api("PUT", "/v1/workflows/confirm-calls", """
                    name: Confirm visits
                    trigger: visit.booked
                    steps:
                      - type: runIvr
                        flow: confirm
                    """).status() == 200, "workflow");
            OutboundSetup.require(client.api("POST", "/v1/workflows/confirm-calls/publish", "").status() == 200, "publish workflow");
            List<String> phones = OutboundSetup.numbers(calls, 70_000);
            OutboundSetup.consentedContacts(runtime, OutboundSetup.harnessClients(runtime), phones);
            for (String phone : phones) {
                client.sim("PUT", "/_sim/callees/" + LocalClient.encode(phone), Map.of("behavior", "answer", "gathers", List.of("", "1")));
            }
            OutboundSetup.sleep(1500);

            // ---- measured: from the first event to quiet
            counter.restart();
            long started = System.nanoTime();
            long interval = 1_000_000_000L / rate;
            long next = System.nanoTime();
            for (String phone : phones) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
                LocalClient.Reply reply = client.api("POST", "/v1/events", "{\"id\": \"visit-" + phone + "\", \"type\": \"visit.booked\", "
                        + "\"contact\": {\"phone\": \"" + phone + "\"}, \"data\": {\"when\": \"Friday at 3 pm\"}}");
                OutboundSetup.require(reply.status() == 202, "event: " + reply.body());
                next += interval;
            }
            boolean allEnded = LocalClient.waitFor(() -> ended.containsAll(phones), Duration.ofSeconds(300));
            runtime.awaitQuiet(Duration.ofSeconds(60));
            counter.pause();
            double seconds = (System.nanoTime() - started) / 1e9;

            Map<String, Long> perFunction = new TreeMap<>();
            counter.snapshot().forEach((key, tally) -> {
                if (key.source().endsWith("Function")) {
                    perFunction.merge(key.source(), tally.requests.sum(), Long::sum);
                }
            });
            long total = perFunction.values().stream().mapToLong(Long::longValue).sum();
            List<Double> gathers = new ArrayList<>(gatherMillis);
            List<Double> answers = new ArrayList<>(answerMillis);
            Collections.sort(gathers);
            Collections.sort(answers);
            List<Long> trips = webhooksPerCall.values().stream().map(LongAdder::sum).sorted().toList();

            System.out.printf("ivr: %d confirmation calls (no input, then 1) at %d events/s, %.1f s, %s ended, java %s%n", calls, rate,
                    seconds, allEnded ? "all" : "NOT ALL", Runtime.version());
            System.out.printf("ivr gather webhook answer ms (%d gathers): p50=%.1f p95=%.1f p99=%.1f max=%.1f%n", gathers.size(),
                    OutboundSetup.percentile(gathers, 50), OutboundSetup.percentile(gathers, 95), OutboundSetup.percentile(gathers, 99),
                    gathers.isEmpty() ? Double.NaN : gathers.get(gathers.size() - 1));
            System.out.printf("ivr answer (first turn) webhook ms (%d calls): p50=%.1f p95=%.1f p99=%.1f%n", answers.size(),
                    OutboundSetup.percentile(answers, 50), OutboundSetup.percentile(answers, 95), OutboundSetup.percentile(answers, 99));
            System.out.printf("ivr webhook round trips per call: median %d, max %d (answer, one per gather, the final status)%n",
                    trips.isEmpty() ? 0 : trips.get(trips.size() / 2), trips.isEmpty() ? 0 : trips.get(trips.size() - 1));
            System.out.printf("ivr AWS requests per call: %.2f%n", total / (double) calls);
            perFunction.forEach((function, n) -> System.out.printf("  %-20s %8d  %6.2f per call%n", function, n, n / (double) calls));
            return allEnded ? 0 : 1;
        } finally {
            counter.uninstall();
        }
    }
}
