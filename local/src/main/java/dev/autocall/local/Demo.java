package dev.autocall.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ./autocall demo: starts the product, plays the inbound scenarios end to end through the Twilio simulator,
 * prints a timeline and returns whether every scenario ended as expected.
 */
public final class Demo {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final String DANA = "+14155550123";
    private static final String NEW_CALLER = "+16505550142";
    private static final String SAM = "+13125550144";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final LocalClient client;
    private final long startNanos = System.nanoTime();
    private final List<String> failures = new ArrayList<>();

    private Demo(LocalClient client) {
        this.client = client;
    }

    static boolean run(int port) throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(port))) {
            System.out.println(runtime.readyLine());
            Demo demo = new Demo(new LocalClient(runtime.url(), runtime.apiKey()));
            demo.missedCallFromKnownContact();
            demo.voicemailFromNewCaller();
            demo.answeredCall();
            demo.stopThenMissedCall();
            demo.appointmentReminder();
            demo.preflightExplainsARefusal();
            demo.appointmentConfirmationCall();
            demo.simulateAFlow();
            demo.campaign();
            demo.report(runtime.url());
            System.out.println();
            if (demo.failures.isEmpty()) {
                System.out.println("demo: all 9 scenarios ended as expected");
                return true;
            }
            System.out.println("demo: " + demo.failures.size() + " check(s) failed:");
            demo.failures.forEach(f -> System.out.println("  - " + f));
            return false;
        }
    }

    /** The analytics of the demo's own calls, read from the counters kept as they ended, and where to see them. */
    private void report(String url) {
        scenario("Report: what the demo's calls did (GET /v1/analytics, from the counters kept as calls ended)");
        boolean counted = LocalClient.waitFor(() -> analytics().path("attempted").asInt() > 0, WAIT);
        check(counted, "the analytics count the demo's dialed calls");
        JsonNode a = analytics();
        event(String.format("dialed %d, connected %d (%s), answered by a person %d (%s of connected), average %.1f s",
                a.path("attempted").asInt(), a.path("connected").asInt(), percent(a.path("connectRate")),
                a.path("completed").asInt(), percent(a.path("completionRate")), a.path("durationSeconds").path("average").asDouble()));
        event("outcomes: " + a.path("outcomes"));
        event("IVR response rate " + percent(a.path("ivrResponseRate")) + ", opt-out rate " + percent(a.path("optOutRate")));
        a.path("byCallerId").forEach(c -> event("caller ID " + c.path("callerId").asText() + ": " + c.path("attempted").asInt()
                + " dialed, " + percent(c.path("connectRate")) + " connected"));
        JsonNode calls = client.api("GET", "/v1/calls?limit=500", null).body().path("calls");
        check(calls.size() > 0, "the call log holds the demo's calls");
        event("call log: " + calls.size() + " rows (GET /v1/calls; GET /v1/calls.csv for a spreadsheet)");
        event("dashboard: " + url + "/dashboard while the demo runs; afterwards ./autocall up and open "
                + "http://127.0.0.1:3000/dashboard with the API key from its READY line (docs/dashboard.md)");
    }

    private JsonNode analytics() {
        Instant now = Instant.parse(client.sim("GET", "/_sim/clock", null).body().path("now").asText());
        return client.api("GET", "/v1/analytics?from=" + now.minus(Duration.ofDays(30)) + "&to=" + now, null).body();
    }

    private static String percent(JsonNode rate) {
        return String.format("%.1f %%", rate.asDouble() * 100);
    }

    private void missedCallFromKnownContact() {
        scenario("1. Missed call from a known contact (Dana) becomes a text-back and a callback task");
        event("Dana calls " + LocalRuntime.DEMO_NUMBER + "; the forwarding line rings and nobody answers");
        long before = System.nanoTime();
        JsonNode call = client.inboundCall(DANA, LocalRuntime.DEMO_NUMBER, "no-answer", null);
        event("Twilio played " + call.path("verbs") + "; the call " + call.path("sid").asText().substring(0, 10) + "... ended");
        boolean texted = LocalClient.waitFor(() -> !client.messagesTo(DANA).isEmpty(), WAIT);
        check(texted, "a text-back SMS reaches Dana");
        if (texted) {
            JsonNode sms = client.messagesTo(DANA).get(0);
            event("SMS to Dana (" + ms(before) + " after the call started): \"" + sms.path("body").asText() + "\"");
            check(sms.path("body").asText().startsWith("Hi Dana,"), "the text-back greets Dana by name");
        }
        boolean task = LocalClient.waitFor(() -> tasks().stream().anyMatch(t -> t.contains("Dana Reyes")), WAIT);
        check(task, "a callback task for Dana is created");
        tasks().stream().filter(t -> t.contains("Dana")).findFirst().ifPresent(t -> event("task created: " + t));
    }

    private void voicemailFromNewCaller() {
        scenario("2. A new caller leaves a voicemail; it lands on the contact's thread");
        String words = "Hi, my water heater is leaking, please call me back";
        event("unknown number " + NEW_CALLER + " calls, nobody answers, caller leaves: \"" + words + "\"");
        client.inboundCall(NEW_CALLER, LocalRuntime.DEMO_NUMBER, "no-answer", words);
        boolean onThread = LocalClient.waitFor(() -> callEntry(NEW_CALLER).map(c -> c.path("voicemail").has("url")).orElse(false), WAIT);
        check(onThread, "the voicemail recording is on the new contact's thread");
        callEntry(NEW_CALLER).ifPresent(c -> event("thread: call " + c.path("status").asText() + ", recording "
                + c.path("voicemail").path("durationSeconds").asText() + " s at " + c.path("voicemail").path("url").asText()));
        boolean texted = LocalClient.waitFor(() -> !client.messagesTo(NEW_CALLER).isEmpty(), WAIT);
        check(texted && client.messagesTo(NEW_CALLER).get(0).path("body").asText().startsWith("Hi there,"),
                "the new caller gets a neutral text-back (\"Hi there, ...\")");
        if (texted) {
            event("SMS to the new caller: \"" + client.messagesTo(NEW_CALLER).get(0).path("body").asText() + "\"");
        }
        boolean thread = LocalClient.waitFor(() -> client.thread(NEW_CALLER).size() == 2, WAIT);
        check(thread, "the thread holds the call and the text-back, in time order");
        client.thread(NEW_CALLER).forEach(item -> event("  thread item: " + item.path("at").asText() + " "
                + item.path("kind").asText() + " " + item.path("direction").asText() + " " + item.path("status").asText()));
    }

    private void answeredCall() {
        scenario("3. An answered call: logged, no text-back");
        event("Sam calls; the forwarding line answers");
        int before = client.messagesTo(SAM).size();
        JsonNode call = client.inboundCall(SAM, LocalRuntime.DEMO_NUMBER, "answer", null);
        event("Twilio played " + call.path("verbs") + "; talked " + call.path("durationSeconds").asInt() + " s");
        boolean answered = LocalClient.waitFor(() -> callEntry(SAM).map(c -> c.path("status").asText().equals("answered")
                && c.has("durationSeconds")).orElse(false), WAIT);
        check(answered, "the call is on Sam's thread as answered, with its duration");
        callEntry(SAM).ifPresent(c -> event("thread: call " + c.path("status").asText() + ", " + c.path("durationSeconds").asText() + " s"));
        pause(Duration.ofMillis(500));
        check(client.messagesTo(SAM).size() == before, "no text-back for an answered call");
    }

    private void stopThenMissedCall() {
        scenario("4. STOP: Dana opts out, and a later missed call sends her nothing");
        event("Dana texts \"STOP\"");
        client.inboundSms(DANA, LocalRuntime.DEMO_NUMBER, "STOP");
        boolean optedOut = LocalClient.waitFor(() -> client.contact(DANA).path("optOut").has("sms"), WAIT);
        check(optedOut, "Dana is opted out of SMS");
        event("contact: optOut.sms = " + client.contact(DANA).path("optOut").path("sms").asText());
        int before = client.messagesTo(DANA).size();
        event("Dana calls again and nobody answers");
        client.inboundCall(DANA, LocalRuntime.DEMO_NUMBER, "no-answer", null);
        boolean skipped = LocalClient.waitFor(() -> runs().stream().anyMatch(r -> r.contains("opted out")), WAIT);
        check(skipped, "the text-back step is skipped because Dana opted out");
        runs().stream().filter(r -> r.contains("opted out")).findFirst().ifPresent(r -> event("run history: " + r));
        check(client.messagesTo(DANA).size() == before, "no SMS is sent to Dana after STOP");
    }

    private void appointmentReminder() {
        scenario("5. An appointment reminder: deferred to the calling window, voicemail, retried the next day, answered");
        ZoneId la = ZoneId.of("America/Los_Angeles");
        ZonedDateTime early = next(la, 7, 30);
        client.sim("POST", "/_sim/clock", Map.of("set", early.toInstant().toString()));
        event("the clock is set to " + early.toLocalDateTime() + " in Los Angeles, where Dana's number (415) is");
        check(client.api("PUT", "/v1/workflows/appointment-reminder", REMINDER).status() == 200
                && client.api("POST", "/v1/workflows/appointment-reminder/publish", "").status() == 200,
                "the reminder workflow is saved and published");
        client.sim("PUT", "/_sim/callees/" + LocalClient.encode(DANA), Map.of("behavior", "voicemail"));
        String appointment = early.plusDays(2).withHour(9).toInstant().toString();
        client.api("POST", "/v1/events", "{\"id\": \"appt-demo-1\", \"type\": \"appointment.scheduled\", "
                + "\"contact\": {\"phone\": \"" + DANA + "\"}, \"data\": {\"appointmentAt\": \"" + appointment + "\"}}");
        event("appointment.scheduled for Dana (appointment " + appointment + ") arrives at 07:30 her time");
        boolean deferred = LocalClient.waitFor(() -> reminderSteps().stream().anyMatch(r -> r.contains("deferred")), WAIT);
        String opening = early.withHour(10).withMinute(0).toInstant().toString();
        check(deferred && reminderSteps().stream().anyMatch(r -> r.contains("OUTSIDE_WINDOW until " + opening)),
                "the call is deferred: OUTSIDE_WINDOW until 10:00 her time (" + opening + ")");
        reminderSteps().forEach(r -> event("  run: " + r));
        check(reminderCalls().isEmpty(), "nothing is dialed before the window opens");

        client.sim("POST", "/_sim/clock", Map.of("set", early.withHour(10).withMinute(0).withSecond(5).toInstant().toString()));
        event("the clock is advanced to 10:00:05 in Los Angeles; the deferred call comes back through the gate");
        boolean voicemail = LocalClient.waitFor(() -> reminderSteps().stream().anyMatch(r -> r.contains("voicemail: attempt 1")), WAIT);
        check(voicemail, "the call is placed and reaches Dana's voicemail (answering machine detection)");
        reminderCalls().stream().findFirst().ifPresent(c -> event("call " + c.path("sid").asText().substring(0, 10) + "... answeredBy "
                + c.path("answeredBy").asText() + ", played: " + c.path("played").toString()));
        reminderSteps().stream().filter(r -> r.contains("attempt 2")).findFirst().ifPresent(r -> event("  run: " + r));

        client.sim("PUT", "/_sim/callees/" + LocalClient.encode(DANA), Map.of("behavior", "answer"));
        client.sim("POST", "/_sim/clock", Map.of("advance", "P1DT1M"));
        event("the clock is advanced a day; this time Dana answers");
        boolean answered = LocalClient.waitFor(() -> reminderStatus().equals("completed"), WAIT);
        check(answered && reminderSteps().stream().anyMatch(r -> r.contains("completed: attempt 2")),
                "the retry is answered and the run completes with outcome completed");
        check(reminderCalls().size() == 2, "exactly two calls were placed, one per attempt");
        event("run " + reminderStatus() + ":");
        reminderSteps().forEach(r -> event("  " + r));
    }

    private void preflightExplainsARefusal() {
        scenario("6. Preflight: could we call this number now, and if not, why and when?");
        JsonNode stranger = client.api("POST", "/v1/compliance/preflight", "{\"to\": \"+14155550169\"}").body();
        event("preflight +1415•••0169 → " + stranger);
        check(stranger.path("decision").asText().equals("FAIL") && stranger.path("reason").asText().equals("NO_CONSENT"),
                "a number without documented consent: FAIL NO_CONSENT");
        String lateEvening = next(ZoneId.of("America/Chicago"), 21, 30).toOffsetDateTime().toString();
        JsonNode evening = client.api("POST", "/v1/compliance/preflight",
                "{\"to\": \"" + SAM + "\", \"at\": \"" + lateEvening + "\"}").body();
        event("preflight Sam at " + lateEvening + " → " + evening);
        check(evening.path("decision").asText().equals("DEFER") && evening.path("reason").asText().equals("OUTSIDE_WINDOW")
                && evening.hasNonNull("nextAllowedAt"), "21:30 in Chicago is too late: DEFER OUTSIDE_WINDOW with the next opening");
    }

    private void appointmentConfirmationCall() {
        scenario("7. An appointment confirmation call (IVR): Sam says nothing, hears the menu again, presses 1; the run branches on confirmed");
        check(client.api("PUT", "/v1/flows/appointment-confirm", CONFIRM_FLOW).status() == 200
                && client.api("POST", "/v1/flows/appointment-confirm/publish", "").status() == 200,
                "the flow appointment-confirm is saved and published");
        check(client.api("PUT", "/v1/workflows/confirm-visit", CONFIRM_WORKFLOW).status() == 200
                && client.api("POST", "/v1/workflows/confirm-visit/publish", "").status() == 200,
                "the workflow confirm-visit (runIvr, then branch on the outcome) is saved and published");
        ZonedDateTime morning = next(ZoneId.of("America/Chicago"), 11, 0);
        client.sim("POST", "/_sim/clock", Map.of("set", morning.toInstant().toString()));
        event("the clock is set to " + morning.toLocalDateTime() + " in Chicago, where Sam's number (312) is");
        client.sim("PUT", "/_sim/callees/" + LocalClient.encode(SAM), Map.of("behavior", "answer", "gathers", List.of("", "1")));
        event("Sam's phone: answers, says nothing at the first menu, presses 1 at the second");
        client.api("POST", "/v1/events", "{\"id\": \"visit-demo-1\", \"type\": \"appointment.booked\", "
                + "\"contact\": {\"phone\": \"" + SAM + "\"}, \"data\": {\"when\": \"Friday at 3 pm\"}}");
        event("appointment.booked for Sam arrives");
        boolean done = LocalClient.waitFor(() -> runStatus("confirm-visit").equals("completed"), WAIT);
        List<String> steps = runSteps("confirm-visit");
        check(done && steps.stream().anyMatch(r -> r.contains("runIvr confirmed")),
                "the call's outcome is confirmed (the flow's own outcome)");
        check(steps.stream().anyMatch(r -> r.contains("addTag done")), "the run branched on confirmed and tagged Sam");
        steps.forEach(r -> event("  run: " + r));
        client.sim("GET", "/_sim/calls", null).body().forEach(c -> {
            if (c.path("to").asText().equals(SAM)) {
                event("call " + c.path("sid").asText().substring(0, 10) + "... answeredBy " + c.path("answeredBy").asText()
                        + ", keys " + c.path("keys") + ", said " + c.path("said"));
            }
        });
        JsonNode contact = client.api("GET", "/v1/contacts/" + LocalClient.encode(SAM), null).body();
        check(contact.path("tags").toString().contains("confirmed"), "Sam's contact carries the tag confirmed");
        boolean onThread = LocalClient.waitFor(() -> client.thread(SAM).toString().contains("keys: menu=1"), WAIT);
        client.thread(SAM).forEach(entry -> {
            if (entry.path("body").asText().startsWith("keys:")) {
                event("thread: " + entry);
            }
        });
        check(onThread, "the call, its outcome and its keys (with the node each answered) are on Sam's thread");
    }

    private void simulateAFlow() {
        scenario("8. Simulate: play the flow without a phone call, as a business does before customers hear it");
        String request = "{\"keys\": [\"\", \"2\"], \"contact\": {\"firstName\": \"Dana\"}, \"data\": {\"when\": \"Tuesday at 9 am\", "
                + "\"link\": \"https://example.com/book\"}}";
        LocalClient.Reply reply = client.api("POST", "/v1/flows/appointment-confirm/simulate", request);
        event("POST /v1/flows/appointment-confirm/simulate " + request + " → " + reply.status());
        reply.body().path("path").forEach(step -> event("  " + step.path("node").asText() + " (" + step.path("type").asText() + ")"
                + (step.hasNonNull("keys") ? " keys '" + step.path("keys").asText() + "'" : "")
                + (step.hasNonNull("said") ? ": " + step.path("said").asText() : "")));
        event("  sms: " + reply.body().path("sms") + ", outcome " + reply.body().path("outcome").asText());
        check(reply.status() == 200 && reply.body().path("outcome").asText().equals("rescheduled")
                        && reply.body().path("sms").toString().contains("https://example.com/book"),
                "no input replays the menu; 2 texts the booking link and ends rescheduled");
    }

    private void campaign() {
        scenario("9. A campaign: 50 confirmation calls from a CSV, paced, paused and resumed, retried once when nobody answers");
        JsonNode before = client.api("GET", "/v1/workspace", null).body();
        ((com.fasterxml.jackson.databind.node.ObjectNode) before).remove("id");
        com.fasterxml.jackson.databind.node.ObjectNode faster = before.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) faster.path("compliance")).set("caps", dev.autocall.json.Json.tree(
                "{\"perMinute\": 600, \"perDay\": 1000, \"perNumberPerDay\": 2, \"perNumberPer14Days\": 4}"));
        check(client.api("PUT", "/v1/workspace", faster.toString()).status() == 200,
                "the workspace's caps are raised for the campaign (600 calls a minute, 2 calls a number a day)");
        ZonedDateTime morning = next(ZoneId.of("America/Chicago"), 11, 0);
        client.sim("POST", "/_sim/clock", Map.of("set", morning.toInstant().toString()));
        event("the clock is set to " + morning.toLocalDateTime() + " in Chicago, where the 312 numbers are");
        try {
            playCampaign();
        } finally {
            client.api("PUT", "/v1/workspace", before.toString());
        }
    }

    private void playCampaign() {
        DemoAudience audience = DemoAudience.of50();
        audience.scripts().forEach((phone, script) -> client.sim("PUT", "/_sim/callees/" + LocalClient.encode(phone), script));
        event("50 callees: " + audience.summary());
        LocalClient.Reply created = client.api("POST", "/v1/campaigns", CAMPAIGN);
        check(created.status() == 201, "the campaign is created as a draft: " + CAMPAIGN.replaceAll("\\s+", " "));
        // Two files: last week's unanswered calls first (they are due first, so their retry comes during the run), then the rest.
        int addedAll = 0;
        for (boolean unansweredOnes : List.of(true, false)) {
            String csv = audience.csv(unansweredOnes);
            LocalClient.Reply added = client.rawPost("/v1/campaigns/demo-visits/targets", "text/csv", auth(), csv);
            event("POST .../targets (text/csv, " + (csv.lines().count() - 1) + " rows, header " + DemoAudience.HEADER + ") → "
                    + added.status() + " " + added.body());
            addedAll += added.status() == 200 ? added.body().path("added").asInt() : 0;
        }
        check(addedAll == 50, "the CSV files add 50 targets");

        client.api("POST", "/v1/campaigns/demo-visits/start", "");
        event("POST .../start");
        ProgressPrinter printer = new ProgressPrinter();
        // 15 calls take about 8 s at this pace, more on a busy machine.
        boolean fifteen = LocalClient.waitFor(() -> printer.poll().dispatched() >= 15, Duration.ofSeconds(30));
        LocalClient.Reply paused = client.api("POST", "/v1/campaigns/demo-visits/pause", "");
        event("POST .../pause after " + printer.last().dispatched() + " targets dispatched → " + paused.body().path("status").asText());
        check(fifteen && paused.body().path("status").asText().equals("paused"), "the campaign pauses after 15 targets are dispatched");
        pause(Duration.ofSeconds(1));
        long pendingWhilePaused = printer.poll().pending();
        pause(Duration.ofSeconds(3));
        // Pending never drops while paused (a retry coming due may add one): nobody waiting is dispatched.
        long pendingLater = printer.poll().pending();
        check(pendingLater >= pendingWhilePaused, "nothing new is dispatched while paused (" + pendingLater + " targets wait)");
        LocalClient.Reply resumed = client.api("POST", "/v1/campaigns/demo-visits/resume", "");
        event("POST .../resume → " + resumed.body().path("status").asText());
        client.sim("POST", "/_sim/clock", Map.of("advance", "PT2M"));
        event("the clock is moved on 2 minutes: the retry interval (PT1M) of the unanswered calls has passed");

        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String status = "";
        int nudges = 0;
        while (System.nanoTime() < deadline && !status.equals("completed")) {
            pause(Duration.ofMillis(500));
            printer.poll();
            status = client.api("GET", "/v1/campaigns/demo-visits", null).body().path("status").asText();
            if (printer.stalled() && !status.equals("completed") && nudges++ < 2) {
                client.sim("POST", "/_sim/clock", Map.of("advance", "PT2M"));
                event("nothing in flight and retries waiting: the clock is moved on 2 minutes");
            }
        }
        JsonNode progress = printer.poll().body();
        printer.print();
        check(status.equals("completed"), "the campaign ends completed (it is " + status + ")");
        check(progress.path("total").asLong() == 50, "its progress counts 50 targets: " + progress);
        check(progress.path("outcomes").equals(dev.autocall.json.Json.tree(audience.expectedOutcomes()))
                && progress.path("failures").equals(dev.autocall.json.Json.tree("{\"NO_CONSENT\": 5}")),
                "outcomes " + audience.expectedOutcomes() + " and 5 failed NO_CONSENT");
        Map<String, Integer> calls = new java.util.HashMap<>();
        client.sim("GET", "/_sim/calls", null).body().forEach(c -> {
            if (audience.scripts().containsKey(c.path("to").asText()) || audience.unconsented().contains(c.path("to").asText())) {
                calls.merge(c.path("to").asText(), 1, Integer::sum);
            }
        });
        check(audience.unconsented().stream().noneMatch(calls::containsKey), "no target without consent is called");
        check(audience.scripts().keySet().stream().allMatch(p -> calls.getOrDefault(p, 0) == audience.allowedCalls(p)),
                "every number is called exactly as often as allowed (twice when nobody answered, else once): "
                        + calls.values().stream().mapToInt(Integer::intValue).sum() + " calls");
    }

    private Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + client.apiKey());
    }

    /** Polls the campaign's progress and prints a line every two seconds. */
    private final class ProgressPrinter {
        private JsonNode last = dev.autocall.json.Json.tree("{}");
        private long printedAt;
        private long stalledSince;

        CampaignProgress poll() {
            last = client.api("GET", "/v1/campaigns/demo-visits/progress", null).body();
            if (System.nanoTime() - printedAt > 2_000_000_000L) {
                print();
            }
            boolean idle = last.path("inProgress").asLong() == 0 && last.path("deferred").asLong() == 0 && last.path("pending").asLong() > 0;
            stalledSince = idle ? (stalledSince == 0 ? System.nanoTime() : stalledSince) : 0;
            return last();
        }

        /** Nothing in flight for 3 s while targets wait: the retries are waiting for the clock. */
        boolean stalled() {
            boolean stalled = stalledSince != 0 && System.nanoTime() - stalledSince > 3_000_000_000L;
            if (stalled) {
                stalledSince = 0;
            }
            return stalled;
        }

        CampaignProgress last() {
            return new CampaignProgress(last);
        }

        void print() {
            printedAt = System.nanoTime();
            event(String.format("progress: total %d, pending %d, inProgress %d, deferred %d, completed %d, failed %d, outcomes %s",
                    last.path("total").asLong(), last.path("pending").asLong(), last.path("inProgress").asLong(),
                    last.path("deferred").asLong(), last.path("completed").asLong(), last.path("failed").asLong(),
                    last.path("outcomes")));
        }
    }

    private record CampaignProgress(JsonNode body) {
        long pending() {
            return body.path("pending").asLong();
        }

        long dispatched() {
            return body.path("total").asLong() - pending();
        }
    }

    private static final String CAMPAIGN = """
            {"id": "demo-visits", "name": "Confirm next week's visits", "action": {"flow": "appointment-confirm"},
             "retry": {"maxAttempts": 2, "interval": "PT1M", "on": ["no_answer"]},
             "pace": {"callsPerMinute": 120, "maxConcurrent": 10}}""";

    private String runStatus(String workflowId) {
        for (JsonNode run : client.api("GET", "/v1/contacts/" + LocalClient.encode(SAM) + "/runs", null).body().path("runs")) {
            if (run.path("workflowId").asText().equals(workflowId)) {
                return run.path("status").asText();
            }
        }
        return "";
    }

    private List<String> runSteps(String workflowId) {
        List<String> lines = new ArrayList<>();
        client.api("GET", "/v1/contacts/" + LocalClient.encode(SAM) + "/runs", null).body().path("runs").forEach(run -> {
            if (run.path("workflowId").asText().equals(workflowId)) {
                run.path("steps").forEach(st -> lines.add(st.path("type").asText() + " " + st.path("result").asText() + ": "
                        + st.path("detail").asText()));
            }
        });
        return lines;
    }

    public static final String CONFIRM_FLOW = """
            name: Appointment confirmation
            start: greet
            nodes:
              greet: {type: say, text: 'Hi {{contact.firstName | "there"}}, this is {{workspace.name}} about your visit on {{data.when}}.', next: menu}
              menu:
                type: gather
                prompt: Press 1 to confirm, 2 to reschedule, 3 to cancel.
                choices: {"1": yes, "2": move, "3": cancel}
                noInput: bye
              yes: {type: hangup, say: 'Thank you, see you then.', outcome: confirmed}
              move: {type: sms, body: 'Pick a new time: {{data.link | "reply to this text"}}', next: moved}
              moved: {type: hangup, say: We have texted you a link., outcome: rescheduled}
              cancel: {type: hangup, say: Your visit is cancelled., outcome: declined}
              bye: {type: hangup, say: Goodbye., outcome: no_input}
            """;

    private static final String CONFIRM_WORKFLOW = """
            name: Confirm visits by phone
            trigger: appointment.booked
            steps:
              - type: runIvr
                flow: appointment-confirm
              - type: branch
                cases: {confirmed: tag}
                otherwise: end
              - id: tag
                type: addTag
                tag: confirmed
            """;

    private static final String REMINDER = """
            name: Appointment reminder
            trigger: appointment.scheduled
            steps:
              - type: leaveVoicemail
                message: 'Hi {{contact.firstName | "there"}}, this is {{workspace.name}} reminding you of your appointment. See you soon!'
                ifNoAnswer: {action: retry, maxAttempts: 3, interval: P1D, notReached: [no_answer, busy, voicemail]}
              - type: addTag
                tag: reminded
            """;

    private List<String> reminderSteps() {
        List<String> lines = new ArrayList<>();
        client.api("GET", "/v1/contacts/" + LocalClient.encode(DANA) + "/runs", null).body().path("runs").forEach(run -> {
            if (run.path("workflowId").asText().equals("appointment-reminder")) {
                run.path("steps").forEach(st -> lines.add(st.path("at").asText() + " " + st.path("type").asText() + " "
                        + st.path("result").asText() + ": " + st.path("detail").asText()));
            }
        });
        return lines;
    }

    private String reminderStatus() {
        for (JsonNode run : client.api("GET", "/v1/contacts/" + LocalClient.encode(DANA) + "/runs", null).body().path("runs")) {
            if (run.path("workflowId").asText().equals("appointment-reminder")) {
                return run.path("status").asText();
            }
        }
        return "";
    }

    private List<JsonNode> reminderCalls() {
        List<JsonNode> calls = new ArrayList<>();
        client.sim("GET", "/_sim/calls", null).body().forEach(c -> {
            if (c.path("to").asText().equals(DANA) && c.path("direction").asText().startsWith("outbound")) {
                calls.add(c);
            }
        });
        return calls;
    }

    /** The next hh:mm in a zone after the shared clock's now (the clock only moves forward). */
    private ZonedDateTime next(ZoneId zone, int hour, int minute) {
        Instant now = Instant.parse(client.sim("GET", "/_sim/clock", null).body().path("now").asText());
        ZonedDateTime candidate = now.atZone(zone).withHour(hour).withMinute(minute).withSecond(0).withNano(0);
        return candidate.isAfter(now.atZone(zone)) ? candidate : candidate.plusDays(1);
    }

    private List<String> tasks() {
        List<String> titles = new ArrayList<>();
        client.api("GET", "/v1/tasks", null).body().path("tasks").forEach(t -> titles.add(t.path("title").asText()));
        return titles;
    }

    private List<String> runs() {
        List<String> lines = new ArrayList<>();
        client.api("GET", "/v1/contacts/" + LocalClient.encode(DANA) + "/runs", null).body().path("runs").forEach(run -> {
            StringBuilder line = new StringBuilder(run.path("workflowId").asText() + " v" + run.path("version").asInt()
                    + " " + run.path("status").asText() + ":");
            run.path("steps").forEach(s -> line.append(" [").append(s.path("type").asText()).append(" ")
                    .append(s.path("result").asText()).append(": ").append(s.path("detail").asText()).append("]"));
            lines.add(line.toString());
        });
        return lines;
    }

    private java.util.Optional<JsonNode> callEntry(String phone) {
        for (JsonNode item : client.thread(phone)) {
            if (item.path("kind").asText().equals("call")) {
                return java.util.Optional.of(item);
            }
        }
        return java.util.Optional.empty();
    }

    private void scenario(String title) {
        System.out.println();
        System.out.println("== " + title);
    }

    private void event(String text) {
        System.out.printf("%s  +%7.3fs  %s%n", TIME.format(Instant.now()), (System.nanoTime() - startNanos) / 1e9, text);
    }

    private void check(boolean ok, String expectation) {
        event((ok ? "ok    " : "FAILED ") + expectation);
        if (!ok) {
            failures.add(expectation);
        }
    }

    private static String ms(long startNanos) {
        return String.format("%.0f ms", (System.nanoTime() - startNanos) / 1e6);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
