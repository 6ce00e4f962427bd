package dev.autocall.local.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.autocall.adapters.dynamodb.DynamoWorkflowStore;
import dev.autocall.adapters.dynamodb.DynamoWorkspaceStore;
import dev.autocall.domain.campaign.CampaignMessage;
import dev.autocall.domain.setup.WorkspaceSetup;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.json.Json;
import dev.autocall.local.LocalClient;
import dev.autocall.local.LocalRuntime;
import dev.autocall.local.simulation.CampaignScenario.CampaignPlan;
import dev.autocall.local.simulation.CampaignScenario.Consent;
import dev.autocall.local.simulation.CampaignScenario.Entry;
import dev.autocall.local.simulation.CampaignScenario.TargetPlan;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plays one {@link CampaignScenario}: creates the workspaces, callees and campaigns, starts them, plays the timeline
 * (pause, resume, cancel, targets added, clock moves), resumes what is paused, moves the clock to each retry, opening
 * and deferral until every campaign has ended, and checks the campaign invariants. Each broken invariant is reported
 * with its name in brackets.
 */
final class CampaignRun {
    /**
     * After a pause or cancel answered, calls already past the gate may still start within this real time; the
     * invariants hold from the simulated time read after it (an {@link CampaignScenario.Advance} may follow at once).
     */
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofSeconds(60);
    /** Settling gives up after this long in real time (a campaign that never ends). */
    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(4);
    private static final Set<String> ENDED = Set.of("completed", "cancelled");
    private static final List<String> STATES = List.of("pending", "inProgress", "deferred", "completed", "failed", "cancelled", "expired");

    /** A workspace of the scenario as it exists in the runtime. */
    record Tenant(String id, String name, String number, String key, LocalClient api) {
    }

    /** Simulated times between which no call of a campaign may start. */
    private record Silence(int workspace, int campaign, Instant answered, Instant from, Instant to, String why) {
    }

    private final LocalRuntime runtime;
    private final CampaignScenario scenario;
    private final int ordinal;
    private final LocalClient sim;
    private final DynamoDbClient dynamo;
    private final Quiet quiet;
    private final List<Tenant> tenants = new ArrayList<>();
    private final List<String> phones = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    /** Per "w/c", the targets the API accepted. */
    private final Map<String, List<TargetPlan>> added = new HashMap<>();
    private final Map<String, Instant> pausedFrom = new HashMap<>();
    private final Map<String, Instant> pauseAnswered = new HashMap<>();
    private final Map<String, Instant> cancelAnswered = new HashMap<>();
    private final Map<String, Instant> cancelledAt = new HashMap<>();
    private final Set<String> cancelled = new HashSet<>();
    private final Set<String> laterPosted = new HashSet<>();
    private final List<Silence> silences = new ArrayList<>();
    private final Map<String, Integer> opsAnswered = new TreeMap<>();
    private int progressReads;
    private String lastState = "";

    CampaignRun(LocalRuntime runtime, CampaignScenario scenario, int ordinal) {
        this.runtime = runtime;
        this.scenario = scenario;
        this.ordinal = ordinal;
        this.sim = new LocalClient(runtime.url(), "none");
        this.dynamo = runtime.aws().dynamoDb();
        this.quiet = new Quiet(runtime, sim, runtime.aws().sqs());
    }

    Invariants.Report run() {
        startClock();
        setUp();
        if (!violations.isEmpty()) {
            return new Invariants.Report(violations, "set-up failed");
        }
        for (int w = 0; w < tenants.size(); w++) {
            for (int c = 0; c < plans(w).size(); c++) {
                expect(api(w, "POST", c, "/start", ""), 200, "start " + key(w, c));
            }
        }
        readProgress();
        for (CampaignScenario.Step step : scenario.timeline()) {
            Quiet.pause(step.waitMillis());
            play(step);
            readProgress();
        }
        for (String paused : new ArrayList<>(pausedFrom.keySet())) {
            String[] wc = paused.split("/");
            resume(Integer.parseInt(wc[0]), Integer.parseInt(wc[1]));
        }
        int rounds = settle();
        check();
        List<JsonNode> calls = calls();
        Map<String, Integer> statuses = new TreeMap<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int w = 0; w < tenants.size(); w++) {
            for (int c = 0; c < plans(w).size(); c++) {
                JsonNode campaign = api(w, "GET", c, "", null).body();
                statuses.merge(campaign.path("status").asText(), 1, Integer::sum);
                campaign.path("progress").path("outcomes").properties().forEach(e -> outcomes.merge(e.getKey(), e.getValue().asInt(), Integer::sum));
                campaign.path("progress").path("failures").properties().forEach(e -> outcomes.merge(e.getKey(), e.getValue().asInt(), Integer::sum));
                for (String state : List.of("cancelled", "expired")) {
                    if (campaign.path("progress").path(state).asInt() > 0) {
                        outcomes.merge("(" + state + ")", campaign.path("progress").path(state).asInt(), Integer::sum);
                    }
                }
            }
        }
        String summary = tenants.size() + " workspaces, campaigns " + statuses + ", "
                + added.values().stream().mapToInt(List::size).sum() + " targets, " + calls.size() + " provider calls, results "
                + outcomes + ", operations " + opsAnswered + ", " + progressReads + " progress reads, " + rounds + " settling rounds";
        return new Invariants.Report(violations, summary);
    }

    private void startClock() {
        ZonedDateTime now = quiet.now().atZone(ScenarioRun.LOS_ANGELES);
        ZonedDateTime start = now.withHour(scenario.startHour()).withMinute(scenario.startMinute()).withSecond(0).withNano(0);
        if (!start.isAfter(now)) {
            start = start.plusDays(1);
        }
        sim.sim("POST", "/_sim/clock", Map.of("set", start.toInstant().toString()));
    }

    private void setUp() {
        for (int p = 0; p < scenario.behaviors().size(); p++) {
            // Fresh numbers per scenario, apart from the workflow scenarios' (2-5 million) by their range.
            String phone = (p % 2 == 0 ? "+1415" : "+1212") + (6000000 + ordinal * 100 + p);
            phones.add(phone);
            sim.sim("PUT", "/_sim/callees/" + LocalClient.encode(phone), Map.of("behavior", scenario.behaviors().get(p)));
        }
        WorkspaceSetup setup = new WorkspaceSetup(new DynamoWorkspaceStore(dynamo, "WorkspacesTable"),
                new DynamoWorkflowStore(dynamo, "WorkflowsTable"), runtime.clock());
        List<String> names = List.of("Delta", "Echo");
        for (int w = 0; w < scenario.workspaces().size(); w++) {
            String id = "simc" + ordinal + "w" + w;
            String name = names.get(w) + " " + ordinal + " Co";
            String number = "+1415" + (7000000 + ordinal * 10 + w);
            // Caps well above the pace: the gate lets campaign calls through rather than deferring them by the minute.
            String key = setup.create(new Workspace(id, name, List.of(number), new Workspace.Forwarding("+1415" + (7500000 + ordinal * 10 + w), 20),
                    null, true, 10, null, "+1415" + (7600000 + ordinal * 10 + w), null,
                    new Workspace.Compliance(TextNode.valueOf("strict"), null, new Workspace.Caps(600, 5000, 5, 30), null)));
            Tenant tenant = new Tenant(id, name, number, key, new LocalClient(runtime.url(), key));
            tenants.add(tenant);
            for (var flow : scenario.flows().entrySet()) {
                expect(tenant.api().api("PUT", "/v1/flows/" + flow.getKey(), Json.write(flow.getValue())), 200, "save flow " + flow.getKey());
                expect(tenant.api().api("POST", "/v1/flows/" + flow.getKey() + "/publish", ""), 200, "publish flow " + flow.getKey());
            }
            for (CampaignPlan plan : plans(w)) {
                for (TargetPlan target : plan.targets()) {
                    if (target.consent() == Consent.CONTACT) {
                        expect(tenant.api().api("PUT", "/v1/contacts/" + LocalClient.encode(phones.get(target.phone())), "{\"firstName\": \"Sam\","
                                + " \"consent\": {\"voice\": {\"source\": \"form\", \"confirmed\": true, \"at\": \"2026-11-02T15:04:05Z\"}}}"),
                                200, "save contact " + target.phone());
                    }
                }
            }
            for (int c = 0; c < plans(w).size(); c++) {
                CampaignPlan plan = plans(w).get(c);
                Map<String, Object> definition = new LinkedHashMap<>(plan.definition());
                definition.put("name", name + " " + plan.id());
                if (definition.get("schedule") instanceof Map<?, ?> schedule && schedule.get("endAtInMinutes") instanceof Integer minutes) {
                    definition.put("schedule", Map.of("endAt", quiet.now().plus(Duration.ofMinutes(minutes)).toString()));
                }
                List<TargetPlan> inAudience = plan.targets().stream().filter(t -> !t.later() && t.entry() == Entry.AUDIENCE).toList();
                if (!inAudience.isEmpty()) {
                    definition.put("audience", Map.of("phones", inAudience.stream().map(t -> phones.get(t.phone())).toList()));
                }
                if (expect(tenant.api().api("POST", "/v1/campaigns", Json.write(definition)), 201, "create " + key(w, c))) {
                    added.computeIfAbsent(key(w, c), k -> new ArrayList<>()).addAll(inAudience);
                }
                post(w, c, plan.targets().stream().filter(t -> !t.later() && t.entry() != Entry.AUDIENCE).toList());
            }
        }
    }

    /** Posts targets: those in JSON as one list, those in CSV as one upload (each with its own consent columns). */
    private void post(int w, int c, List<TargetPlan> targets) {
        List<TargetPlan> json = targets.stream().filter(t -> t.entry() != Entry.CSV).toList();
        List<TargetPlan> csv = targets.stream().filter(t -> t.entry() == Entry.CSV).toList();
        if (!json.isEmpty()) {
            List<Object> list = new ArrayList<>();
            json.forEach(t -> list.add(t.phone() % 3 == 0 ? phones.get(t.phone()) : Map.of("phone", phones.get(t.phone()), "firstName", "Jo")));
            LocalClient.Reply reply = api(w, "POST", c, "/targets", Json.write(list));
            accepted(w, c, json, reply);
        }
        if (!csv.isEmpty()) {
            StringBuilder body = new StringBuilder("phone,firstName,voiceConsentSource,voiceConsentConfirmed\r\n");
            for (TargetPlan t : csv) {
                body.append(phones.get(t.phone())).append(",Kim,").append(t.consent() == Consent.CSV ? "form,false"
                        : t.consent() == Consent.NONE && t.phone() % 2 == 0 ? "import,false" : ",")
                        .append("\r\n");
            }
            LocalClient.Reply reply = sim.rawPost("/v1/campaigns/" + plans(w).get(c).id() + "/targets", "text/csv",
                    Map.of("Authorization", "Bearer " + tenants.get(w).key()), body.toString());
            accepted(w, c, csv, reply);
        }
    }

    private void accepted(int w, int c, List<TargetPlan> targets, LocalClient.Reply reply) {
        opsAnswered.merge("targets " + reply.status(), 1, Integer::sum);
        if (reply.status() == 200 || reply.status() == 201) {
            if (reply.body().path("added").asInt() != targets.size() || !reply.body().path("rejected").isEmpty()) {
                violations.add("[setup] " + key(w, c) + " targets " + targets + " answered " + reply.body());
            }
            added.computeIfAbsent(key(w, c), k -> new ArrayList<>()).addAll(targets);
        } else if (reply.status() != 409) {
            violations.add("[setup] " + key(w, c) + " adding targets answered HTTP " + reply.status() + " " + reply.body());
        }
    }

    private void play(CampaignScenario.Step step) {
        switch (step) {
            case CampaignScenario.Pause p -> {
                LocalClient.Reply reply = api(p.workspace(), "POST", p.campaign(), "/pause", "");
                opsAnswered.merge("pause " + reply.status(), 1, Integer::sum);
                if (reply.status() == 200) {
                    // Calls already past the gate may still start for a few seconds (real ones: the clock may jump).
                    pauseAnswered.putIfAbsent(key(p.workspace(), p.campaign()), quiet.now());
                    Quiet.pause(GRACE.toMillis());
                    pausedFrom.putIfAbsent(key(p.workspace(), p.campaign()), quiet.now());
                }
            }
            case CampaignScenario.Resume r -> resume(r.workspace(), r.campaign());
            case CampaignScenario.Cancel x -> {
                LocalClient.Reply reply = api(x.workspace(), "POST", x.campaign(), "/cancel", "");
                opsAnswered.merge("cancel " + reply.status(), 1, Integer::sum);
                if (reply.status() == 200) {
                    String key = key(x.workspace(), x.campaign());
                    cancelled.add(key);
                    cancelAnswered.putIfAbsent(key, quiet.now());
                    Quiet.pause(GRACE.toMillis());
                    cancelledAt.putIfAbsent(key, quiet.now());
                    Instant from = pausedFrom.remove(key);
                    if (from != null) {
                        silences.add(new Silence(x.workspace(), x.campaign(), pauseAnswered.remove(key), from, Instant.MAX, "paused, then cancelled"));
                    }
                }
            }
            case CampaignScenario.AddTargets a -> {
                String key = key(a.workspace(), a.campaign());
                if (laterPosted.add(key)) {
                    post(a.workspace(), a.campaign(), plans(a.workspace()).get(a.campaign()).targets().stream().filter(TargetPlan::later).toList());
                }
            }
            case CampaignScenario.Advance advance -> sim.sim("POST", "/_sim/clock", Map.of("advance", advance.by().toString()));
        }
    }

    private void resume(int w, int c) {
        LocalClient.Reply reply = api(w, "POST", c, "/resume", "");
        opsAnswered.merge("resume " + reply.status(), 1, Integer::sum);
        if (reply.status() == 200) {
            Instant from = pausedFrom.remove(key(w, c));
            // The request took some time to answer: the silence ends when it was sent, at the latest.
            if (from != null) {
                silences.add(new Silence(w, c, pauseAnswered.remove(key(w, c)), from, quiet.now().minusSeconds(1), "paused"));
            }
        }
    }

    /**
     * Until every campaign ended: waits until the work queues are quiet, then moves the clock to the next due target
     * or schedule and wakes each running campaign (a tick with no time, as a finished call sends), rather than wait
     * the real seconds the dispatcher's idle ticks take.
     */
    private int settle() {
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        int round = 0;
        while (System.nanoTime() < deadline) {
            round++;
            if (!quiet.await(QUIET, false)) {
                violations.add("[campaign-ends] the runtime did not become quiet within " + QUIET + " while settling: " + quiet.busy());
                return round;
            }
            List<int[]> open = new ArrayList<>();
            for (int w = 0; w < tenants.size(); w++) {
                for (int c = 0; c < plans(w).size(); c++) {
                    JsonNode campaign = api(w, "GET", c, "", null).body();
                    if (!ENDED.contains(campaign.path("status").asText())) {
                        open.add(new int[]{w, c, campaign.path("run").asInt(1)});
                    }
                }
            }
            readProgress();
            if (open.isEmpty()) {
                return round;
            }
            // Targets due now are dispatched by the wake-up below; when that changed nothing since the last round, the
            // clock moves to the next future due time (a retry, an opening of the campaign's hours) or schedule.
            Instant now = quiet.now();
            String state = progressOf(open);
            boolean stuck = state.equals(lastState);
            lastState = state;
            List<Instant> times = new ArrayList<>(nextDue(open));
            quiet.nextSchedule().ifPresent(times::add);
            Optional<Instant> past = times.stream().filter(t -> !t.isAfter(now)).min(Instant::compareTo);
            Optional<Instant> future = times.stream().filter(t -> t.isAfter(now)).min(Instant::compareTo);
            if (future.isPresent() && (past.isEmpty() || stuck)) {
                sim.sim("POST", "/_sim/clock", Map.of("set", future.get().plusSeconds(61).toString()));
            } else if (future.isEmpty() && stuck && round % 5 == 0) {
                // Nothing due, nothing scheduled: a run past its end waits for its dispatcher to look again.
                sim.sim("POST", "/_sim/clock", Map.of("advance", "PT1M"));
            }
            for (int[] wc : open) {
                String body = Json.write(CampaignMessage.tick(tenants.get(wc[0]).id(), plans(wc[0]).get(wc[1]).id(), wc[2], null));
                runtime.aws().sqs().sendMessage(m -> m.queueUrl(runtime.queueUrl("CampaignQueue")).messageBody(body));
            }
            Quiet.pause(1500);
        }
        for (int w = 0; w < tenants.size(); w++) {
            for (int c = 0; c < plans(w).size(); c++) {
                JsonNode campaign = api(w, "GET", c, "", null).body();
                if (!ENDED.contains(campaign.path("status").asText())) {
                    violations.add("[campaign-ends] " + key(w, c) + " is " + campaign.path("status").asText() + " after "
                            + SETTLE_LIMIT + " of settling (now " + quiet.now() + "): progress " + campaign.path("progress")
                            + "; stored: " + stored(tenants.get(w).id() + "#C#" + plans(w).get(c).id()));
                }
            }
        }
        return round;
    }

    /** The campaign table's items of a campaign (its run, counters and targets), to show why it never ended. */
    private String stored(String prefix) {
        List<String> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamo.scan(s -> s.tableName("CampaignsTable").consistentRead(true).exclusiveStartKey(from)
                    .filterExpression("begins_with(pk, :p)").expressionAttributeValues(Map.of(":p", AttributeValue.fromS(prefix))));
            for (Map<String, AttributeValue> item : page.items()) {
                Map<String, String> shown = new TreeMap<>();
                item.forEach((name, value) -> {
                    if (!name.equals("doc")) {
                        shown.put(name, value.s() != null ? value.s() : value.n() != null ? value.n() : String.valueOf(value));
                    }
                });
                items.add(shown.toString());
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return String.join("\n      ", items);
    }

    /**
     * The due times of the pending and deferred targets of the open campaigns (the due index's items). Only open ones:
     * a cancelled run's targets keep their due entries (its counters say they are cancelled), long past.
     */
    private List<Instant> nextDue(List<int[]> open) {
        List<Instant> due = new ArrayList<>();
        for (int[] wc : open) {
            String prefix = tenants.get(wc[0]).id() + "#C#" + plans(wc[0]).get(wc[1]).id() + "#R#";
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                var page = dynamo.scan(s -> s.tableName("CampaignsTable").consistentRead(true).exclusiveStartKey(from)
                        .filterExpression("begins_with(dueKey, :c)").expressionAttributeValues(Map.of(":c", AttributeValue.fromS(prefix))));
                for (Map<String, AttributeValue> item : page.items()) {
                    if (item.containsKey("dueAt")) {
                        due.add(Instant.parse(item.get("dueAt").s()));
                    }
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        }
        return due;
    }

    private String progressOf(List<int[]> open) {
        StringBuilder out = new StringBuilder();
        open.forEach(wc -> out.append(api(wc[0], "GET", wc[1], "/progress", null).body()));
        return out.toString();
    }

    /** Invariant 1 at every read: the total is the sum of the states, completed and failed the sums of their details. */
    private void readProgress() {
        for (int w = 0; w < tenants.size(); w++) {
            for (int c = 0; c < plans(w).size(); c++) {
                LocalClient.Reply reply = api(w, "GET", c, "/progress", null);
                progressReads++;
                if (reply.status() != 200) {
                    violations.add("[progress-sums] " + key(w, c) + " progress answered HTTP " + reply.status() + " " + reply.body());
                    continue;
                }
                checkSums(key(w, c), reply.body());
            }
        }
    }

    private void checkSums(String key, JsonNode progress) {
        long states = STATES.stream().mapToLong(s -> progress.path(s).asLong()).sum();
        long outcomes = sum(progress.path("outcomes"));
        long failures = sum(progress.path("failures"));
        if (progress.path("total").asLong() != states || progress.path("completed").asLong() != outcomes
                || progress.path("failed").asLong() != failures || STATES.stream().anyMatch(s -> progress.path(s).asLong() < 0)) {
            violations.add("[progress-sums] " + key + " progress does not add up (total vs the seven states " + states
                    + ", completed vs outcomes " + outcomes + ", failed vs failures " + failures + "): " + progress);
        }
    }

    private static long sum(JsonNode counts) {
        long n = 0;
        for (JsonNode v : counts) {
            n += v.asLong();
        }
        return n;
    }

    /** Invariants 2-7 on what the campaigns report and the calls the simulator saw. */
    private void check() {
        List<JsonNode> calls = calls();
        List<ScenarioRun.Tenant> asTenants = tenants.stream()
                .map(t -> new ScenarioRun.Tenant(t.id(), t.name(), t.number(), null, null, t.api(), null)).toList();
        List<Invariants.StoredRequest> requests = Invariants.requests(dynamo, asTenants);
        Map<String, List<Invariants.StoredRequest>> bySid = new HashMap<>();
        requests.stream().filter(r -> r.callSid() != null).forEach(r -> bySid.computeIfAbsent(r.callSid(), x -> new ArrayList<>()).add(r));
        for (int w = 0; w < tenants.size(); w++) {
            Tenant tenant = tenants.get(w);
            Map<String, Integer> campaignOf = new HashMap<>();
            for (int c = 0; c < plans(w).size(); c++) {
                for (TargetPlan t : added.getOrDefault(key(w, c), List.of())) {
                    campaignOf.put(phones.get(t.phone()), c);
                }
            }
            // Invariant 3 (and 7): each call from this workspace's number is its own request's only call, to its own target.
            Map<String, List<JsonNode>> perPhone = new HashMap<>();
            for (JsonNode call : calls) {
                if (!call.path("from").asText().equals(tenant.number())) {
                    continue;
                }
                String to = call.path("to").asText();
                perPhone.computeIfAbsent(to, x -> new ArrayList<>()).add(call);
                List<Invariants.StoredRequest> owners = bySid.getOrDefault(call.path("sid").asText(), List.of());
                if (owners.size() != 1 || !owners.get(0).workspaceId().equals(tenant.id()) || !owners.get(0).to().equals(to)) {
                    violations.add("[attempts] provider call " + call.path("sid").asText() + " from " + tenant.id() + " to " + to
                            + " is the recorded call of " + owners.size() + " requests " + owners.stream().map(Invariants.StoredRequest::id).toList()
                            + " (a second dial of one attempt, or a call nobody asked for)");
                }
                if (!campaignOf.containsKey(to)) {
                    violations.add("[tenants-apart] " + tenant.id() + " called " + to + ", a target of none of its campaigns");
                }
            }
            for (Invariants.StoredRequest request : requests) {
                if (request.workspaceId().equals(tenant.id()) && (!request.docWorkspaceId().equals(tenant.id()) || !campaignOf.containsKey(request.to()))) {
                    violations.add("[tenants-apart] call request " + request.id() + " stored under " + tenant.id() + " names "
                            + request.docWorkspaceId() + " and calls " + request.to() + ", not a target of that workspace's campaigns");
                }
            }
            for (int c = 0; c < plans(w).size(); c++) {
                checkCampaign(w, c, perPhone, bySid);
            }
        }
    }

    private void checkCampaign(int w, int c, Map<String, List<JsonNode>> perPhone, Map<String, List<Invariants.StoredRequest>> bySid) {
        String key = key(w, c);
        CampaignPlan plan = plans(w).get(c);
        JsonNode campaign = api(w, "GET", c, "", null).body();
        String status = campaign.path("status").asText();
        JsonNode progress = api(w, "GET", c, "/progress", null).body();
        checkSums(key, progress);
        if (!campaign.path("name").asText().equals(tenants.get(w).name() + " " + plan.id())) {
            violations.add("[tenants-apart] " + key + " reads as " + campaign.path("name").asText());
        }
        if (!ENDED.contains(status)) {
            violations.add("[campaign-ends] " + key + " is " + status + " once every retry is past and the queues are quiet: " + progress);
        }
        if (cancelled.contains(key) && !status.equals("cancelled")) {
            violations.add("[campaign-ends] " + key + " was cancelled (200) but is " + status);
        }
        boolean clean = !cancelled.contains(key) && !(plan.definition().get("schedule") instanceof Map<?, ?> s && s.containsKey("endAtInMinutes"));
        Map<String, Object> flow = plan.definition().get("action") instanceof Map<?, ?> action && action.get("flow") instanceof String id
                ? scenario.flows().get(id) : null;
        Set<String> answeredWords = new HashSet<>(flow == null ? List.of("completed")
                : WorkflowGenerator.hangupOutcomes(flow));
        if (flow != null) {
            answeredWords.addAll(List.of("completed", "no_input", "opted_out"));
        }
        // What each target should end as, and how many calls it should take, from its consent and its phone.
        Map<String, Integer> expected = new TreeMap<>();
        List<TargetPlan> targets = distinct(added.getOrDefault(key, List.of()));
        for (TargetPlan target : targets) {
            String phone = phones.get(target.phone());
            String behavior = scenario.behaviors().get(target.phone());
            String result = target.consent() == Consent.NONE ? "NO_CONSENT" : switch (behavior) {
                case "answer" -> "answered";
                case "no-answer" -> "no_answer";
                case "invalid" -> "INVALID_NUMBER";
                case "fail" -> "CALL_FAILED";
                default -> behavior;
            };
            expected.merge(result, 1, Integer::sum);
            int attempts = result.equals("NO_CONSENT") ? 0 : plan.retryOn().contains(result) ? plan.maxAttempts() : 1;
            List<JsonNode> made = perPhone.getOrDefault(phone, List.of());
            if (made.size() > Math.max(attempts, result.equals("NO_CONSENT") ? 0 : 1) || made.size() > plan.maxAttempts()) {
                violations.add("[attempts] " + key + " called " + phone + " (" + behavior + ", consent " + target.consent() + ") "
                        + made.size() + " times; at most " + attempts + " expected (maxAttempts " + plan.maxAttempts() + ", retry on "
                        + plan.retryOn() + "): " + made.stream().map(m -> m.path("startedAt").asText()).toList());
            }
            boolean countsCalls = clean && !behavior.equals("invalid") && !behavior.equals("fail");
            if (countsCalls && made.size() != attempts) {
                violations.add("[progress-matches-calls] " + key + " called " + phone + " (" + behavior + ", consent " + target.consent()
                        + ") " + made.size() + " times, expected " + attempts);
            }
            for (JsonNode call : made) {
                Instant started = Instant.parse(call.path("startedAt").asText());
                List<Invariants.StoredRequest> owner = bySid.getOrDefault(call.path("sid").asText(), List.of());
                // A call whose request passed the gate before the pause or cancel answered was already placed: allowed.
                Optional<Instant> passed = owner.size() == 1 ? owner.get(0).passedAt() : Optional.empty();
                Instant cancel = cancelledAt.get(key);
                if (cancel != null && started.isAfter(cancel) && !passed.map(p -> p.isBefore(cancelAnswered.get(key))).orElse(false)) {
                    violations.add("[cancel] " + key + " placed " + call.path("sid").asText() + " to " + phone + " at " + started
                            + ", after the cancel answered at " + cancelAnswered.get(key) + "; its request: "
                            + owner.stream().map(r -> r.id() + " " + r.history()).toList());
                }
                for (Silence silence : silences) {
                    if (silence.workspace() == w && silence.campaign() == c && started.isAfter(silence.from()) && started.isBefore(silence.to())
                            && !passed.map(p -> p.isBefore(silence.answered())).orElse(false)) {
                        violations.add("[pause] " + key + " started " + call.path("sid").asText() + " to " + phone + " at " + started
                                + " while " + silence.why() + " (from " + silence.from() + " to " + silence.to() + "); its request: "
                                + bySid.getOrDefault(call.path("sid").asText(), List.of()).stream().map(r -> r.id() + " " + r.history()).toList());
                    }
                }
            }
        }
        if (progress.path("total").asInt() != targets.size()) {
            violations.add("[tenants-apart] " + key + " counts " + progress.path("total").asInt() + " targets; " + targets.size() + " were added to it");
        }
        // The answer outcomes of an IVR flow depend on its keys: they are counted together.
        Map<String, Integer> seen = new TreeMap<>();
        progress.path("outcomes").properties().forEach(e -> seen.merge(
                answeredWords.contains(e.getKey()) ? "answered" : e.getKey(), e.getValue().asInt(), Integer::sum));
        progress.path("failures").properties().forEach(e -> seen.merge(e.getKey(), e.getValue().asInt(), Integer::sum));
        if (clean ? !seen.equals(expected) : seen.entrySet().stream().anyMatch(e -> e.getValue() > expected.getOrDefault(e.getKey(), 0))) {
            violations.add("[progress-matches-calls] " + key + " (" + status + (clean ? "" : ", cancelled or past its end") + ") ended "
                    + seen + " but its targets' consent and phones imply " + (clean ? "" : "at most ") + expected + ": " + progress);
        }
        // Completed: every target final. Cancelled: every target not yet dialed ended cancelled, calls in progress ended.
        if (ENDED.contains(status) && STATES.stream().limit(3).anyMatch(s -> progress.path(s).asInt() != 0)) {
            violations.add("[campaign-ends] " + key + " is " + status + " with targets not final: " + progress);
        }
    }

    private static List<TargetPlan> distinct(List<TargetPlan> targets) {
        Map<Integer, TargetPlan> byPhone = new LinkedHashMap<>();
        targets.forEach(t -> byPhone.putIfAbsent(t.phone(), t));
        return new ArrayList<>(byPhone.values());
    }

    /** Outbound calls from this scenario's numbers. */
    private List<JsonNode> calls() {
        Set<String> numbers = new LinkedHashSet<>();
        tenants.forEach(t -> numbers.add(t.number()));
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode call : sim.sim("GET", "/_sim/calls", null).body()) {
            if (call.path("direction").asText().startsWith("outbound") && numbers.contains(call.path("from").asText())) {
                found.add(call);
            }
        }
        return found;
    }

    private List<CampaignPlan> plans(int w) {
        return scenario.workspaces().get(w).campaigns();
    }

    private LocalClient.Reply api(int w, String method, int c, String suffix, String body) {
        return tenants.get(w).api().api(method, "/v1/campaigns/" + plans(w).get(c).id() + suffix, body);
    }

    private static String key(int w, int c) {
        return w + "/" + c;
    }

    private boolean expect(LocalClient.Reply reply, int status, String what) {
        if (reply.status() != status) {
            violations.add("[setup] " + what + ": HTTP " + reply.status() + " " + reply.body());
            return false;
        }
        return true;
    }
}
