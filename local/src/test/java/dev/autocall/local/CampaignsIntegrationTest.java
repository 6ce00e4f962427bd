package dev.autocall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Campaigns end to end: the API → the campaign function's ticks → the compliance gate → the dialer → the Twilio
 * simulator's scripted callees → the outcomes back on each target and the run's progress. One runtime; each test its
 * own campaign and numbers. Progress is checked against its invariants at every read.
 */
class CampaignsIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> STATES = List.of("pending", "inProgress", "deferred", "completed", "failed", "cancelled", "expired");
    private static LocalRuntime runtime;
    private static LocalClient client;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(0));
        client = new LocalClient(runtime.url(), runtime.apiKey());
        JsonNode workspace = client.api("GET", "/v1/workspace", null).body();
        ObjectNode caps = ((ObjectNode) workspace.path("compliance")).putObject("caps");
        caps.put("perMinute", 600).put("perDay", 10000).put("perNumberPerDay", 3).put("perNumberPer14Days", 10);
        assertEquals(200, client.api("PUT", "/v1/workspace", workspace.toString()).status());
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @BeforeEach
    void at11InLosAngeles() {
        setClock(11, 0);
    }

    @Test
    void aCampaign_callsEachConsentedTargetOnce_refusesTheOthersAtTheGate_andCompletesWithItsOutcomes() {
        behave("+14155550301", "answer");
        behave("+14155550302", "voicemail");
        behave("+14155550303", "busy");
        behave("+14155550304", "invalid");
        create("""
                {"id": "mixed", "name": "Mixed", "action": {"message": "Your flu shot is due."},
                 "pace": {"callsPerMinute": 300, "maxConcurrent": 3}}""");
        JsonNode added = csv("mixed", """
                \uFEFFphone,firstName,voiceConsentSource,voiceConsentConfirmed,clinic\r
                +14155550301,Ann,form,true,"North, 2nd floor"\r
                \r
                +14155550302,Bob,form,true,South\r
                +14155550303,Cy,form,true,South\r
                +14155550304,Di,form,true,South\r
                +14155550305,Ed,import,false,South\r
                +14155550301,Ann again,form,true,North\r
                not-a-number,X,form,true,South\r
                """);
        assertEquals(5, added.path("added").asInt(), added.toString());
        assertEquals(1, added.path("duplicates").asInt(), added.toString());
        assertEquals(9, added.path("rejected").get(0).path("line").asInt(), "lines count as a spreadsheet shows them: " + added);

        command("mixed", "start", 200);

        JsonNode progress = awaitStatus("mixed", "completed");
        assertEquals(5, progress.path("total").asInt());
        assertEquals(3, progress.path("completed").asInt(), progress.toString());
        assertEquals(2, progress.path("failed").asInt(), progress.toString());
        assertEquals(1, progress.path("outcomes").path("completed").asInt(), progress.toString());
        assertEquals(1, progress.path("outcomes").path("voicemail").asInt(), progress.toString());
        assertEquals(1, progress.path("outcomes").path("busy").asInt(), progress.toString());
        assertEquals(1, progress.path("failures").path("NO_CONSENT").asInt(), progress.toString());
        assertEquals(1, progress.path("failures").path("INVALID_NUMBER").asInt(), progress.toString());
        for (String phone : List.of("+14155550301", "+14155550302", "+14155550303")) {
            assertEquals(1, callsTo(phone).size(), "called once: " + phone);
        }
        assertTrue(callsTo("+14155550304").size() <= 1, "an invalid number is tried once at most");
        assertEquals(0, callsTo("+14155550305").size(), "no consent, no call");
        assertEquals("North, 2nd floor", client.contact("+14155550301").path("fields").path("clinic").asText(),
                "the row's other columns land in the contact's fields");
    }

    @Test
    void retries_followRetryOn_eachAttemptThroughTheGate() {
        behave("+14155550311", "no-answer");
        behave("+14155550312", "busy");
        create("""
                {"id": "retry", "name": "Retry", "action": {"message": "Reminder."},
                 "retry": {"maxAttempts": 2, "interval": "PT20M", "on": ["no_answer"]},
                 "pace": {"callsPerMinute": 120, "maxConcurrent": 2}}""");
        csv("retry", "phone,voiceConsentSource\n+14155550311,form\n+14155550312,form\n");
        command("retry", "start", 200);

        // Both first calls ended (busy is final; no_answer waits for its retry), before the clock moves.
        assertTrue(LocalClient.waitFor(() -> {
            JsonNode p = progress("retry");
            return p.path("completed").asInt() == 1 && p.path("pending").asInt() == 1 && p.path("inProgress").asInt() == 0
                    && p.path("deferred").asInt() == 0;
        }, WAIT), "the unanswered call waits for its retry: " + progress("retry"));
        assertEquals(1, callsTo("+14155550311").size());
        assertEquals("running", campaign("retry").path("status").asText());
        client.sim("POST", "/_sim/clock", Map.of("advance", "PT21M"));

        JsonNode progress = awaitStatus("retry", "completed");
        assertEquals(2, callsTo("+14155550311").size(), "no_answer is retried once (maxAttempts 2)");
        assertEquals(1, callsTo("+14155550312").size(), "busy is not in retry.on");
        assertEquals(1, progress.path("outcomes").path("no_answer").asInt(), progress.toString());
        assertEquals(1, progress.path("outcomes").path("busy").asInt(), progress.toString());
    }

    @Test
    void pause_stopsNewDialsWithinSeconds_resume_goesOn_andNothingIsDialedTwice() {
        List<String> phones = numbers("+141555504", 24);
        phones.forEach(phone -> behave(phone, "answer"));
        create("""
                {"id": "pausing", "name": "Pausing", "action": {"message": "Hello."},
                 "pace": {"callsPerMinute": 120, "maxConcurrent": 2}}""");
        csv("pausing", "phone,voiceConsentSource\n" + String.join(",form\n", phones) + ",form\n");
        command("pausing", "start", 200);
        assertTrue(LocalClient.waitFor(() -> progress("pausing").path("completed").asInt() >= 4, WAIT), progress("pausing").toString());

        command("pausing", "pause", 200);
        command("pausing", "pause", 409);
        sleep(Duration.ofSeconds(3));
        int afterPause = calls(phones);
        sleep(Duration.ofSeconds(4));
        assertEquals(afterPause, calls(phones), "no new dial while paused");
        JsonNode paused = progress("pausing");
        assertTrue(paused.path("pending").asInt() > 0, paused.toString());

        command("pausing", "resume", 200);
        JsonNode progress = awaitStatus("pausing", "completed");
        assertEquals(24, progress.path("completed").asInt(), progress.toString());
        phones.forEach(phone -> assertEquals(1, callsTo(phone).size(), "called once: " + phone));
    }

    @Test
    void cancel_endsEveryTargetNotYetDialed_andNothingIsDialedAfter() {
        List<String> phones = numbers("+141555505", 20);
        phones.forEach(phone -> behave(phone, "answer"));
        create("""
                {"id": "cancelling", "name": "Cancelling", "action": {"message": "Hello."},
                 "pace": {"callsPerMinute": 60, "maxConcurrent": 2}}""");
        csv("cancelling", "phone,voiceConsentSource\n" + String.join(",form\n", phones) + ",form\n");
        command("cancelling", "start", 200);
        assertTrue(LocalClient.waitFor(() -> progress("cancelling").path("completed").asInt() >= 2, WAIT), progress("cancelling").toString());

        command("cancelling", "cancel", 200);
        sleep(Duration.ofSeconds(3));
        int afterCancel = calls(phones);
        sleep(Duration.ofSeconds(4));
        assertEquals(afterCancel, calls(phones), "no new dial after cancel");
        assertTrue(LocalClient.waitFor(() -> {
            JsonNode p = progress("cancelling");
            return p.path("inProgress").asInt() == 0 && p.path("pending").asInt() == 0;
        }, WAIT), progress("cancelling").toString());
        JsonNode progress = progress("cancelling");
        assertEquals(20, progress.path("completed").asInt() + progress.path("cancelled").asInt(), progress.toString());
        assertTrue(progress.path("cancelled").asInt() > 0, progress.toString());
        assertEquals(progress.path("completed").asInt(), afterCancel, "each completed target is one call placed");
        command("cancelling", "resume", 409);
        command("cancelling", "start", 409);
    }

    @Test
    void theGateStillDecides_aTargetOutsideTheCallingWindowIsDeferred_andCalledWhenItOpens() {
        setClock(7, 30);
        behave("+14155550321", "answer");
        create("""
                {"id": "early", "name": "Early", "action": {"message": "Hello."}, "pace": {"callsPerMinute": 60, "maxConcurrent": 1}}""");
        csv("early", "phone,voiceConsentSource\n+14155550321,form\n");
        command("early", "start", 200);
        assertTrue(LocalClient.waitFor(() -> progress("early").path("deferred").asInt() == 1, WAIT), progress("early").toString());
        assertEquals(0, callsTo("+14155550321").size());

        setClock(10, 1);
        JsonNode progress = awaitStatus("early", "completed");
        assertEquals(1, progress.path("outcomes").path("completed").asInt(), progress.toString());
        assertEquals(1, callsTo("+14155550321").size());
    }

    @Test
    void campaignHours_holdATargetUntilItsLocalHourOpens() {
        behave("+14155550331", "answer");
        create("""
                {"id": "hours", "name": "Hours", "action": {"message": "Hello."},
                 "schedule": {"hours": {"start": "14:00", "end": "17:00"}},
                 "pace": {"callsPerMinute": 60, "maxConcurrent": 1}}""");
        csv("hours", "phone,voiceConsentSource\n+14155550331,form\n");
        command("hours", "start", 200);
        sleep(Duration.ofSeconds(4));
        assertEquals(0, callsTo("+14155550331").size(), "11:00 is before the campaign's hours");
        assertEquals(1, progress("hours").path("pending").asInt());

        setClock(14, 0);
        awaitStatus("hours", "completed");
        assertEquals(1, callsTo("+14155550331").size());
    }

    @Test
    void endAt_expiresWhatIsLeft() {
        List<String> phones = numbers("+141555506", 6);
        phones.forEach(phone -> behave(phone, "answer"));
        Instant now = now();
        create("""
                {"id": "ending", "name": "Ending", "action": {"message": "Hello."},
                 "schedule": {"endAt": "%s", "hours": {"start": "16:00", "end": "17:00"}},
                 "pace": {"callsPerMinute": 60, "maxConcurrent": 1}}""".formatted(now.plus(Duration.ofHours(1))));
        csv("ending", "phone,voiceConsentSource\n" + String.join(",form\n", phones) + ",form\n");
        command("ending", "start", 200);
        client.sim("POST", "/_sim/clock", Map.of("advance", "PT2H"));
        JsonNode progress = awaitStatus("ending", "completed");
        assertEquals(6, progress.path("expired").asInt(), progress.toString());
        assertEquals(0, calls(phones));
    }

    @Test
    void lifecycle_refusesImpossibleTransitionsWith409() {
        create("""
                {"id": "states", "name": "States", "action": {"message": "Hello."}}""");
        command("states", "pause", 409);
        command("states", "resume", 409);
        command("states", "cancel", 200);
        command("states", "start", 409);
        command("states", "cancel", 409);
        LocalClient.Reply targets = client.api("POST", "/v1/campaigns/states/targets", "[\"+14155550399\"]");
        assertEquals(409, targets.status(), targets.body().toString());
        assertEquals(404, client.api("POST", "/v1/campaigns/nope/start", "").status());
    }

    @Test
    void aRecurringCampaign_startsARunAtEachFiring_readingItsTagWhenTheRunStarts() {
        tagged("+14155550341", "flu-2026");
        behave("+14155550341", "answer");
        create("""
                {"id": "weekly", "name": "Weekly", "action": {"message": "Hello."}, "audience": {"tag": "flu-2026"},
                 "recurrence": {"cron": "0 13 ? * * *", "timeZone": "America/Los_Angeles"},
                 "pace": {"callsPerMinute": 60, "maxConcurrent": 1}}""");
        assertEquals("scheduled", command("weekly", "start", 200).path("status").asText());
        sleep(Duration.ofSeconds(3));
        assertEquals(0, callsTo("+14155550341").size(), "nothing is dialed before the first firing");

        setClock(13, 0);
        assertTrue(LocalClient.waitFor(() -> runs("weekly").size() == 1
                && runs("weekly").get(0).path("status").asText().equals("completed"), WAIT), runs("weekly").toString());
        assertTrue(LocalClient.waitFor(() -> campaign("weekly").path("status").asText().equals("scheduled"), WAIT));
        tagged("+14155550342", "flu-2026");
        behave("+14155550342", "answer");

        client.sim("POST", "/_sim/clock", Map.of("advance", "P1D"));
        assertTrue(LocalClient.waitFor(() -> runs("weekly").size() == 2
                && runs("weekly").get(0).path("status").asText().equals("completed"), WAIT), runs("weekly").toString());
        List<JsonNode> runs = runs("weekly");
        assertEquals(2, runs.get(0).path("progress").path("total").asInt(), "the second run read the tag again: " + runs);
        assertEquals(1, runs.get(1).path("progress").path("total").asInt(), runs.toString());
        assertEquals(2, callsTo("+14155550341").size());
        assertEquals(1, callsTo("+14155550342").size());
        command("weekly", "cancel", 200);
    }

    @Test
    void aWorkflowAction_startsTheNamedWorkflowForEachTarget() {
        LocalClient.Reply saved = client.api("PUT", "/v1/workflows/campaign-tagger", """
                {"name": "Tag", "trigger": "campaign.target",
                 "steps": [{"type": "addTag", "tag": "reached"}]}""");
        assertEquals(200, saved.status(), saved.body().toString());
        assertEquals(200, client.api("POST", "/v1/workflows/campaign-tagger/publish", "").status());
        create("""
                {"id": "wf", "name": "Workflow", "action": {"workflow": "campaign-tagger"}, "pace": {"callsPerMinute": 600, "maxConcurrent": 5}}""");
        csv("wf", "phone,clinic\n+14155550351,north\n+14155550352,south\n");
        command("wf", "start", 200);
        JsonNode progress = awaitStatus("wf", "completed");
        assertEquals(2, progress.path("outcomes").path("started").asInt(), progress.toString());
        assertTrue(LocalClient.waitFor(() -> client.contact("+14155550351").path("tags").toString().contains("reached"), WAIT),
                client.contact("+14155550351").toString());
    }

    @Test
    void aFlowCampaign_runsTheIvrFlow_andCountsTheFlowsOutcome() {
        LocalClient.Reply saved = client.api("PUT", "/v1/flows/campaign-confirm", Demo.CONFIRM_FLOW);
        assertEquals(200, saved.status(), saved.body().toString());
        assertEquals(200, client.api("POST", "/v1/flows/campaign-confirm/publish", "").status());
        client.sim("PUT", "/_sim/callees/" + LocalClient.encode("+14155550361"), Map.of("behavior", "answer", "gathers", List.of("1")));
        create("""
                {"id": "ivr", "name": "IVR", "action": {"flow": "campaign-confirm"}, "pace": {"callsPerMinute": 60, "maxConcurrent": 1}}""");
        csv("ivr", "phone,firstName,voiceConsentSource,when\n+14155550361,Rosa,form,Friday at 3 pm\n");
        command("ivr", "start", 200);
        JsonNode progress = awaitStatus("ivr", "completed");
        assertEquals(1, progress.path("outcomes").path("confirmed").asInt(), progress.toString());
        String said = callsTo("+14155550361").get(0).path("said").toString();
        assertTrue(said.contains("Rosa") && said.contains("Friday at 3 pm"), "the flow read the row's name and data: " + said);
    }

    @Test
    void twoWorkspaces_withTheSameCampaignId_stayApart() {
        JsonNode other = client.sim("POST", "/_sim/workspaces", Map.of("name", "Other Co", "number", "+14155550190")).body();
        LocalClient otherClient = new LocalClient(runtime.url(), other.path("apiKey").asText());
        create("""
                {"id": "same", "name": "Ours", "action": {"message": "Hello."}}""");
        LocalClient.Reply theirs = otherClient.api("POST", "/v1/campaigns", """
                {"id": "same", "name": "Theirs", "action": {"message": "Hello."}}""");
        assertEquals(201, theirs.status(), theirs.body().toString());
        csv("same", "phone\n+14155550371\n+14155550372\n");
        LocalClient.Reply added = otherClient.rawPost("/v1/campaigns/same/targets", "text/csv",
                Map.of("Authorization", "Bearer " + other.path("apiKey").asText()), "phone\n+14155550371\n");
        assertEquals(1, added.body().path("added").asInt(), "the same number in another workspace is another target: " + added.body());
        assertEquals(2, progress("same").path("total").asInt());
        assertEquals(1, otherClient.api("GET", "/v1/campaigns/same/progress", null).body().path("total").asInt());
        assertEquals("Ours", campaign("same").path("name").asText());
    }

    // ------------------------------------------------------------------ helpers

    private static JsonNode create(String body) {
        LocalClient.Reply reply = client.api("POST", "/v1/campaigns", body);
        assertEquals(201, reply.status(), reply.body().toString());
        return reply.body();
    }

    private static JsonNode csv(String id, String csv) {
        LocalClient.Reply reply = client.rawPost("/v1/campaigns/" + id + "/targets", "text/csv",
                Map.of("Authorization", "Bearer " + runtime.apiKey()), csv);
        assertEquals(200, reply.status(), reply.body().toString());
        return reply.body();
    }

    private static JsonNode command(String id, String command, int status) {
        LocalClient.Reply reply = client.api("POST", "/v1/campaigns/" + id + "/" + command, "");
        assertEquals(status, reply.status(), command + ": " + reply.body());
        return reply.body();
    }

    private static JsonNode campaign(String id) {
        JsonNode campaign = client.api("GET", "/v1/campaigns/" + id, null).body();
        checkInvariants(campaign.path("progress"));
        return campaign;
    }

    /** Reads progress and checks it: total is the sum of the states, completed of the outcomes, failed of the failures. */
    private static JsonNode progress(String id) {
        LocalClient.Reply reply = client.api("GET", "/v1/campaigns/" + id + "/progress", null);
        assertEquals(200, reply.status(), reply.body().toString());
        checkInvariants(reply.body());
        return reply.body();
    }

    private static void checkInvariants(JsonNode progress) {
        int sum = STATES.stream().mapToInt(state -> progress.path(state).asInt()).sum();
        assertEquals(progress.path("total").asInt(), sum, "total = sum of the states: " + progress);
        assertEquals(progress.path("completed").asInt(), sumOf(progress.path("outcomes")), "completed = sum of outcomes: " + progress);
        assertEquals(progress.path("failed").asInt(), sumOf(progress.path("failures")), "failed = sum of failures: " + progress);
    }

    private static int sumOf(JsonNode counts) {
        int sum = 0;
        for (JsonNode count : counts) {
            sum += count.asInt();
        }
        return sum;
    }

    private static JsonNode awaitStatus(String id, String status) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        assertTrue(LocalClient.waitFor(() -> {
            last.set(campaign(id));
            return last.get().path("status").asText().equals(status);
        }, WAIT), "campaign " + id + " should be " + status + ": " + last.get());
        return last.get().path("progress");
    }

    private static List<JsonNode> runs(String id) {
        List<JsonNode> runs = new ArrayList<>();
        client.api("GET", "/v1/campaigns/" + id + "/runs", null).body().path("runs").forEach(run -> {
            checkInvariants(run.path("progress"));
            runs.add(run);
        });
        return runs;
    }

    private static void behave(String phone, String behavior) {
        client.sim("PUT", "/_sim/callees/" + LocalClient.encode(phone), Map.of("behavior", behavior));
    }

    private static void tagged(String phone, String tag) {
        LocalClient.Reply reply = client.api("PUT", "/v1/contacts/" + LocalClient.encode(phone), "{\"tags\": [\"" + tag
                + "\"], \"consent\": {\"voice\": {\"source\": \"form\", \"confirmed\": true, \"at\": \"2026-11-02T15:04:05Z\"}}}");
        assertEquals(200, reply.status(), reply.body().toString());
    }

    /** @param prefix ten characters: the numbers are prefix00 to prefix99 */
    private static List<String> numbers(String prefix, int count) {
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            phones.add(prefix + "%02d".formatted(i));
        }
        return phones;
    }

    private static int calls(List<String> phones) {
        return phones.stream().mapToInt(phone -> callsTo(phone).size()).sum();
    }

    private static List<JsonNode> callsTo(String phone) {
        return client.outboundCallsTo(phone);
    }

    private static Instant now() {
        return Instant.parse(client.sim("GET", "/_sim/clock", null).body().path("now").asText());
    }

    /** The next hour:minute in Los Angeles (today's, or tomorrow's when passed). */
    private static void setClock(int hour, int minute) {
        ZonedDateTime la = now().atZone(ZoneId.of("America/Los_Angeles"));
        ZonedDateTime next = la.withHour(hour).withMinute(minute).withSecond(0).withNano(0);
        if (!next.isAfter(la)) {
            next = next.plusDays(1);
        }
        client.sim("POST", "/_sim/clock", Map.of("set", next.toInstant().toString()));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
