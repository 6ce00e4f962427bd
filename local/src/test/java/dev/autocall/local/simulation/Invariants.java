package dev.autocall.local.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.json.Json;
import dev.autocall.local.LocalClient;
import dev.autocall.local.LocalRuntime;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The properties that must hold after any scenario, read from what a user and the provider would see: the runs
 * API, the call requests stored, the calls and messages the Twilio simulator received, and the dead-letter queues.
 */
final class Invariants {
    private static final List<String> DEAD_LETTER_QUEUES = List.of("EventsDeadLetterQueue", "ComplianceDeadLetterQueue",
            "DialDeadLetterQueue", "SchedulerDeadLetterQueue");
    private static final Set<String> ENDED = Set.of("completed", "failed");

    /** A callee script put in force at a simulated time. */
    record ScriptFrom(Instant from, Map<String, Object> script) {
    }

    /** @param violations one line per broken invariant; empty when all held */
    record Report(List<String> violations, String summary) {
    }

    /** A call request as stored: who it belongs to, whom it calls, and what happened to it. */
    record StoredRequest(String workspaceId, String id, String docWorkspaceId, String to, String runId, String status,
                         String callSid, List<JsonNode> history, String flowId) {
        /** When its caps were reserved: its first PASS, if any. */
        java.util.Optional<Instant> passedAt() {
            return history.stream().filter(h -> h.path("event").asText().equals("PASS"))
                    .map(h -> Instant.parse(h.path("at").asText())).findFirst();
        }
    }

    private final LocalRuntime runtime;
    private final LocalClient sim;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final List<ScenarioRun.Tenant> tenants;
    private final List<String> contacts;
    private final Scenario scenario;
    private final Map<Integer, Set<Integer>> sent;
    private final int simViolationsBefore;
    private final Map<String, List<ScriptFrom>> scripts;
    private final List<String> violations = new ArrayList<>();
    private int ivrCalls;
    private final Map<String, Integer> ivrOutcomes = new TreeMap<>();
    private int ivrSimulated;

    Invariants(LocalRuntime runtime, LocalClient sim, DynamoDbClient dynamo, SqsClient sqs, List<ScenarioRun.Tenant> tenants,
               List<String> contacts, Scenario scenario, Map<Integer, Set<Integer>> sent, int simViolationsBefore,
               Map<String, List<ScriptFrom>> scripts) {
        this.scripts = scripts;
        this.runtime = runtime;
        this.sim = sim;
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.tenants = tenants;
        this.contacts = contacts;
        this.scenario = scenario;
        this.sent = sent;
        this.simViolationsBefore = simViolationsBefore;
    }

    Report check() {
        List<String> deadLetters = drainDeadLetters();
        Map<String, Set<String>> runIds = new HashMap<>();
        int runs = 0;
        for (int b = 0; b < tenants.size(); b++) {
            runs += checkRuns(b, deadLetters, runIds);
        }
        List<StoredRequest> requests = requests(dynamo, tenants);
        List<JsonNode> calls = ourCalls();
        checkRequests(requests, runIds);
        checkDials(requests, calls);
        checkCaps(requests);
        checkTexts(calls);
        checkIvr(requests, calls);
        int simViolations = sim.sim("GET", "/_sim/violations", null).body().size();
        if (simViolations != simViolationsBefore) {
            violations.add("requests to Twilio broke its API contract: " + (simViolations - simViolationsBefore)
                    + " (GET /_sim/violations)");
        }
        for (String message : deadLetters) {
            violations.add("a message kept failing and sits in a dead-letter queue: " + message);
        }
        Map<String, Integer> decisions = new TreeMap<>();
        requests.forEach(r -> r.history().forEach(h -> {
            if (!h.path("reason").asText("").isEmpty() || h.path("event").asText().equals("PASS")) {
                decisions.merge(h.path("event").asText() + (h.path("reason").isTextual() ? " " + h.path("reason").asText() : ""), 1, Integer::sum);
            }
        }));
        String summary = tenants.size() + " workspaces, " + runs + " runs, " + requests.size() + " call requests " + decisions + ", "
                + calls.size() + " provider calls (" + ivrCalls + " IVR " + ivrOutcomes + ", " + ivrSimulated + " checked against a simulation), "
                + deadLetters.size() + " dead letters";
        return new Report(violations, summary);
    }

    /** Every run ended, exactly one per workflow and event sent, and the contact's runs are the workspace's own. */
    private int checkRuns(int b, List<String> deadLetters, Map<String, Set<String>> runIds) {
        ScenarioRun.Tenant tenant = tenants.get(b);
        Set<String> ids = runIds.computeIfAbsent(tenant.id(), x -> new HashSet<>());
        int count = 0;
        for (var workflow : tenant.plan().workflows().entrySet()) {
            JsonNode listed = tenant.api().api("GET", "/v1/workflows/" + workflow.getKey() + "/runs?limit=200", null).body().path("runs");
            Map<String, Integer> perEvent = new TreeMap<>();
            for (JsonNode run : listed) {
                count++;
                ids.add(run.path("runId").asText());
                // The run names the event with its source: api:ev-1 for an event sent through the events API.
                String eventId = run.path("eventId").asText();
                perEvent.merge(eventId.substring(eventId.indexOf(':') + 1), 1, Integer::sum);
                if (!ENDED.contains(run.path("status").asText())) {
                    violations.add(tenant.id() + " run " + run.path("runId").asText() + " of " + workflow.getKey() + " is "
                            + run.path("status").asText() + " after every wait and call: " + history(run));
                }
            }
            for (int e : sent.getOrDefault(b, Set.of())) {
                Scenario.EventPlan event = scenario.events().get(e);
                if (!event.type().equals(workflow.getValue().get("trigger"))) {
                    continue;
                }
                int found = perEvent.getOrDefault(event.id(), 0);
                boolean deadLettered = deadLetters.stream().anyMatch(d -> d.contains(event.id()) && d.contains(tenant.id()));
                if (found == 0 && !deadLettered) {
                    violations.add(tenant.id() + " event " + event.id() + " started no run of " + workflow.getKey()
                            + " and is in no dead-letter queue: silently dropped");
                }
                if (found > 1) {
                    violations.add(tenant.id() + " event " + event.id() + " started " + found + " runs of " + workflow.getKey());
                }
                perEvent.remove(event.id());
            }
            if (!perEvent.isEmpty()) {
                violations.add(tenant.id() + " has runs of " + workflow.getKey() + " for events it was never sent: " + perEvent.keySet());
            }
        }
        int byContact = 0;
        for (String phone : contacts) {
            for (JsonNode run : tenant.api().api("GET", "/v1/contacts/" + LocalClient.encode(phone) + "/runs?limit=200", null).body().path("runs")) {
                byContact++;
                if (!ids.contains(run.path("runId").asText())) {
                    violations.add(tenant.id() + " lists for " + phone + " a run that is not one of its workflows' runs: " + run.path("runId").asText());
                }
            }
        }
        if (byContact != count) {
            violations.add(tenant.id() + " lists " + count + " runs by workflow but " + byContact + " by contact");
        }
        return count;
    }

    /** Each stored request belongs to the workspace its key names and to a run of that workspace. */
    private void checkRequests(List<StoredRequest> requests, Map<String, Set<String>> runIds) {
        for (StoredRequest request : requests) {
            if (!request.workspaceId().equals(request.docWorkspaceId())) {
                violations.add("call request " + request.id() + " stored under " + request.workspaceId() + " names workspace " + request.docWorkspaceId());
            }
            if (!runIds.getOrDefault(request.workspaceId(), Set.of()).contains(request.runId())) {
                violations.add("call request " + request.id() + " of " + request.workspaceId() + " belongs to run " + request.runId()
                        + ", which that workspace does not have");
            }
            if (request.status().equals("FAILED") && request.callSid() != null && request.passedAt().isEmpty()) {
                violations.add("call request " + request.id() + " failed the gate but has a call " + request.callSid());
            }
        }
    }

    /** Every provider call is one request's only call, placed after that request passed the gate. */
    private void checkDials(List<StoredRequest> requests, List<JsonNode> calls) {
        Map<String, List<StoredRequest>> bySid = new HashMap<>();
        requests.stream().filter(r -> r.callSid() != null).forEach(r -> bySid.computeIfAbsent(r.callSid(), x -> new ArrayList<>()).add(r));
        Map<String, String> numberOwner = new HashMap<>();
        tenants.forEach(t -> numberOwner.put(t.number(), t.id()));
        for (JsonNode call : calls) {
            String sid = call.path("sid").asText();
            List<StoredRequest> owners = bySid.getOrDefault(sid, List.of());
            if (owners.size() != 1) {
                violations.add("provider call " + sid + " to " + call.path("to").asText() + " at " + call.path("startedAt").asText()
                        + " is the recorded call of " + owners.size() + " call requests (a second dial of one request, or a call nobody asked for)");
                continue;
            }
            StoredRequest request = owners.get(0);
            if (request.passedAt().isEmpty()) {
                violations.add("provider call " + sid + " placed for request " + request.id() + " that never passed the gate: " + request.history());
            }
            if (!request.workspaceId().equals(numberOwner.get(call.path("from").asText()))) {
                violations.add("provider call " + sid + " of " + request.workspaceId() + " went out from " + call.path("from").asText()
                        + ", a number of " + numberOwner.get(call.path("from").asText()));
            }
        }
    }

    /** No workspace reserved more calls than its caps allow, counted as the gate counts them. */
    private void checkCaps(List<StoredRequest> requests) {
        for (ScenarioRun.Tenant tenant : tenants) {
            Scenario.Business caps = tenant.plan();
            Map<String, Integer> perMinute = new HashMap<>();
            Map<String, Integer> perDay = new HashMap<>();
            Map<String, Integer> perNumberDay = new HashMap<>();
            Map<String, List<Instant>> perNumber = new HashMap<>();
            for (StoredRequest request : requests) {
                if (!request.workspaceId().equals(tenant.id()) || request.passedAt().isEmpty()) {
                    continue;
                }
                Instant at = request.passedAt().get();
                perMinute.merge(at.truncatedTo(ChronoUnit.MINUTES).toString(), 1, Integer::sum);
                perDay.merge(LocalDate.ofInstant(at, ZoneOffset.UTC).toString(), 1, Integer::sum);
                perNumberDay.merge(request.to() + " " + LocalDate.ofInstant(at, zoneOf(request.to())), 1, Integer::sum);
                perNumber.computeIfAbsent(request.to(), x -> new ArrayList<>()).add(at);
            }
            exceeded(tenant, "calls per minute", perMinute, caps.perMinute());
            exceeded(tenant, "calls per day", perDay, caps.perDay());
            exceeded(tenant, "calls per number per day", perNumberDay, caps.perNumberPerDay());
            perNumber.forEach((number, times) -> {
                List<Instant> sorted = times.stream().sorted().toList();
                for (int i = 0; i + caps.perNumberPer14Days() < sorted.size(); i++) {
                    if (Duration.between(sorted.get(i), sorted.get(i + caps.perNumberPer14Days())).compareTo(Duration.ofDays(14)) < 0) {
                        violations.add(tenant.id() + " reserved " + (caps.perNumberPer14Days() + 1) + " calls to " + number
                                + " within 14 days (cap " + caps.perNumberPer14Days() + "): " + sorted);
                        break;
                    }
                }
            });
        }
    }

    private void exceeded(ScenarioRun.Tenant tenant, String cap, Map<String, Integer> counts, int limit) {
        counts.forEach((bucket, n) -> {
            if (n > limit) {
                violations.add(tenant.id() + " reserved " + n + " " + cap + " in " + bucket + " (cap " + limit + ")");
            }
        });
    }

    /** Whatever a workspace sent (texts, spoken words) names that workspace and no other. */
    private void checkTexts(List<JsonNode> calls) {
        Map<String, ScenarioRun.Tenant> byNumber = new HashMap<>();
        tenants.forEach(t -> byNumber.put(t.number(), t));
        List<JsonNode> said = new ArrayList<>(calls);
        for (JsonNode message : sim.sim("GET", "/_sim/messages", null).body()) {
            if (byNumber.containsKey(message.path("from").asText())) {
                said.add(message);
                if (!message.path("body").asText().contains(byNumber.get(message.path("from").asText()).name())) {
                    violations.add("a text from " + byNumber.get(message.path("from").asText()).id() + " does not name it: "
                            + message.path("sid").asText());
                }
            }
        }
        for (JsonNode item : said) {
            ScenarioRun.Tenant sender = byNumber.get(item.path("from").asText());
            String text = item.toString();
            for (ScenarioRun.Tenant other : tenants) {
                if (other != sender && text.contains(other.name())) {
                    violations.add(item.path("sid").asText() + " from " + sender.id() + " carries the name of " + other.id());
                }
            }
        }
    }

    /**
     * Each runIvr call ended with a valid outcome, the one its flow and the callee's script imply: a machine is
     * voicemail; a person who heard the flow to its end gets what {@code POST /v1/flows/{id}/simulate} answers for
     * the same keys, and pressed the keys the simulation pressed; a person who hung up pressed a prefix of them. A
     * contact who opted out on a call is opted out of voice in that workspace and is not called by it again.
     */
    private void checkIvr(List<StoredRequest> requests, List<JsonNode> calls) {
        Map<String, StoredRequest> bySid = new HashMap<>();
        requests.stream().filter(r -> r.callSid() != null).forEach(r -> bySid.put(r.callSid(), r));
        Map<String, ScenarioRun.Tenant> byId = new HashMap<>();
        tenants.forEach(t -> byId.put(t.id(), t));
        Map<String, JsonNode> simulations = new HashMap<>();
        for (JsonNode call : calls) {
            String sid = call.path("sid").asText();
            StoredRequest request = bySid.get(sid);
            if (request == null || request.flowId() == null) {
                continue;
            }
            ivrCalls++;
            ScenarioRun.Tenant tenant = byId.get(request.workspaceId());
            String what = tenant.id() + " IVR call " + sid + " (flow " + request.flowId() + ") to " + request.to();
            String outcome = request.history().stream().filter(h -> sid.equals(h.path("detail").asText()))
                    .map(h -> h.path("event").asText()).reduce((a, b) -> b).orElse(null);
            if (outcome == null) {
                violations.add(what + " has no outcome in its call request's history: " + request.history());
                continue;
            }
            ivrOutcomes.merge(outcome, 1, Integer::sum);
            Map<String, Object> flow = scenario.flows().get(request.flowId());
            Set<String> valid = new HashSet<>(WorkflowGenerator.IVR_OUTCOMES);
            valid.addAll(WorkflowGenerator.hangupOutcomes(flow));
            if (!valid.contains(outcome)) {
                violations.add(what + " ended with '" + outcome + "', not an outcome of the flow or a call: " + valid);
            }
            List<String> pressed = new ArrayList<>();
            call.path("keys").forEach(k -> pressed.add(k.path("keys").asText()));
            String answeredBy = call.path("answeredBy").asText("");
            Map<String, Object> script = scriptAt(request.to(), Instant.parse(call.path("startedAt").asText()));
            if (answeredBy.startsWith("machine")) {
                if (!outcome.equals("voicemail")) {
                    violations.add(what + " was answered by a machine but ended " + outcome);
                }
                if (!pressed.isEmpty()) {
                    violations.add(what + " was answered by a machine that pressed keys " + pressed);
                }
            } else if (answeredBy.equals("human") && script != null && !script.containsKey("digits")) {
                @SuppressWarnings("unchecked")
                List<String> gathers = (List<String>) script.getOrDefault("gathers", List.of());
                JsonNode simulated = simulations.computeIfAbsent(tenant.id() + " " + request.flowId() + " " + gathers, k -> {
                    LocalClient.Reply reply = tenant.api().api("POST", "/v1/flows/" + request.flowId() + "/simulate",
                            Json.write(Map.of("keys", gathers, "version", 1, "contact", Map.of("firstName", "Pat"))));
                    return reply.status() == 200 ? reply.body() : null;
                });
                if (simulated == null) {
                    violations.add(what + ": the flow could not be simulated for keys " + gathers);
                    continue;
                }
                List<String> expectedKeys = new ArrayList<>();
                simulated.path("path").forEach(step -> {
                    if (step.path("type").asText().equals("gather") && !step.path("keys").asText("").isEmpty()) {
                        expectedKeys.add(step.path("keys").asText());
                    }
                });
                if (call.path("hungUpBy").isNull() || call.path("hungUpBy").isMissingNode()) {
                    ivrSimulated++;
                    if (!outcome.equals(simulated.path("outcome").asText())) {
                        violations.add(what + " pressed " + gathers + " and ended '" + outcome + "', but the flow simulated with the same keys"
                                + " ends '" + simulated.path("outcome").asText() + "': " + simulated.path("path"));
                    }
                    if (!pressed.equals(expectedKeys)) {
                        violations.add(what + ": the simulator recorded keys " + pressed + ", the script " + gathers + " through the flow"
                                + " presses " + expectedKeys);
                    }
                } else if (pressed.size() > expectedKeys.size() || !expectedKeys.subList(0, pressed.size()).equals(pressed)) {
                    violations.add(what + ": the callee hung up after keys " + pressed + ", which are not the start of "
                            + expectedKeys + " (the script " + gathers + " through the flow)");
                }
            }
            if (outcome.equals("opted_out")) {
                checkOptedOut(tenant, request.to(), call, calls, what);
            }
        }
    }

    /** Opted out of voice in the workspace the key was pressed for; no call from that workspace to that number afterwards. */
    private void checkOptedOut(ScenarioRun.Tenant tenant, String phone, JsonNode optOutCall, List<JsonNode> calls, String what) {
        JsonNode contact = tenant.api().api("GET", "/v1/contacts/" + LocalClient.encode(phone), null).body();
        if (contact.path("optOut").path("voice").isNull() || contact.path("optOut").path("voice").isMissingNode()) {
            violations.add(what + " ended opted_out but the contact is not opted out of voice: " + contact.path("optOut"));
        }
        String endedAt = optOutCall.path("endedAt").asText(null);
        if (endedAt == null) {
            return;
        }
        Instant ended = Instant.parse(endedAt);
        for (JsonNode later : calls) {
            if (later.path("from").asText().equals(tenant.number()) && later.path("to").asText().equals(phone)
                    && Instant.parse(later.path("startedAt").asText()).isAfter(ended)) {
                violations.add(tenant.id() + " called " + phone + " again (" + later.path("sid").asText() + " at "
                        + later.path("startedAt").asText() + ") after the opt-out key was pressed on " + what);
            }
        }
    }

    /** The callee script in force at a simulated time: the last one set at or before it. */
    private Map<String, Object> scriptAt(String phone, Instant at) {
        Map<String, Object> found = null;
        for (ScriptFrom entry : scripts.getOrDefault(phone, List.of())) {
            if (!entry.from().isAfter(at)) {
                found = entry.script();
            }
        }
        return found;
    }

    /** Outbound calls that went out from this scenario's workspace numbers. */
    private List<JsonNode> ourCalls() {
        Set<String> numbers = new HashSet<>();
        tenants.forEach(t -> numbers.add(t.number()));
        List<JsonNode> calls = new ArrayList<>();
        for (JsonNode call : sim.sim("GET", "/_sim/calls", null).body()) {
            if (call.path("direction").asText().startsWith("outbound") && numbers.contains(call.path("from").asText())) {
                calls.add(call);
            }
        }
        return calls;
    }

    /** Every message of the dead-letter queues (drained, so the next scenario starts empty), each with its queue. */
    private List<String> drainDeadLetters() {
        List<String> found = new ArrayList<>();
        for (String queue : DEAD_LETTER_QUEUES) {
            String url = runtime.queueUrl(queue);
            while (true) {
                List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
                if (batch.isEmpty()) {
                    break;
                }
                for (Message message : batch) {
                    found.add(queue + ": " + message.body());
                    sqs.deleteMessage(d -> d.queueUrl(url).receiptHandle(message.receiptHandle()));
                }
            }
        }
        return found;
    }

    /** The call requests of the scenario's workspaces, read from the activity table. */
    static List<StoredRequest> requests(DynamoDbClient dynamo, List<ScenarioRun.Tenant> tenants) {
        Set<String> ours = new HashSet<>();
        tenants.forEach(t -> ours.add(t.id()));
        List<StoredRequest> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamo.scan(s -> s.tableName("ActivityTable").consistentRead(true).exclusiveStartKey(from)
                    .filterExpression("begins_with(pk, :req)").expressionAttributeValues(Map.of(":req", AttributeValue.fromS("REQ#"))));
            for (Map<String, AttributeValue> item : page.items()) {
                String[] key = item.get("pk").s().split("#", 3);
                if (!ours.contains(key[1])) {
                    continue;
                }
                JsonNode doc = Json.tree(item.get("doc").s());
                List<JsonNode> history = new ArrayList<>();
                item.getOrDefault("history", AttributeValue.fromL(List.of())).l().forEach(h -> history.add(Json.tree(h.s())));
                found.add(new StoredRequest(key[1], key[2], doc.path("workspaceId").asText(), doc.path("to").asText(),
                        doc.path("runId").asText(), item.get("status").s(),
                        item.containsKey("callSid") ? item.get("callSid").s() : null, history,
                        doc.path("plan").path("kind").asText().equals("Ivr") ? doc.path("plan").path("flowId").asText() : null));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        found.sort(java.util.Comparator.comparing(StoredRequest::id));
        return found;
    }

    private static ZoneId zoneOf(String number) {
        return ZoneId.of(number.startsWith("+1212") ? "America/New_York" : "America/Los_Angeles");
    }

    private static String history(JsonNode run) {
        List<String> lines = new ArrayList<>();
        run.path("steps").forEach(s -> lines.add(s.path("type").asText() + ":" + s.path("result").asText()
                + (s.path("detail").isMissingNode() ? "" : " (" + s.path("detail").asText() + ")")));
        return String.join(" | ", lines);
    }
}
