package dev.autocall.local.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.autocall.adapters.dynamodb.DynamoWorkflowStore;
import dev.autocall.adapters.dynamodb.DynamoWorkspaceStore;
import dev.autocall.domain.outbound.CallRequestMessage;
import dev.autocall.domain.setup.WorkspaceSetup;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.json.Json;
import dev.autocall.local.LocalClient;
import dev.autocall.local.LocalRuntime;
import dev.autocall.local.sim.TwilioSigner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/** Plays one {@link Scenario} against a running local runtime, lets every run end, and checks the invariants. */
final class ScenarioRun {
    static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final Duration QUIET = Duration.ofSeconds(60);
    /** While settling, messages on SQS timers must arrive too: up to 15 real minutes (see {@link Quiet#await}). */
    private static final Duration SETTLE_QUIET = Duration.ofMinutes(16);
    /** Clock jumps to the next schedule before a scenario that still schedules work counts as never ending. */
    private static final int MAX_JUMPS = 120;

    /** The workspaces, numbers and events of a scenario as they exist in the runtime. */
    record Tenant(String id, String name, String number, String agent, String admin, LocalClient api, Scenario.Business plan) {
    }

    private final LocalRuntime runtime;
    private final Scenario scenario;
    private final int ordinal;
    private final LocalClient sim;
    private final SqsClient sqs;
    private final DynamoDbClient dynamo;
    private final Quiet quiet;
    private final Random redelivery;
    private final List<Tenant> tenants = new ArrayList<>();
    private final List<String> contacts = new ArrayList<>();
    /** Per workspace index, the events sent to it (by index). */
    private final Map<Integer, Set<Integer>> sent = new HashMap<>();
    private final Map<Integer, Instant> appointments = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    /** Per contact phone, the callee scripts in force from a simulated time on (a call uses the one in force when it started). */
    private final Map<String, List<Invariants.ScriptFrom>> scripts = new HashMap<>();

    ScenarioRun(LocalRuntime runtime, Scenario scenario, int ordinal) {
        this.runtime = runtime;
        this.scenario = scenario;
        this.ordinal = ordinal;
        this.sim = new LocalClient(runtime.url(), "none");
        var aws = runtime.aws();
        this.sqs = aws.sqs();
        this.dynamo = aws.dynamoDb();
        this.quiet = new Quiet(runtime, sim, sqs);
        this.redelivery = new Random(scenario.seed() * 31 + 7);
    }

    /** @return what broke (empty when every invariant held) and a one-line summary */
    Invariants.Report run() {
        int violationsBefore = sim.sim("GET", "/_sim/violations", null).body().size();
        List<String> setupProblems = new ArrayList<>();
        startClock();
        createTenants(setupProblems);
        for (Scenario.Action action : scenario.actions()) {
            play(action, setupProblems);
            if (!quiet.await(QUIET, false)) {
                setupProblems.add("the runtime did not become quiet within " + QUIET + " after " + action + ": " + quiet.busy());
            }
        }
        int jumps = settle(setupProblems);
        notes.add(sent.values().stream().mapToInt(Set::size).sum() + " events sent");
        notes.add(jumps + " clock jumps");
        Invariants invariants = new Invariants(runtime, sim, dynamo, sqs, tenants, contacts, scenario, sent, violationsBefore,
                scripts);
        Invariants.Report report = invariants.check();
        List<String> violations = new ArrayList<>(setupProblems);
        violations.addAll(report.violations());
        return new Invariants.Report(violations, report.summary() + ", " + String.join(", ", notes));
    }

    /** The scenario's start: the next time the LA clock shows its start hour (the clock only moves forward). */
    private void startClock() {
        ZonedDateTime now = quiet.now().atZone(LOS_ANGELES);
        ZonedDateTime start = now.withHour(scenario.startHour()).withMinute(scenario.startMinute()).withSecond(0).withNano(0);
        if (!start.isAfter(now)) {
            start = start.plusDays(1);
        }
        sim.sim("POST", "/_sim/clock", Map.of("set", start.toInstant().toString()));
    }

    private void createTenants(List<String> problems) {
        // Fresh numbers per scenario: the simulator's callee scripts and the caps are kept by number.
        int base = ordinal * 10;
        for (int c = 0; c < scenario.contacts(); c++) {
            contacts.add((c % 2 == 0 ? "+1415" : "+1212") + (2000000 + base + c));
        }
        WorkspaceSetup setup = new WorkspaceSetup(new DynamoWorkspaceStore(dynamo, "WorkspacesTable"),
                new DynamoWorkflowStore(dynamo, "WorkflowsTable"), runtime.clock());
        List<String> names = List.of("Alpha", "Bravo", "Charlie");
        for (int b = 0; b < scenario.businesses().size(); b++) {
            Scenario.Business plan = scenario.businesses().get(b);
            String id = "sim" + ordinal + "w" + b;
            String name = names.get(b) + " " + ordinal + " Co";
            String number = "+1415" + (3000000 + base + b);
            String agent = "+1415" + (4000000 + base + b);
            String admin = "+1415" + (5000000 + base + b);
            String key = setup.create(new Workspace(id, name, List.of(number), new Workspace.Forwarding(agent, 20), null, true, 1,
                    null, admin, null, new Workspace.Compliance(TextNode.valueOf(plan.window()), null,
                    new Workspace.Caps(plan.perMinute(), plan.perDay(), plan.perNumberPerDay(), plan.perNumberPer14Days()), null)));
            Tenant tenant = new Tenant(id, name, number, agent, admin, new LocalClient(runtime.url(), key), plan);
            tenants.add(tenant);
            sim.sim("PUT", "/_sim/callees/" + LocalClient.encode(agent), plan.agentScript());
            scenario.flows().forEach((flowId, definition) -> {
                expect(tenant.api().api("PUT", "/v1/flows/" + flowId, Json.write(definition)), 200, "save flow " + flowId, problems);
                expect(tenant.api().api("POST", "/v1/flows/" + flowId + "/publish", ""), 200, "publish flow " + flowId, problems);
            });
            plan.workflows().forEach((workflowId, definition) -> {
                expect(tenant.api().api("PUT", "/v1/workflows/" + workflowId, Json.write(definition)), 200, "save " + workflowId, problems);
                expect(tenant.api().api("POST", "/v1/workflows/" + workflowId + "/publish", ""), 200, "publish " + workflowId, problems);
            });
            for (int c : plan.consented()) {
                expect(tenant.api().api("PUT", "/v1/contacts/" + LocalClient.encode(contacts.get(c)), "{\"firstName\": \"Pat\","
                        + " \"consent\": {\"voice\": {\"source\": \"form\", \"confirmed\": true, \"at\": \"2026-11-02T15:04:05Z\"}}}"),
                        200, "save contact " + c, problems);
            }
        }
        for (int c = 0; c < contacts.size(); c++) {
            rescript(contacts.get(c), scenario.calleeScripts().get(c));
        }
    }

    private void play(Scenario.Action action, List<String> problems) {
        switch (action) {
            case Scenario.Send send -> {
                Scenario.EventPlan event = scenario.events().get(send.event());
                Instant appointment = appointments.computeIfAbsent(send.event(), e -> quiet.now().plus(event.appointmentIn()));
                String body = Json.write(Map.of("id", event.id(), "type", event.type(),
                        "contact", Map.of("phone", contacts.get(event.contact()), "firstName", "Pat"),
                        "data", Map.of("appointmentAt", appointment.toString(), "code", "48" + send.event() + "1")));
                for (int b : send.businesses()) {
                    for (int copy = 0; copy < (send.again() ? 2 : 1); copy++) {
                        expect(tenants.get(b).api().api("POST", "/v1/events", body), 202, "event " + event.id(), problems);
                    }
                    sent.computeIfAbsent(b, x -> new LinkedHashSet<>()).add(send.event());
                }
            }
            case Scenario.Advance advance -> sim.sim("POST", "/_sim/clock", Map.of("advance", advance.by().toString()));
            case Scenario.Rescript rescript -> rescript(contacts.get(rescript.contact()), rescript.script());
            case Scenario.RedeliverCallbacks redeliver -> redeliverCallbacks(redeliver.count());
            case Scenario.RedeliverRequests redeliver -> redeliverRequests(redeliver.count());
        }
    }

    /** Signed copies of status callbacks this scenario's calls received, posted again (late and repeated). */
    private void redeliverCallbacks(int count) {
        Set<String> ours = tenants.stream().map(Tenant::number).collect(Collectors.toSet());
        List<JsonNode> callbacks = new ArrayList<>();
        for (JsonNode delivery : sim.sim("GET", "/_sim/webhooks", null).body()) {
            String url = delivery.path("url").asText();
            if (url.contains("/twilio/voice/status") || url.contains("/twilio/voice/connect-status")) {
                if (ours.contains(delivery.path("params").path("From").asText())) {
                    callbacks.add(delivery);
                }
            }
        }
        TwilioSigner signer = new TwilioSigner(runtime.authToken());
        for (int i = 0; i < count && !callbacks.isEmpty(); i++) {
            JsonNode delivery = callbacks.get(redelivery.nextInt(callbacks.size()));
            Map<String, String> params = new LinkedHashMap<>();
            delivery.path("params").properties().forEach(f -> params.put(f.getKey(), f.getValue().asText()));
            String url = delivery.path("url").asText();
            String form = params.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            LocalClient.Reply reply = sim.rawPost(url.substring(runtime.url().length()), "application/x-www-form-urlencoded",
                    Map.of("X-Twilio-Signature", signer.sign(url, params)), form);
            notes.add("callback copy " + reply.status());
        }
    }

    /**
     * Call request messages of this scenario sent again to the compliance queue, and to the dial queue when the
     * request passed the gate (only then was it ever sent there), as SQS may.
     */
    private void redeliverRequests(int count) {
        List<Invariants.StoredRequest> requests = Invariants.requests(dynamo, tenants);
        for (int i = 0; i < count && !requests.isEmpty(); i++) {
            Invariants.StoredRequest request = requests.get(redelivery.nextInt(requests.size()));
            String body = Json.write(new CallRequestMessage(request.id(), request.workspaceId()));
            sqs.sendMessage(m -> m.queueUrl(runtime.queueUrl("ComplianceQueue")).messageBody(body));
            // SQS only redelivers what was sent: the gate sends a request to the dial queue once it passed, never before.
            if (request.passedAt().isPresent()) {
                sqs.sendMessage(m -> m.queueUrl(runtime.queueUrl("DialQueue")).messageBody(body));
            }
        }
    }

    /**
     * Lets every wait, retry, deferral and settle check happen: jumps the clock to each pending schedule in turn
     * (a minute past it, Scheduler's precision) and waits until quiet, until nothing is scheduled any more.
     */
    private int settle(List<String> problems) {
        for (int jump = 0; jump < MAX_JUMPS; jump++) {
            if (!quiet.await(SETTLE_QUIET, true)) {
                problems.add("the runtime did not become quiet within " + SETTLE_QUIET + " while settling: " + quiet.busy());
                return jump;
            }
            var next = quiet.nextSchedule();
            if (next.isEmpty()) {
                return jump;
            }
            Instant now = quiet.now();
            Instant target = (next.get().isAfter(now) ? next.get() : now).plusSeconds(61);
            sim.sim("POST", "/_sim/clock", Map.of("set", target.toString()));
        }
        problems.add("work was still being scheduled after " + MAX_JUMPS + " clock jumps (now " + quiet.now() + ")");
        return MAX_JUMPS;
    }

    /** Sets how a contact's phone behaves from now on (simulated time), and remembers it for the invariants. */
    private void rescript(String phone, Map<String, Object> script) {
        scripts.computeIfAbsent(phone, p -> new ArrayList<>()).add(new Invariants.ScriptFrom(quiet.now(), script));
        sim.sim("PUT", "/_sim/callees/" + LocalClient.encode(phone), script);
    }

    private static void expect(LocalClient.Reply reply, int status, String what, List<String> problems) {
        if (reply.status() != status) {
            problems.add(what + ": HTTP " + reply.status() + " " + reply.body());
        }
    }
}
