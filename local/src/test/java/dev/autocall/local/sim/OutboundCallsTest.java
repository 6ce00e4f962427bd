package dev.autocall.local.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.CallCreator;
import com.twilio.type.PhoneNumber;
import dev.autocall.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import static dev.autocall.local.sim.ProductStandIn.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outbound calls as the product places them: the real Twilio SDK (through TwilioClients, as the functions
 * build it) against a running simulator, with a stand-in for the product's TwiML and status callback
 * endpoints that checks every webhook's signature. Each test calls its own numbers, so they share one
 * simulator; every request must pass Twilio's contract.
 */
class OutboundCallsTest {
    private static final String BUSINESS = "+14155550100";
    private static final List<String> ALL_EVENTS = List.of("initiated", "ringing", "answered", "completed");
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

    private static SimulatorServer twilio;
    private static ProductStandIn product;

    @BeforeAll
    static void start() throws IOException {
        twilio = new SimulatorServer();
        product = new ProductStandIn(twilio);
        product.twiml("/twiml", """
                <Response><Say>Hello Dana, this is Acme Plumbing.</Say>\
                <Gather numDigits="1" action="/gathered" timeout="5"><Say>Press 1 to confirm your appointment.</Say></Gather>\
                <Say>We did not get your answer.</Say></Response>""");
        product.twiml("/gathered", "<Response><Say>Thank you, see you tomorrow.</Say><Hangup/></Response>");
        product.twiml("/message", "<Response><Say>Hi Dana, your appointment is tomorrow at 10.</Say><Hangup/></Response>");
    }

    @AfterAll
    static void stop() {
        if (product != null) {
            product.close();
        }
        if (twilio != null) {
            twilio.close();
        }
    }

    @AfterEach
    void everyRequestPassedTheContract() {
        assertEquals("[]", twilio.get("/_sim/violations").toString(), "requests that broke Twilio's contract");
    }

    @Test
    void answeredCall_sendsEveryProgressEventInOrder_fetchesTheTwiml_andPostsTheGatheredDigits() {
        String dana = "+14155550131";
        twilio.script(dana, "{\"behavior\": \"answer\", \"digits\": \"1\", \"afterSeconds\": 7}");

        Call created = create(dana, "/twiml", c -> { });

        assertEquals(Call.Status.QUEUED, created.getStatus());
        assertEquals("outbound-api", created.getDirection());
        assertEquals(dana, created.getTo());
        assertEquals(BUSINESS, created.getFrom());
        assertNotNull(created.getDateCreated(), "date_created in RFC 2822, as the SDK reads it");
        assertTrue(created.getSid().matches("CA[0-9a-f]{32}"), created.getSid());
        List<Hit> statuses = product.awaitStatuses(created.getSid(), 4);
        assertEquals(List.of("queued", "ringing", "in-progress", "completed"), param(statuses, "CallStatus"));
        assertEquals(List.of("0", "1", "2", "3"), param(statuses, "SequenceNumber"));
        for (Hit status : statuses) {
            assertEquals("outbound-api", status.params().get("Direction"));
            assertEquals("call-progress-events", status.params().get("CallbackSource"));
            assertEquals(twilio.accountSid, status.params().get("AccountSid"));
            assertEquals("2010-04-01", status.params().get("ApiVersion"));
            assertEquals(BUSINESS, status.params().get("From"));
            assertEquals(dana, status.params().get("To"));
            assertNotNull(ZonedDateTime.parse(status.params().get("Timestamp"), RFC_2822));
        }
        Duration rang = between(statuses.get(1), statuses.get(2));
        assertEquals(Duration.ofSeconds(7), rang, "afterSeconds is the simulated ring time");

        List<Hit> twiml = product.hits(created.getSid(), "/twiml");
        assertEquals(1, twiml.size(), "the TwiML is fetched once, when the call is answered");
        assertEquals("in-progress", twiml.get(0).params().get("CallStatus"));
        assertNull(twiml.get(0).params().get("AnsweredBy"), "no AnsweredBy without machine detection");
        List<Hit> gathered = product.hits(created.getSid(), "/gathered");
        assertEquals(1, gathered.size());
        assertEquals("1", gathered.get(0).params().get("Digits"));
        assertTrue(product.all().stream().allMatch(Hit::signed), "every webhook carries a valid X-Twilio-Signature");

        JsonNode call = twilio.call(created.getSid());
        assertEquals("outbound-api", call.path("direction").asText());
        assertEquals("completed", call.path("status").asText());
        assertEquals("human", call.path("answeredBy").asText());
        assertEquals("1", call.path("digits").asText());
        assertEquals(List.of("Say", "Gather", "Say", "Say", "Hangup"), texts(call.path("verbs")));
        assertEquals("Hello Dana, this is Acme Plumbing.", call.path("played").get(0).path("detail").asText());
        int duration = call.path("durationSeconds").asInt();
        assertTrue(duration > 0);
        Hit last = statuses.get(3);
        assertEquals(Integer.toString(duration), last.params().get("CallDuration"));
        assertEquals(Duration.ofSeconds(duration), between(statuses.get(2), last), "completed when the talking ends");

        Call fetched = Call.fetcher(created.getSid()).fetch(twilio.client);
        assertEquals(Call.Status.COMPLETED, fetched.getStatus());
        assertEquals(Integer.toString(duration), fetched.getDuration());
        assertNotNull(fetched.getStartTime());
        assertNotNull(fetched.getEndTime());
    }

    @Test
    void noKeyPressed_playsOnAfterTheGather() {
        String sam = "+14155550132";

        Call created = create(sam, "/twiml", c -> { });

        product.awaitFinal(created.getSid());
        assertTrue(product.hits(created.getSid(), "/gathered").isEmpty(), "no Gather action without digits");
        JsonNode call = twilio.call(created.getSid());
        assertEquals("", call.path("digits").asText());
        assertEquals(List.of("Say", "Gather", "Say", "Say"), texts(call.path("verbs")));
        assertEquals("We did not get your answer.", call.path("played").get(3).path("detail").asText());
    }

    @Test
    void unansweredCalls_endWithTheirFinalStatus_andSimulatedTimes() {
        String ringsOut = "+14155550133";
        String busy = "+14155550134";
        String broken = "+14155550135";
        String slow = "+14155550136";
        twilio.script(ringsOut, "{\"behavior\": \"no-answer\"}");
        twilio.script(busy, "{\"behavior\": \"busy\"}");
        twilio.script(broken, "{\"behavior\": \"fail\"}");
        twilio.script(slow, "{\"behavior\": \"answer\", \"afterSeconds\": 40}");

        Map<String, List<String>> expected = Map.of(
                ringsOut, List.of("queued", "ringing", "no-answer"),
                busy, List.of("queued", "busy"),
                broken, List.of("queued", "failed"),
                slow, List.of("queued", "ringing", "no-answer"));
        Instant began = Instant.now();
        for (String number : List.of(ringsOut, busy, broken, slow)) {
            Call created = create(number, "/twiml", c -> c.setTimeout(25));
            List<Hit> statuses = product.awaitStatuses(created.getSid(), expected.get(number).size());
            assertEquals(expected.get(number), param(statuses, "CallStatus"), number);
            Hit last = statuses.get(statuses.size() - 1);
            assertEquals("0", last.params().get("CallDuration"));
            assertTrue(product.hits(created.getSid(), "/twiml").isEmpty(), "no TwiML for a call nobody answered");
            assertEquals(last.params().get("CallStatus"), twilio.call(created.getSid()).path("status").asText());
            if (number.equals(ringsOut) || number.equals(slow)) {
                assertEquals(Duration.ofSeconds(25), between(statuses.get(0), last), "rang for the whole Timeout");
            }
        }
        assertTrue(Duration.between(began, Instant.now()).compareTo(Duration.ofSeconds(20)) < 0, "nobody waited for real");
    }

    @Test
    void voicemail_withDetectMessageEnd_isAnsweredByMachineEndBeep_andTheMessageIsLeft() {
        String box = "+14155550137";
        twilio.script(box, "{\"behavior\": \"voicemail\", \"digits\": \"1\"}");

        Call created = create(box, "/message", c -> c.setMachineDetection("DetectMessageEnd"));

        List<Hit> statuses = product.awaitStatuses(created.getSid(), 4);
        Hit fetch = product.hits(created.getSid(), "/message").get(0);
        assertEquals("machine_end_beep", fetch.params().get("AnsweredBy"));
        Hit last = statuses.get(3);
        assertEquals("completed", last.params().get("CallStatus"));
        assertEquals("machine_end_beep", last.params().get("AnsweredBy"));
        JsonNode call = twilio.call(created.getSid());
        assertEquals("machine_end_beep", call.path("answeredBy").asText());
        assertEquals(List.of("Say", "Hangup"), texts(call.path("verbs")), "the message is played into the mailbox");
        assertEquals("", call.path("digits").asText(), "a machine presses nothing");
        assertEquals("machine_end_beep", Call.fetcher(created.getSid()).fetch(twilio.client).getAnsweredBy());
    }

    @Test
    void machineDetectionEnable_tellsMachineStartFromHuman() {
        String box = "+14155550138";
        String person = "+14155550139";
        twilio.script(box, "{\"behavior\": \"voicemail\"}");

        Call machine = create(box, "/message", c -> c.setMachineDetection("Enable"));
        Call human = create(person, "/message", c -> c.setMachineDetection("Enable"));

        assertEquals("machine_start", product.awaitFinal(machine.getSid()).params().get("AnsweredBy"));
        assertEquals("machine_start", product.hits(machine.getSid(), "/message").get(0).params().get("AnsweredBy"));
        assertEquals("human", product.awaitFinal(human.getSid()).params().get("AnsweredBy"));
        assertEquals("human", product.hits(human.getSid(), "/message").get(0).params().get("AnsweredBy"));
    }

    @Test
    void invalidNumber_isRefusedWith21211_andNoCallIsMade() {
        String invalid = "+14155550140";
        twilio.script(invalid, "{\"behavior\": \"invalid\"}");

        ApiException e = assertThrows(ApiException.class, () -> create(invalid, "/twiml", c -> { }));

        assertEquals(21211, e.getCode());
        assertEquals(400, e.getStatusCode());
        assertTrue(twilio.calls().stream().noneMatch(c -> c.path("to").asText().equals(invalid)));
    }

    @Test
    void throttle1_answersTheFirstCreate429_andTheSecond201() throws IOException {
        String number = "+14155550141";
        twilio.script(number, "{\"behavior\": \"answer\", \"throttle\": 1}");
        String form = "To=" + URLEncoder.encode(number, StandardCharsets.UTF_8) + "&From=" + URLEncoder.encode(BUSINESS, StandardCharsets.UTF_8)
                + "&Url=" + URLEncoder.encode(product.url() + "/message", StandardCharsets.UTF_8);

        HttpResponse<String> first = twilio.post("/2010-04-01/Accounts/" + twilio.accountSid + "/Calls.json", form);
        HttpResponse<String> second = twilio.post("/2010-04-01/Accounts/" + twilio.accountSid + "/Calls.json", form);

        assertEquals(429, first.statusCode());
        JsonNode error = Json.MAPPER.readTree(first.body());
        assertEquals(20429, error.path("code").asInt());
        assertEquals(429, error.path("status").asInt());
        assertEquals(201, second.statusCode());
        assertEquals("queued", Json.MAPPER.readTree(second.body()).path("status").asText());
        assertEquals(1, twilio.calls().stream().filter(c -> c.path("to").asText().equals(number)).count());
    }

    @Test
    void faults_failTheSetShareOfRestRequests_withTwiliosErrors_andTheSameSeedFailsTheSameRequests() throws IOException {
        String number = "+14155550171";
        String form = "To=" + URLEncoder.encode(number, StandardCharsets.UTF_8) + "&From=" + URLEncoder.encode(BUSINESS, StandardCharsets.UTF_8)
                + "&Url=" + URLEncoder.encode(product.url() + "/message", StandardCharsets.UTF_8);
        List<List<Integer>> runs = new ArrayList<>();
        int listed;
        try {
            for (int run = 0; run < 2; run++) {
                assertEquals(200, twilio.postJson("/_sim/faults", "{\"rate\": 0.3, \"kinds\": [\"429\", \"500\", \"503\"], \"seed\": 7}"));
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    statuses.add(twilio.post("/2010-04-01/Accounts/" + twilio.accountSid + "/Calls.json", form).statusCode());
                }
                runs.add(statuses);
            }
            listed = twilio.get("/_sim/faults").path("injected").size();
        } finally {
            twilio.postJson("/_sim/faults", "{\"rate\": 0}");
        }

        assertEquals(runs.get(0), runs.get(1), "the same seed fails the same requests");
        List<Integer> failed = runs.get(0).stream().filter(status -> status != 201).toList();
        assertTrue(failed.size() >= 2 && failed.size() <= 12, "about 30 % of 20 fail: " + runs.get(0));
        assertTrue(List.of(429, 500, 503).containsAll(failed), runs.get(0).toString());
        assertEquals(2 * (20 - failed.size()), twilio.calls().stream().filter(c -> c.path("to").asText().equals(number)).count(),
                "a failed request places no call");
        assertEquals(failed.size(), listed, "each fault is listed at GET /_sim/faults");
    }

    @Test
    void timeoutFault_holdsTheRequest_thenDropsTheConnection_andTheSdkThrows() {
        String number = "+14155550172";
        try {
            assertEquals(200, twilio.postJson("/_sim/faults", "{\"rate\": 1, \"kinds\": [\"timeout\"], \"hangSeconds\": 1}"));
            long started = System.nanoTime();

            assertThrows(ApiException.class, () -> create(number, "/message", c -> { }));

            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 1000, "held for hangSeconds");
            assertEquals(0, twilio.calls().stream().filter(c -> c.path("to").asText().equals(number)).count(), "not acted on");
            assertEquals("timeout", twilio.get("/_sim/faults").path("injected").get(0).path("kind").asText());
        } finally {
            twilio.postJson("/_sim/faults", "{\"rate\": 0}");
        }
        assertEquals(Call.Status.QUEUED, create(number, "/message", c -> { }).getStatus(), "served again once the rate is 0");
    }

    @Test
    void faultSettings_areChecked() {
        assertEquals(400, twilio.postJson("/_sim/faults", "{\"rate\": 1.5}"));
        assertEquals(400, twilio.postJson("/_sim/faults", "{\"rate\": 0.2, \"kinds\": [\"418\"]}"));
        assertEquals(400, twilio.postJson("/_sim/faults", "{\"rate\": 0.2, \"seed\": \"seven\"}"));
        assertEquals(400, twilio.postJson("/_sim/faults", "{\"rate\": 0.2, \"often\": true}"));
        assertEquals(0.0, twilio.get("/_sim/faults").path("rate").asDouble(), "a refused setting changes nothing");
    }

    @Test
    void throttledThroughTheSdk_theHttpClientRetriesOnce_thenTheSdkThrows429() {
        // The SDK's Apache HttpClient (default retry strategy) repeats a 429 once, after a second, by itself:
        // throttle 1 is absorbed; throttle 2 reaches the caller as ApiException 20429.
        String absorbed = "+14155550154";
        twilio.script(absorbed, "{\"behavior\": \"answer\", \"throttle\": 1}");
        assertEquals(Call.Status.QUEUED, create(absorbed, "/message", c -> { }).getStatus());

        String number = "+14155550155";
        twilio.script(number, "{\"behavior\": \"answer\", \"throttle\": 2}");
        ApiException e = assertThrows(ApiException.class, () -> create(number, "/message", c -> { }));
        assertEquals(429, e.getStatusCode());
        assertEquals(20429, e.getCode());

        Call created = create(number, "/message", c -> { });
        assertEquals(Call.Status.QUEUED, created.getStatus());
        assertEquals("completed", product.awaitFinal(created.getSid()).params().get("CallStatus"));
    }

    @Test
    void repeatCallbacks_sendsEachStatusCallbackTwice() {
        String number = "+14155550142";
        twilio.script(number, "{\"behavior\": \"answer\", \"repeatCallbacks\": true}");

        Call created = create(number, "/message", c -> { });

        List<Hit> statuses = product.awaitStatuses(created.getSid(), 8);
        assertEquals(List.of("queued", "queued", "ringing", "ringing", "in-progress", "in-progress", "completed", "completed"),
                param(statuses, "CallStatus"));
        assertEquals(List.of("0", "0", "1", "1", "2", "2", "3", "3"), param(statuses, "SequenceNumber"));
        assertEquals(1, product.hits(created.getSid(), "/message").size(), "the TwiML is still fetched once");
    }

    @Test
    void outOfOrder_deliversTheFinalStatusBeforeTheEarlierOnes() {
        String number = "+14155550143";
        twilio.script(number, "{\"behavior\": \"answer\", \"outOfOrder\": true}");

        Call created = create(number, "/message", c -> { });

        List<Hit> statuses = product.awaitStatuses(created.getSid(), 4);
        List<String> order = param(statuses, "CallStatus");
        assertEquals(List.of("completed", "queued", "ringing", "in-progress"), order);
        assertTrue(order.indexOf("completed") < order.indexOf("ringing"));
        assertEquals(List.of("3", "0", "1", "2"), param(statuses, "SequenceNumber"), "sequence numbers tell the true order");
    }

    @Test
    void statusCallbackWithoutEvents_stillGetsTheFinalStatus() {
        String number = "+14155550144";

        Call created = Call.creator(new PhoneNumber(number), new PhoneNumber(BUSINESS), URI.create(product.url() + "/message"))
                .setStatusCallback(URI.create(product.url() + "/status"))
                .create(twilio.client);

        List<Hit> statuses = product.awaitStatuses(created.getSid(), 1);
        assertEquals(List.of("completed"), param(statuses, "CallStatus"));
        assertEquals("0", statuses.get(0).params().get("SequenceNumber"));
    }

    @Test
    void dialInsideAnOutboundCall_ringsTheDialedNumberAsItsOwnScriptSays() {
        String agent = "+14155550145";
        Map<String, String> customers = Map.of(
                "+14155550146", "{\"behavior\": \"answer\"}",
                "+14155550147", "{\"behavior\": \"busy\"}",
                "+14155550148", "{\"behavior\": \"answer\", \"afterSeconds\": 30}",
                "+14155550149", "{\"behavior\": \"voicemail\", \"afterSeconds\": 5}");
        Map<String, String> expected = Map.of("+14155550146", "completed", "+14155550147", "busy",
                "+14155550148", "no-answer", "+14155550149", "completed");
        // A person talks for 42 simulated seconds; a voicemail box records for 20.
        Map<String, String> durations = Map.of("+14155550146", "42", "+14155550147", "0", "+14155550148", "0", "+14155550149", "20");
        for (Map.Entry<String, String> customer : customers.entrySet()) {
            twilio.script(customer.getKey(), customer.getValue());
            String path = "/connect-" + customer.getKey().substring(1);
            product.twiml(path, "<Response><Say>Connecting you to the customer.</Say>"
                    + "<Dial action=\"/connected\" timeout=\"20\" record=\"record-from-answer\"><Number statusCallback=\"/leg\""
                    + " statusCallbackEvent=\"answered completed\">" + customer.getKey() + "</Number></Dial></Response>");

            Call created = create(agent, path, c -> { });

            product.awaitFinal(created.getSid());
            Hit connected = product.hits(created.getSid(), "/connected").get(0);
            String status = expected.get(customer.getKey());
            assertEquals(status, connected.params().get("DialCallStatus"), customer.getKey());
            assertEquals(durations.get(customer.getKey()), connected.params().get("DialCallDuration"), customer.getKey());
            assertEquals(status.equals("completed"), connected.params().containsKey("RecordingUrl"), "recorded from answer");
            assertTrue(connected.params().get("DialCallSid").matches("CA[0-9a-f]{32}"));
            List<String> leg = product.all().stream().filter(h -> h.path().equals("/leg")
                    && created.getSid().equals(h.params().get("ParentCallSid"))).map(h -> h.params().get("CallStatus")).toList();
            assertEquals(status.equals("completed") ? List.of("in-progress", "completed") : List.of(status), leg, customer.getKey());
        }
    }

    @Test
    void reader_findsTheCallByToFromAndStartTime_acrossPages() {
        String number = "+14155550150";
        ZonedDateTime before = ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(5).withSecond(7).truncatedTo(ChronoUnit.SECONDS);
        List<String> sids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sids.add(create(number, "/message", c -> { }).getSid());
        }
        create("+14155550151", "/message", c -> { });

        List<String> found = new ArrayList<>();
        Call.reader().setTo(new PhoneNumber(number)).setFrom(new PhoneNumber(BUSINESS)).setStartTimeAfter(before)
                .setPageSize(2L).read(twilio.client).forEach(call -> found.add(call.getSid()));
        assertEquals(List.of(sids.get(2), sids.get(1), sids.get(0)), found, "all three, newest first, over two pages");

        List<Call> later = new ArrayList<>();
        Call.reader().setTo(new PhoneNumber(number)).setStartTimeAfter(before.plusHours(1)).read(twilio.client).forEach(later::add);
        assertTrue(later.isEmpty(), "nothing started after the filter's time");
        List<Call> otherCaller = new ArrayList<>();
        Call.reader().setTo(new PhoneNumber(number)).setFrom(new PhoneNumber("+14155550999")).read(twilio.client).forEach(otherCaller::add);
        assertTrue(otherCaller.isEmpty(), "From filters too");
        List<Call> onlyTo = new ArrayList<>();
        Call.reader().setTo(new PhoneNumber(number)).limit(1).read(twilio.client).forEach(onlyTo::add);
        assertEquals(List.of(sids.get(2)), onlyTo.stream().map(Call::getSid).toList());
    }

    @Test
    void sdkStartTimeOnAWholeMinute_isNotADateTimeTwilioDescribes() throws IOException {
        // The SDK (11.0.2) writes StartTime> with ZonedDateTime.toString(): on a whole minute that is
        // "2026-11-25T15:00Z", without seconds, which the contract's date-time format refuses.
        try (SimulatorServer own = new SimulatorServer()) {
            ZonedDateTime wholeMinute = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
            ApiException e = assertThrows(ApiException.class, () -> Call.reader().setTo(new PhoneNumber("+14155550152"))
                    .setStartTimeAfter(wholeMinute).read(own.client).forEach(c -> { }));
            assertEquals(400, e.getStatusCode());
            JsonNode violations = own.get("/_sim/violations");
            assertEquals(1, violations.size());
            assertTrue(violations.get(0).path("problems").toString().contains("date"), violations.toString());
        }
    }

    @Test
    void calleeScripts_areChecked() {
        assertEquals(400, twilio.put("/_sim/callees/+14155550153", "{\"behavior\": \"answer\", \"throttle\": -1}"));
        assertEquals(400, twilio.put("/_sim/callees/+14155550153", "{\"behavior\": \"answer\", \"outOfOrder\": \"yes\"}"));
        assertEquals(400, twilio.put("/_sim/callees/+14155550153", "{\"behavior\": \"answer\", \"digits\": \"1a\"}"));
        assertEquals(400, twilio.put("/_sim/callees/+14155550153", "{\"behavior\": \"answer\", \"repeat\": true}"));
        assertEquals(400, twilio.put("/_sim/callees/+14155550153", "{\"behavior\": \"hang-up\"}"));
        assertEquals(200, twilio.put("/_sim/callees/+14155550153", "{\"behavior\": \"voicemail\", \"digits\": \"12#\","
                + " \"afterSeconds\": 3, \"throttle\": 2, \"repeatCallbacks\": false, \"outOfOrder\": false}"));
    }

    // ------------------------------------------------------------------ helpers

    private static Call create(String to, String twimlPath, Consumer<CallCreator> customize) {
        CallCreator creator = Call.creator(new PhoneNumber(to), new PhoneNumber(BUSINESS), URI.create(product.url() + twimlPath))
                .setStatusCallback(URI.create(product.url() + "/status"))
                .setStatusCallbackMethod(HttpMethod.POST)
                .setStatusCallbackEvent(ALL_EVENTS)
                .setTimeout(25)
                .setRecord(false);
        customize.accept(creator);
        return creator.create(twilio.client);
    }

    private static Duration between(Hit earlier, Hit later) {
        return Duration.between(ZonedDateTime.parse(earlier.params().get("Timestamp"), RFC_2822),
                ZonedDateTime.parse(later.params().get("Timestamp"), RFC_2822));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
