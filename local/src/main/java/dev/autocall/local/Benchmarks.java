package dev.autocall.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.http.HttpRequests;
import dev.autocall.json.Json;
import dev.autocall.local.bench.ColdStartProbe;
import dev.autocall.local.bench.BurstBenchmark;
import dev.autocall.local.bench.DecisionsBenchmark;
import dev.autocall.local.bench.HelloHandler;
import dev.autocall.local.bench.RequestsBenchmark;
import dev.autocall.local.sim.TwilioSigner;
import dev.autocall.phone.PhoneNumbers;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * ./autocall bench textback [--calls N] [--rate R] | coldstart [--runs N] | requests | decisions | burst | ivr | campaign | analytics (options in
 * {@link #run}). Prints numbers; asserts nothing.
 * Results and how to read them: docs/benchmarks.md.
 */
final class Benchmarks {
    private Benchmarks() {
    }

    static int run(List<String> args) throws Exception {
        String which = args.isEmpty() ? "" : args.get(0);
        return switch (which) {
            case "textback" -> textBack(AutocallMain.intOption(args, "--calls").orElse(500), AutocallMain.intOption(args, "--rate").orElse(10));
            case "coldstart" -> coldStart(AutocallMain.intOption(args, "--runs").orElse(5));
            case "requests" -> RequestsBenchmark.run(AutocallMain.intOption(args, "--calls").orElse(50),
                    AutocallMain.intOption(args, "--deferred").orElse(10), AutocallMain.intOption(args, "--rate").orElse(5));
            case "decisions" -> DecisionsBenchmark.run(AutocallMain.intOption(args, "--decisions").orElse(1000),
                    intList(args, "--threads", List.of(1, 4, 16)));
            case "ivr" -> dev.autocall.local.bench.IvrBenchmark.run(AutocallMain.intOption(args, "--calls").orElse(500),
                    AutocallMain.intOption(args, "--rate").orElse(20));
            case "burst" -> BurstBenchmark.run(AutocallMain.intOption(args, "--requests").orElse(10_000),
                    AutocallMain.intOption(args, "--per-day").orElse(5_000), AutocallMain.intOption(args, "--pollers").orElse(8),
                    args.contains("--answer") ? "answer" : "busy", AutocallMain.intOption(args, "--warmup").orElse(1000));
            case "campaign" -> dev.autocall.local.bench.CampaignBenchmark.run(new dev.autocall.local.bench.CampaignBenchmark.Options(
                    AutocallMain.intOption(args, "--targets").orElse(100_000), AutocallMain.intOption(args, "--import-requests").orElse(1),
                    AutocallMain.intOption(args, "--pace").orElse(600), AutocallMain.intOption(args, "--max-concurrent").orElse(100),
                    AutocallMain.intOption(args, "--warmup").orElse(30), AutocallMain.intOption(args, "--measure").orElse(180),
                    AutocallMain.intOption(args, "--cost-targets").orElse(500)));
            case "analytics" -> dev.autocall.local.bench.AnalyticsBenchmark.run(AutocallMain.intOption(args, "--calls").orElse(1_000_000),
                    AutocallMain.intOption(args, "--sample").orElse(1000), AutocallMain.intOption(args, "--requests").orElse(300));
            case "calllog" -> dev.autocall.local.bench.CallLogBenchmark.run(AutocallMain.intOption(args, "--rows").orElse(100_000),
                    AutocallMain.intOption(args, "--limit").orElse(5_000), AutocallMain.intOption(args, "--writers").orElse(8));
            case "webhooks" -> dev.autocall.local.bench.WebhooksBenchmark.run(AutocallMain.intOption(args, "--events").orElse(300),
                    AutocallMain.intOption(args, "--rate").orElse(5));
            default -> {
                System.err.println("usage: ./autocall bench textback [--calls 500] [--rate 10] | coldstart [--runs 5]\n"
                        + "                         | requests [--calls 50] [--deferred 10] [--rate 5]\n"
                        + "                         | decisions [--decisions 1000] [--threads 1,4,16]\n"
                        + "                         | burst [--requests 10000] [--per-day 5000] [--pollers 8] [--warmup 1000] [--answer]\n"
                        + "                         | ivr [--calls 500] [--rate 20]\n"
                        + "                         | campaign [--targets 100000] [--import-requests 1] [--pace 600] [--max-concurrent 100]\n"
                        + "                                    [--warmup 30] [--measure 180] [--cost-targets 500]\n"
                        + "                         | analytics [--calls 1000000] [--sample 1000] [--requests 300]\n"
                        + "                         | calllog [--rows 100000] [--limit 5000] [--writers 8]\n"
                        + "                         | webhooks [--events 300] [--rate 5]");
                yield 2;
            }
        };
    }

    private static List<Integer> intList(List<String> args, String name, List<Integer> otherwise) {
        int i = args.indexOf(name);
        if (i < 0) {
            return otherwise;
        }
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return java.util.Arrays.stream(args.get(i + 1).split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    /**
     * Missed-call text-back latency inside the system: from the missed-call webhook (the Dial action that
     * reports no answer) reaching the gateway to the SMS create request reaching the Twilio simulator.
     */
    private static int textBack(int calls, int rate) throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(0))) {
            Map<String, Long> missedAt = new ConcurrentHashMap<>();
            Map<String, Long> smsAt = new ConcurrentHashMap<>();
            runtime.observeGateway((path, body) -> {
                long now = System.nanoTime();
                if (path.equals("/twilio/voice/dial-status")) {
                    missedAt.putIfAbsent(HttpRequests.formParams(new String(body, StandardCharsets.UTF_8)).get("From"), now);
                } else if (path.endsWith("/Messages.json")) {
                    // Arrival at the simulator, before its contract check: the end of the product's part.
                    smsAt.putIfAbsent(HttpRequests.formParams(new String(body, StandardCharsets.UTF_8)).get("To"), now);
                }
            });
            LocalClient client = new LocalClient(runtime.url(), runtime.apiKey());
            List<String> warmup = callers(30, 0);
            drive(client, warmup, rate);
            LocalClient.waitFor(() -> warmup.stream().allMatch(smsAt::containsKey), Duration.ofSeconds(60));

            List<String> measured = callers(calls, 100_000);
            long started = System.nanoTime();
            drive(client, measured, rate);
            boolean all = LocalClient.waitFor(() -> measured.stream().allMatch(smsAt::containsKey), Duration.ofSeconds(120));
            double seconds = (System.nanoTime() - started) / 1e9;
            List<Double> latencies = new ArrayList<>();
            for (String caller : measured) {
                if (missedAt.containsKey(caller) && smsAt.containsKey(caller)) {
                    latencies.add((smsAt.get(caller) - missedAt.get(caller)) / 1e6);
                }
            }
            Collections.sort(latencies);
            System.out.printf("textback: %d missed calls at %d/s over %.1f s (after %d warm-up calls); %d texted back%s%n",
                    calls, rate, seconds, warmup.size(), latencies.size(), all ? "" : " (SOME MISSING)");
            System.out.printf("textback latency ms: p50=%.1f p95=%.1f p99=%.1f max=%.1f mean=%.1f%n",
                    pct(latencies, 50), pct(latencies, 95), pct(latencies, 99), latencies.get(latencies.size() - 1),
                    latencies.stream().mapToDouble(Double::doubleValue).average().orElse(0));
            return all ? 0 : 1;
        }
    }

    /** Distinct valid caller numbers, so each call is its own contact and its own text-back. */
    private static List<String> callers(int count, int offset) {
        List<String> numbers = new ArrayList<>();
        for (int i = offset; numbers.size() < count; i++) {
            String number = "+1312" + (2_000_000 + i);
            if (PhoneNumbers.isE164(number)) {
                numbers.add(number);
            }
        }
        return numbers;
    }

    /** Places the calls at a steady rate, each on its own thread as independent callers would. */
    private static void drive(LocalClient client, List<String> callers, int rate) throws InterruptedException {
        long intervalNanos = 1_000_000_000L / rate;
        long next = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String caller : callers) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
                pool.submit(() -> client.inboundCall(caller, LocalRuntime.DEMO_NUMBER, "no-answer", null));
                next += intervalNanos;
            }
        }
    }

    private static double pct(List<Double> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /**
     * Each function's cold start: a fresh JVM on the function's deployment jar, from JVM start to its first
     * event handled against the local runtime, next to a hello-world handler started the same way.
     */
    private static int coldStart(int runs) throws Exception {
        Path root = LocalRuntime.projectRoot();
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(0))) {
            Path dir = Files.createTempDirectory("autocall-coldstart");
            record Target(String function, String module, String handler, String kind, Path event) {
            }
            List<Target> targets = List.of(
                    new Target("WebhookFunction", "webhook", "dev.autocall.webhook.WebhookHandler", "http", webhookEvent(runtime, dir)),
                    new Target("TriggerFunction", "trigger", "dev.autocall.trigger.TriggerHandler", "sqs", dir.resolve("trigger.json")),
                    new Target("ApiFunction", "api", "dev.autocall.api.ApiHandler", "http", apiEvent(runtime, dir)));
            Path probeClasses = root.resolve("local/target/classes");
            System.out.printf("coldstart: median of %d fresh JVMs each, java %s, flags as Lambda's (TieredStopAtLevel=1, SerialGC)%n",
                    runs, Runtime.version());
            System.out.printf("%-16s %9s %10s %12s %12s %8s%n", "function", "jar MB", "total ms", "init ms", "1st event ms", "x hello");
            for (Target target : targets) {
                Path jar = root.resolve("functions/" + target.module() + "/target/autocall-" + target.module() + "-lambda.jar");
                if (!Files.exists(jar)) {
                    System.err.println("missing " + jar + ": run ./mvnw -B package -DskipTests first");
                    return 1;
                }
                String cp = jar + java.io.File.pathSeparator + probeClasses;
                List<double[]> hello = new ArrayList<>();
                List<double[]> function = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    // Interleaved, so both see the same machine load.
                    hello.add(probe(cp, Map.of(), HelloHandler.class.getName(), "hello", dir.resolve("none")));
                    if (target.kind().equals("sqs")) {
                        triggerEvent(target.event(), i);
                    }
                    function.add(probe(cp, runtime.functionEnvironment(target.function()), target.handler(), target.kind(), target.event()));
                }
                double helloTotal = median(hello, 0);
                System.out.printf("%-16s %9.1f %10.0f %12.0f %12.0f %8.1f   (hello-world: %.0f ms)%n", target.function(),
                        Files.size(jar) / 1e6, median(function, 0), median(function, 1), median(function, 2),
                        median(function, 0) / helloTotal, helloTotal);
            }
            return 0;
        }
    }

    private static double[] probe(String classpath, Map<String, String> env, String handler, String kind, Path event)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", classpath, ColdStartProbe.class.getName(), handler, kind, event.toString());
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        String line = output.lines().filter(l -> l.startsWith("COLDSTART")).findFirst()
                .orElseThrow(() -> new IllegalStateException(handler + " did not start:\n" + output));
        if (!kind.equals("hello") && (line.contains("statusCode=4") || line.contains("statusCode=5") || line.contains("itemIdentifier"))) {
            throw new IllegalStateException(handler + " did not handle its event: " + line);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : line.split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                values.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return new double[]{Double.parseDouble(values.get("totalMs")), Double.parseDouble(values.get("initMs")),
                Double.parseDouble(values.get("firstInvokeMs"))};
    }

    private static double median(List<double[]> samples, int column) {
        List<Double> values = samples.stream().map(s -> s[column]).sorted().collect(Collectors.toList());
        return values.get(values.size() / 2);
    }

    /** A signed inbound-call webhook as API Gateway would deliver it to the webhook function. */
    private static Path webhookEvent(LocalRuntime runtime, Path dir) throws IOException {
        String host = runtime.url().substring("http://".length());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", runtime.simulator().accountSid());
        params.put("CallSid", "CA" + "c".repeat(32));
        params.put("CallStatus", "ringing");
        params.put("Direction", "inbound");
        params.put("From", "+13125550190");
        params.put("To", LocalRuntime.DEMO_NUMBER);
        String body = params.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String signature = new TwilioSigner(runtime.authToken()).sign(runtime.url() + "/twilio/voice/inbound", params);
        return http(dir, "webhook.json", "POST", "/twilio/voice/inbound", host,
                Map.of("content-type", "application/x-www-form-urlencoded", "x-twilio-signature", signature,
                        "x-forwarded-proto", "http", "host", host), body);
    }

    private static Path apiEvent(LocalRuntime runtime, Path dir) throws IOException {
        String host = runtime.url().substring("http://".length());
        return http(dir, "api.json", "GET", "/v1/workspace", host,
                Map.of("authorization", "Bearer " + runtime.apiKey(), "x-forwarded-proto", "http", "host", host), null);
    }

    private static Path http(Path dir, String name, String method, String path, String host, Map<String, String> headers, String body)
            throws IOException {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(method + " " + path)
                .withRawPath(path).withRawQueryString("").withHeaders(headers).withBody(body).withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withDomainName(host).withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .build())
                .build();
        Path file = dir.resolve(name);
        Files.writeString(file, Json.write(event));
        return file;
    }

    /**
     * A missed call from a new number, as the events queue would deliver it to the trigger function; a new
     * event and caller each run, so every run does the whole work (contact, run, text-back, task).
     */
    private static void triggerEvent(Path file, int run) throws IOException {
        DomainEvent missed = new DomainEvent("bench:" + Instant.now().toEpochMilli() + ":" + run, "call.missed",
                LocalRuntime.DEMO_WORKSPACE, Instant.now(), "+1312555" + (1000 + run), LocalRuntime.DEMO_NUMBER,
                Map.of("callSid", "CA" + "d".repeat(32), "startedAt", Instant.now().toString(), "reason", "no-answer"), Map.of());
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("bench-1");
        message.setBody(Json.write(missed));
        message.setEventSource("aws:sqs");
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        Files.writeString(file, Json.write(event));
    }
}
