package dev.autocall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocall.json.Json;
import dev.autocall.local.faults.AwsFaults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.opentest4j.TestAbortedException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sweeps faults through the two scenarios a business cares most about, on one runtime with a 1-second visibility
 * timeout so that SQS redelivers within a second:
 * <ul>
 *   <li>missed call: an inbound call nobody answers → one text-back SMS and one callback task;</li>
 *   <li>reminder: {@code POST /v1/events} → a workflow whose {@code leaveVoicemail} step goes through compliance and
 *       the dialer → the callee answers → the outcome resumes the run → {@code addTag} → run {@code completed};</li>
 *   <li>confirmation: the same path with a {@code runIvr} step: the callee hears an IVR menu, says nothing, hears it
 *       again and presses 1 → outcome {@code confirmed} → the run branches on it → {@code addTag} → {@code completed}.
 *       Its k are sampled (at most {@link #IVR_CASES_PER_FUNCTION} per function and kind) to keep the class short.</li>
 * </ul>
 * A fault-free run of each scenario first counts the AWS requests each function makes; then, for every function
 * and every k up to its count, the scenario runs again (with new numbers) with the k-th request of that function
 * failed once, or made and followed by the function's crash, and, once the runtime is quiet, the invariants are
 * checked: the SMS sent exactly once and one task (missed call), the call placed exactly once and the run
 * {@code completed} (reminder), no message in a dead-letter queue, no request that broke Twilio's contract. Both
 * scenarios also run with Twilio failing 20 % of REST requests. Every case's violations are collected and reported
 * by scenario, function, k and kind; a case on {@link #KNOWN_BUGS} is still run and reported, but does not fail.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSweepTest {
    private static final String BUSINESS = LocalRuntime.DEMO_NUMBER;
    private static final Duration QUIET = Duration.ofSeconds(30);
    private static final List<String> FUNCTIONS = List.of("ApiFunction", "WebhookFunction", "TriggerFunction", "ComplianceFunction",
            "DialerFunction");
    /**
     * Every k of every function fails once ({@code FAIL}); the reminder's call path (compliance, dial, webhook), where
     * exactly-once dialing is at stake, also crashes after every k ({@code CRASH_AFTER}). That keeps the class near
     * three minutes on two cores; {@code -Dfaultsweep.full=true} crashes after every k of every function too (twice
     * the cases), which found nothing the default set does not (each crash case broke what a FAIL case broke).
     */
    private static final boolean FULL = Boolean.getBoolean("faultsweep.full");
    private static final List<String> CALL_PATH = List.of("ComplianceFunction", "DialerFunction", "WebhookFunction");
    private static final int TWILIO_RUNS_PER_SCENARIO = 10;
    /** The IVR confirmation's Twilio runs: fewer, its calls take several turns. */
    private static final int TWILIO_RUNS_IVR = 4;
    /**
     * The confirmation scenario makes more requests per function than the others (one webhook turn per menu); without
     * {@code faultsweep.full} its k are spread evenly, at most this many per function and kind, so the class grows by
     * well under a minute.
     */
    private static final int IVR_CASES_PER_FUNCTION = 3;

    /**
     * Cases that break an invariant because of a bug being fixed elsewhere: run and reported, not failed. Keyed by
     * {@link Case#id()} (k as counted today: a change in the functions' requests moves them); empty it as the bugs
     * are fixed.
     */
    static final Map<String, String> KNOWN_BUGS = Map.of();

    private static LocalRuntime runtime;
    private static LocalClient client;
    private static SqsClient sqs;
    private static final AtomicInteger numbers = new AtomicInteger();
    private static final List<Result> results = new CopyOnWriteArrayList<>();
    private static final AtomicInteger twilioFaults = new AtomicInteger();

    /** One run of a scenario with one fault armed (or, for the Twilio runs, the simulator's fault rate). */
    record Case(String scenario, String function, int k, String kind) {
        String id() {
            return scenario + "/" + function + "/k=" + k + "/" + kind;
        }
    }

    /** What came of a case: the faults that fired and the invariants it broke. */
    record Result(Case c, int injected, List<String> violations, List<String> fired) {
        Result(Case c, int injected, List<String> violations) {
            this(c, injected, violations, List.of());
        }

        /** Every broken invariant was one the fault made impossible to keep. */
        boolean impossible() {
            return !violations.isEmpty() && violations.stream().allMatch(v -> v.startsWith(IMPOSSIBLE));
        }
    }

    /** A scenario: set up its subject (a new number), run it, and say which invariants it broke. */
    private interface Scenario {
        String name();

        /** The k to sweep for a function that made {@code count} requests in the fault-free run: all by default. */
        default List<Integer> ks(int count) {
            List<Integer> ks = new ArrayList<>();
            for (int k = 1; k <= count; k++) {
                ks.add(k);
            }
            return ks;
        }

        String prepare();

        void run(String subject);

        List<String> violations(String subject);
    }

    @BeforeAll
    static void start() throws Exception {
        // Redeliveries after a second, each moving the local clock on by the rest of the template's 120 s, so that
        // a lease taken before a crash has expired when the message comes back, as it has in AWS.
        runtime = LocalRuntime.start(new LocalRuntime.Options(0, Optional.of(1), 2, true));
        client = new LocalClient(runtime.url(), runtime.apiKey());
        sqs = runtime.aws().sqs();
        // Tuesday 11:00 in Chicago, inside the calling window of the 312 numbers called here.
        client.sim("POST", "/_sim/clock", Map.of("set", "2026-12-01T17:00:00Z"));
        JsonNode workspace = client.api("GET", "/v1/workspace", null).body();
        ObjectNode edited = workspace.deepCopy();
        edited.put("callsPerSecond", 10);
        ObjectNode caps = ((ObjectNode) edited.path("compliance")).putObject("caps");
        caps.put("perMinute", 1000).put("perDay", 10000).put("perNumberPerDay", 1).put("perNumberPer14Days", 4);
        assertEquals(200, client.api("PUT", "/v1/workspace", edited.toString()).status());
        LocalClient.Reply reminder = client.api("PUT", "/v1/workflows/sweep-reminder", """
                name: Sweep reminder
                trigger: appointment.scheduled
                steps:
                  - type: leaveVoicemail
                    message: 'Hi {{contact.firstName | "there"}}, this is {{workspace.name}}: your appointment is tomorrow.'
                  - type: addTag
                    tag: reminded
                """);
        assertEquals(200, reminder.status(), reminder.body().toString());
        assertEquals(200, client.api("POST", "/v1/workflows/sweep-reminder/publish", "").status());
        assertEquals(200, client.api("PUT", "/v1/flows/sweep-confirm", Demo.CONFIRM_FLOW).status());
        assertEquals(200, client.api("POST", "/v1/flows/sweep-confirm/publish", "").status());
        LocalClient.Reply confirm = client.api("PUT", "/v1/workflows/sweep-confirm", """
                name: Sweep confirmation
                trigger: visit.booked
                steps:
                  - type: runIvr
                    flow: sweep-confirm
                  - type: branch
                    cases: {confirmed: tag}
                    otherwise: end
                  - id: tag
                    type: addTag
                    tag: confirmed
                """);
        assertEquals(200, confirm.status(), confirm.body().toString());
        assertEquals(200, client.api("POST", "/v1/workflows/sweep-confirm/publish", "").status());
        runtime.awaitQuiet(QUIET);
    }

    @AfterAll
    static void stop() {
        try {
            if (!results.isEmpty()) {
                System.out.println(summary());
            }
        } finally {
            if (runtime != null) {
                runtime.close();
            }
        }
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> missedCall_isTextedBackOnce_withOneTask_whicheverAwsRequestFails() {
        return sweep(new MissedCall());
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> reminder_placesOneCall_andCompletesItsRun_whicheverAwsRequestFails() {
        return sweep(new Reminder());
    }

    @TestFactory
    @Order(3)
    Stream<DynamicTest> ivrConfirmation_placesOneCall_confirms_andCompletesItsRun_whicheverAwsRequestFails() {
        return sweep(new Confirmation());
    }

    @Test
    @Order(4)
    void everyScenario_keepsItsInvariants_whenTwilioFails20PercentOfRequests() {
        List<String> broken = new ArrayList<>();
        // One seeded sequence for all runs; a timeout holds its request 1 s (the local client has no read timeout).
        assertEquals(200, client.sim("POST", "/_sim/faults", Map.of("rate", 0.2, "kinds", List.of("429", "500", "timeout"),
                "seed", 7, "hangSeconds", 1)).status());
        for (Scenario scenario : List.of(new MissedCall(), new Reminder(), new Confirmation())) {
            int runs = scenario instanceof Confirmation ? TWILIO_RUNS_IVR : TWILIO_RUNS_PER_SCENARIO;
            for (int run = 1; run <= runs; run++) {
                Case c = new Case(scenario.name(), "Twilio", run, "20%");
                String subject = scenario.prepare();
                runtime.awaitQuiet(QUIET);
                int before = client.sim("GET", "/_sim/faults", null).body().path("injected").size();
                List<String> violations = new ArrayList<>();
                scenario.run(subject);
                quiet(violations);
                int injected = client.sim("GET", "/_sim/faults", null).body().path("injected").size() - before;
                twilioFaults.addAndGet(injected);
                violations.addAll(scenario.violations(subject));
                violations.addAll(parkedMessages());
                Result result = new Result(c, injected, violations);
                if (!violations.isEmpty() && !result.impossible() && !KNOWN_BUGS.containsKey(c.id())) {
                    broken.add(c.id() + ": " + violations);
                }
                results.add(result);
            }
        }
        client.sim("POST", "/_sim/faults", Map.of("rate", 0));
        assertTrue(broken.isEmpty(), String.join("\n", broken));
    }

    // ------------------------------------------------------------------ the sweep

    /** Counts the scenario's requests per function in a fault-free run, then one case per function, k and kind. */
    private static Stream<DynamicTest> sweep(Scenario scenario) {
        runCase(scenario, new Case(scenario.name(), "none", 0, "warm-up"), c -> { });
        Map<String, Long> before = requestsByFunction();
        Result baseline = runCase(scenario, new Case(scenario.name(), "none", 0, "baseline"), c -> { });
        Map<String, Long> counts = new LinkedHashMap<>();
        requestsByFunction().forEach((function, after) -> counts.put(function, after - before.get(function)));
        System.out.println("FaultSweep " + scenario.name() + ": AWS requests per function in a fault-free run " + counts);
        assertTrue(baseline.violations().isEmpty(), "the fault-free run breaks the invariants: " + baseline.violations());

        List<DynamicTest> tests = new ArrayList<>();
        counts.forEach((function, count) -> {
            List<AwsFaults.Kind> kinds = FULL || !scenario.name().equals("missedCall") && CALL_PATH.contains(function)
                    ? List.of(AwsFaults.Kind.FAIL, AwsFaults.Kind.CRASH_AFTER) : List.of(AwsFaults.Kind.FAIL);
            for (int k : scenario.ks(count.intValue())) {
                for (AwsFaults.Kind kind : kinds) {
                    Case c = new Case(scenario.name(), function, k, kind.name());
                    int n = k;
                    tests.add(DynamicTest.dynamicTest(c.id(), () -> check(runCase(scenario, c,
                            faults -> faults.arm(function, n, kind, Duration.ZERO)))));
                }
            }
        });
        return tests.stream();
    }

    private static Result runCase(Scenario scenario, Case c, java.util.function.Consumer<AwsFaults> arm) {
        String subject = scenario.prepare();
        runtime.awaitQuiet(QUIET);
        AwsFaults faults = runtime.faults();
        faults.clear();
        arm.accept(faults);
        List<String> violations = new ArrayList<>();
        scenario.run(subject);
        quiet(violations);
        List<String> fired = faults.injected().stream().map(AwsFaults.Injected::toString).toList();
        faults.clear(); // before the checks: they go through the API function too
        violations.addAll(scenario.violations(subject));
        violations.addAll(parkedMessages());
        Result result = new Result(c, fired.size(), violations, fired);
        if (!c.function().equals("none")) {
            results.add(result);
        }
        return result;
    }

    private static void check(Result result) {
        String id = result.c().id();
        if (result.violations().isEmpty() || result.impossible()) {
            return;
        }
        if (KNOWN_BUGS.containsKey(id)) {
            throw new TestAbortedException("known bug (" + KNOWN_BUGS.get(id) + "): " + result.violations());
        }
        throw new AssertionError(id + " (fired: " + result.fired() + "): " + String.join("; ", result.violations()));
    }

    /** Waits for quiet; a runtime still busy is a violation, and it is given longer so the next case starts clean. */
    private static void quiet(List<String> violations) {
        try {
            runtime.awaitQuiet(QUIET);
        } catch (QuietWait.NotQuiet e) {
            violations.add("not quiet after " + QUIET.toSeconds() + " s: " + e.busy());
            runtime.awaitQuiet(Duration.ofSeconds(60));
        }
    }

    private static Map<String, Long> requestsByFunction() {
        Map<String, Long> counts = new LinkedHashMap<>();
        FUNCTIONS.forEach(f -> counts.put(f, runtime.faults().requests(f)));
        return counts;
    }

    /** Messages parked in a dead-letter queue, taken out so that the next case starts with them empty. */
    private static List<String> parkedMessages() {
        List<String> parked = new ArrayList<>();
        for (String queue : runtime.deadLetterQueues()) {
            String url = runtime.queueUrl(queue);
            int count = Integer.parseInt(sqs.getQueueAttributes(g -> g.queueUrl(url)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
            if (count > 0) {
                List<String> bodies = new ArrayList<>();
                sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages().forEach(m -> bodies.add(m.body()));
                sqs.purgeQueue(p -> p.queueUrl(url));
                parked.add(queue + " holds " + count + " message(s): " + bodies);
            }
        }
        return parked;
    }

    private static String summary() {
        List<Result> impossible = results.stream().filter(Result::impossible).toList();
        List<Result> failed = results.stream().filter(r -> !r.violations().isEmpty() && !r.impossible()).toList();
        long known = failed.stream().filter(r -> KNOWN_BUGS.containsKey(r.c().id())).count();
        int awsFaults = results.stream().filter(r -> !r.c().function().equals("Twilio")).mapToInt(Result::injected).sum();
        StringBuilder line = new StringBuilder("FaultSweep summary: scenarios run " + results.size() + ", faults injected "
                + (awsFaults + twilioFaults.get()) + " (AWS " + awsFaults + ", Twilio " + twilioFaults.get() + "), invariant violations "
                + failed.size() + " (known bugs " + known + "), made impossible by the fault " + impossible.size());
        failed.forEach(r -> line.append("\n  ").append(KNOWN_BUGS.containsKey(r.c().id()) ? "known " : "")
                .append(r.c().id()).append(" ").append(r.fired()).append(": ").append(String.join("; ", r.violations())));
        impossible.forEach(r -> line.append("\n  ").append(r.c().id()).append(": ").append(String.join("; ", r.violations())));
        return line.toString();
    }

    // ------------------------------------------------------------------ the scenarios

    /** An inbound call nobody answers: one text-back SMS and one callback task. */
    private static final class MissedCall implements Scenario {
        @Override
        public String name() {
            return "missedCall";
        }

        @Override
        public String prepare() {
            return "+1312556" + String.format("%04d", numbers.incrementAndGet());
        }

        @Override
        public void run(String caller) {
            // The simulator plays the whole call; a webhook the product answers 5xx is not repeated, as with Twilio.
            client.sim("POST", "/_sim/inbound-call", Map.of("from", caller, "to", BUSINESS, "forward", "no-answer"));
        }

        @Override
        public List<String> violations(String caller) {
            List<String> violations = new ArrayList<>();
            int texts = client.messagesTo(caller).size();
            if (texts == 0 && tasks(caller) == 0 && answered5xx(caller)) {
                // Twilio does not repeat a voice webhook answered 5xx: the call ended there, nothing can come of it.
                return List.of(IMPOSSIBLE + "a webhook of the call was answered 5xx and Twilio does not repeat it");
            }
            if (texts != 1) {
                violations.add("text-back SMS sent " + texts + " times (expected once)");
            }
            long tasks = tasks(caller);
            if (tasks != 1) {
                violations.add(tasks + " callback tasks (expected one)");
            }
            violations.addAll(contractViolations());
            return violations;
        }
    }

    /** An appointment event whose workflow leaves a voicemail (answered by a person) and then tags the contact. */
    private static final class Reminder implements Scenario {
        @Override
        public String name() {
            return "reminder";
        }

        @Override
        public String prepare() {
            String callee = "+1312557" + String.format("%04d", numbers.incrementAndGet());
            LocalClient.Reply put = client.api("PUT", "/v1/contacts/" + LocalClient.encode(callee), "{\"firstName\": \"Rosa\", \"consent\": "
                    + "{\"voice\": {\"source\": \"form\", \"confirmed\": true, \"at\": \"2026-11-02T15:04:05Z\"}}}");
            assertEquals(200, put.status(), put.body().toString());
            return callee;
        }

        @Override
        public void run(String callee) {
            String event = Json.write(Map.of("id", "appt-" + callee.substring(1), "type", "appointment.scheduled",
                    "contact", Map.of("phone", callee), "data", Map.of("appointmentAt", "2026-12-03T17:00:00Z")));
            // The business's application repeats an event the API did not accept, as any client of a 5xx would.
            for (int attempt = 1; attempt <= 3; attempt++) {
                if (client.api("POST", "/v1/events", event).status() / 100 != 5) {
                    return;
                }
            }
        }

        @Override
        public List<String> violations(String callee) {
            List<String> violations = new ArrayList<>();
            long calls = outboundCallsTo(callee);
            if (calls != 1) {
                violations.add("call placed " + calls + " times (expected once)");
            }
            String status = runStatus(callee);
            if (!status.equals("completed") && calls > 0) {
                // A call whose end was lost is settled by its check 16 minutes after it was placed: let that time pass.
                client.sim("POST", "/_sim/clock", Map.of("advance", "PT17M"));
                runtime.awaitQuiet(QUIET);
                status = runStatus(callee);
            }
            if (!status.equals("completed")) {
                violations.add("run " + (status.isEmpty() ? "never started" : "ended " + status) + " (expected completed): " + history(callee));
            }
            int texts = client.messagesTo(callee).size();
            if (texts != 0) {
                violations.add(texts + " SMS sent (expected none)");
            }
            violations.addAll(contractViolations());
            return violations;
        }
    }

    /**
     * An event whose workflow runs the IVR confirmation flow: the callee says nothing at the first menu and presses 1
     * at the replay; the outcome {@code confirmed} resumes the run, which branches on it and tags the contact.
     */
    private static final class Confirmation implements Scenario {
        @Override
        public String name() {
            return "confirmation";
        }

        @Override
        public List<Integer> ks(int count) {
            if (FULL || count <= IVR_CASES_PER_FUNCTION) {
                return Scenario.super.ks(count);
            }
            // Spread evenly, first and last included: the first request of a turn and the last write both matter.
            List<Integer> ks = new ArrayList<>();
            for (int i = 0; i < IVR_CASES_PER_FUNCTION; i++) {
                int k = 1 + (int) Math.round((double) i * (count - 1) / (IVR_CASES_PER_FUNCTION - 1));
                if (!ks.contains(k)) {
                    ks.add(k);
                }
            }
            return ks;
        }

        @Override
        public String prepare() {
            String callee = "+1312558" + String.format("%04d", numbers.incrementAndGet());
            LocalClient.Reply put = client.api("PUT", "/v1/contacts/" + LocalClient.encode(callee), "{\"firstName\": \"Rosa\", \"consent\": "
                    + "{\"voice\": {\"source\": \"form\", \"confirmed\": true, \"at\": \"2026-11-02T15:04:05Z\"}}}");
            assertEquals(200, put.status(), put.body().toString());
            assertEquals(200, client.sim("PUT", "/_sim/callees/" + LocalClient.encode(callee),
                    Map.of("behavior", "answer", "gathers", List.of("", "1"))).status());
            return callee;
        }

        @Override
        public void run(String callee) {
            String event = Json.write(Map.of("id", "visit-" + callee.substring(1), "type", "visit.booked",
                    "contact", Map.of("phone", callee), "data", Map.of("when", "Friday at 3 pm")));
            for (int attempt = 1; attempt <= 3; attempt++) {
                if (client.api("POST", "/v1/events", event).status() / 100 != 5) {
                    return;
                }
            }
        }

        @Override
        public List<String> violations(String callee) {
            List<String> violations = new ArrayList<>();
            long calls = outboundCallsTo(callee);
            if (calls != 1) {
                violations.add("call placed " + calls + " times (expected once)");
            }
            String status = runStatus(callee, "sweep-confirm");
            if (!status.equals("completed") && calls > 0) {
                client.sim("POST", "/_sim/clock", Map.of("advance", "PT17M"));
                runtime.awaitQuiet(QUIET);
                status = runStatus(callee, "sweep-confirm");
            }
            List<String> history = history(callee, "sweep-confirm");
            if (!status.equals("completed")) {
                violations.add("run " + (status.isEmpty() ? "never started" : "ended " + status) + " (expected completed): " + history);
            }
            // The step's last entry is its outcome (the first says the call was requested).
            String outcome = history.stream().filter(h -> h.startsWith("runIvr:")).map(h -> h.substring("runIvr:".length()).split(" ")[0])
                    .reduce((first, last) -> last).orElse("");
            boolean tagged = client.contact(callee).path("tags").toString().contains("confirmed");
            if (outcome.equals("confirmed")) {
                if (!tagged) {
                    violations.add("the outcome is confirmed but the run did not tag the contact: " + history);
                }
                JsonNode call = callsTo(callee).get(0);
                if (!call.path("keys").toString().contains("\"1\"")) {
                    violations.add("confirmed without the key 1 on the call: " + call.path("keys"));
                }
            } else if (status.equals("completed") && calls == 1 && answered5xx(callee) && outcome.equals("completed")) {
                // Twilio does not repeat a voice webhook answered 5xx: the caller hears an error and the call ends
                // before the menu took the key; the flow had set no outcome, so the call ended completed.
                violations.add(IMPOSSIBLE + "a turn of the IVR call was answered 5xx and Twilio does not repeat it (outcome completed)");
            } else if (!status.equals("completed") || !FAILURE_OUTCOMES.contains(outcome)) {
                violations.add("the call ended '" + outcome + "' (expected confirmed, or a failure outcome " + FAILURE_OUTCOMES + "): " + history);
            } else {
                violations.add(IMPOSSIBLE + "the call could not be placed or answered (outcome " + outcome + ")");
            }
            if (tagged && !outcome.equals("confirmed")) {
                violations.add("tagged confirmed though the outcome is " + outcome);
            }
            violations.addAll(contractViolations());
            return violations;
        }
    }

    /** What a runIvr step documents when no person heard the flow. */
    private static final List<String> FAILURE_OUTCOMES = List.of("no_answer", "busy", "failed");

    // ------------------------------------------------------------------ reading the results

    private static int contractViolationsSeen;

    /** Marks a broken invariant that the fault made impossible to keep: reported, not failed. */
    static final String IMPOSSIBLE = "impossible: ";

    /** Whether the product answered 5xx to a webhook of a call from or to this number. */
    private static boolean answered5xx(String phone) {
        for (JsonNode webhook : client.sim("GET", "/_sim/webhooks", null).body()) {
            JsonNode params = webhook.path("params");
            if ((params.path("From").asText().equals(phone) || params.path("To").asText().equals(phone))
                    && webhook.path("status").asInt() >= 500) {
                return true;
            }
        }
        return false;
    }

    private static List<String> contractViolations() {
        int now = client.sim("GET", "/_sim/violations", null).body().size();
        int fresh = now - contractViolationsSeen;
        contractViolationsSeen = now;
        return fresh == 0 ? List.of() : List.of(fresh + " request(s) broke Twilio's contract");
    }

    private static long tasks(String phone) {
        long count = 0;
        for (JsonNode task : client.api("GET", "/v1/tasks", null).body().path("tasks")) {
            if (task.path("contactPhone").asText().equals(phone)) {
                count++;
            }
        }
        return count;
    }

    private static long outboundCallsTo(String phone) {
        long count = 0;
        for (JsonNode call : client.sim("GET", "/_sim/calls", null).body()) {
            if (call.path("to").asText().equals(phone) && call.path("direction").asText().startsWith("outbound")) {
                count++;
            }
        }
        return count;
    }

    private static List<JsonNode> callsTo(String phone) {
        List<JsonNode> calls = new ArrayList<>();
        for (JsonNode call : client.sim("GET", "/_sim/calls", null).body()) {
            if (call.path("to").asText().equals(phone) && call.path("direction").asText().startsWith("outbound")) {
                calls.add(call);
            }
        }
        return calls;
    }

    private static JsonNode reminderRun(String phone) {
        return run(phone, "sweep-reminder");
    }

    private static JsonNode run(String phone, String workflowId) {
        for (JsonNode run : client.api("GET", "/v1/contacts/" + LocalClient.encode(phone) + "/runs", null).body().path("runs")) {
            if (run.path("workflowId").asText().equals(workflowId)) {
                return run;
            }
        }
        return Json.MAPPER.createObjectNode();
    }

    private static String runStatus(String phone) {
        return reminderRun(phone).path("status").asText("");
    }

    private static String runStatus(String phone, String workflowId) {
        return run(phone, workflowId).path("status").asText("");
    }

    private static List<String> history(String phone) {
        return history(phone, "sweep-reminder");
    }

    private static List<String> history(String phone, String workflowId) {
        List<String> steps = new ArrayList<>();
        run(phone, workflowId).path("steps").forEach(s -> steps.add(s.path("type").asText() + ":" + s.path("result").asText()
                + (s.path("detail").asText("").isEmpty() ? "" : " (" + s.path("detail").asText() + ")")));
        return steps;
    }
}
