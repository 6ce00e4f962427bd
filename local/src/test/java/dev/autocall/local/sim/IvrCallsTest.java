package dev.autocall.local.sim;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.autocall.local.sim.ProductStandIn.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IVR calls as the simulator plays them: a callee scripted key by Gather, one who hangs up part-way, a whisper to
 * a dialed party, a spoken code, and a flow that never ends. The product's side is a stand-in answering fixed
 * TwiML by path; the calls are placed with the real Twilio SDK.
 */
class IvrCallsTest {
    private static final String BUSINESS = "+14155550100";

    private static SimulatorServer twilio;
    private static ProductStandIn product;

    @BeforeAll
    static void start() throws IOException {
        twilio = new SimulatorServer();
        product = new ProductStandIn(twilio);
        // Inbound calls go to the gateway's /twilio/ webhooks: here the stand-in answers them on the simulator's port.
        twilio.server.createContext("/twilio/", product::handle);
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
    void gathers_answerEachGatherInTurn_emptyForNoInput_andNothingOnceTheyRunOut() {
        // GIVEN a menu of four Gathers and a callee who is silent at the first, then presses 1, then 2 3 #
        String dana = "+14155550201";
        twilio.script(dana, "{\"behavior\": \"answer\", \"gathers\": [\"\", \"1\", \"23#\"]}");
        product.twiml("/g/menu", gather("/g/second", 1, "Press 1 to confirm."));
        product.twiml("/g/second", gather("/g/third", 1, "Sorry, I did not get that. Press 1 to confirm."));
        product.twiml("/g/third", gather("/g/fourth", 0, "Enter your house number, then the hash key."));
        product.twiml("/g/fourth", """
                <Response><Gather numDigits="1" action="/g/fifth"><Say>Press 1 to hear this again.</Say></Gather>\
                <Say>Goodbye.</Say></Response>""");

        // WHEN
        Call created = create(dana, "/g/menu");

        // THEN each Gather's action heard that Gather's keys; the fourth, with none left, fell through
        product.awaitFinal(created.getSid());
        assertEquals("", product.hits(created.getSid(), "/g/second").get(0).params().get("Digits"), "no input, actionOnEmptyResult");
        assertEquals("1", product.hits(created.getSid(), "/g/third").get(0).params().get("Digits"));
        assertEquals("23", product.hits(created.getSid(), "/g/fourth").get(0).params().get("Digits"), "finishOnKey # not included");
        assertTrue(product.hits(created.getSid(), "/g/fifth").isEmpty(), "no keys left: no input, and no action without actionOnEmptyResult");
        JsonNode call = twilio.call(created.getSid());
        assertEquals("123", call.path("digits").asText());
        assertEquals(List.of("1", "23"), values(call.path("keys"), "keys"), "the key presses, in order");
        Instant first = Instant.parse(call.path("keys").get(0).path("at").asText());
        Instant second = Instant.parse(call.path("keys").get(1).path("at").asText());
        assertTrue(first.isAfter(Instant.parse(call.path("answeredAt").asText())) && second.isAfter(first), call.toString());
        assertEquals(List.of("no input", "digits=1", "digits=23", "no input"), gatherOutcomes(call));
        assertEquals("Goodbye.", last(values(call.path("said"), "text")));
    }

    @Test
    void calleeScript_refusesDigitsAndGathersTogether_andGathersThatAreNotKeys() {
        HttpResponse<String> both = twilio.putResponse("/_sim/callees/+14155550202",
                "{\"behavior\": \"answer\", \"digits\": \"1\", \"gathers\": [\"1\"]}");
        assertEquals(400, both.statusCode());
        String message = Json.tree(both.body()).path("error").path("message").asText();
        assertTrue(message.contains("digits") && message.contains("gathers"), message);

        assertEquals(400, twilio.put("/_sim/callees/+14155550202", "{\"behavior\": \"answer\", \"gathers\": \"1\"}"));
        assertEquals(400, twilio.put("/_sim/callees/+14155550202", "{\"behavior\": \"answer\", \"gathers\": [\"1\", 2]}"));
        assertEquals(400, twilio.put("/_sim/callees/+14155550202", "{\"behavior\": \"answer\", \"gathers\": [\"yes\"]}"));
        assertEquals(400, twilio.put("/_sim/callees/+14155550202", "{\"behavior\": \"answer\", \"hangupAfterSeconds\": -1}"));
        assertEquals(400, twilio.put("/_sim/callees/+14155550202", "{\"behavior\": \"answer\", \"hangupAfterSeconds\": \"10\"}"));
        assertEquals(200, twilio.put("/_sim/callees/+14155550202",
                "{\"behavior\": \"answer\", \"gathers\": [\"\", \"1\", \"12#\"], \"hangupAfterSeconds\": 30}"));
    }

    @Test
    void hangupAfterSeconds_endsTheCallMidFlow_withNoFurtherRequest_andCompletedWithThatDuration() {
        // GIVEN a callee who presses 1 and hangs up 10 s after answering, during the 10-second pause that follows:
        // intro 2 s ("Hello Dana, this is Acme Plumbing." 34 characters), prompt 2 s, key 1 s, "Thank you." 1 s
        String dana = "+14155550203";
        twilio.script(dana, "{\"behavior\": \"answer\", \"gathers\": [\"1\"], \"hangupAfterSeconds\": 10}");
        product.twiml("/h/start", """
                <Response><Say>Hello Dana, this is Acme Plumbing.</Say>\
                <Gather numDigits="1" action="/h/after"><Say>Press 1 to confirm your visit.</Say></Gather></Response>""");
        product.twiml("/h/after", "<Response><Say>Thank you.</Say><Pause length=\"10\"/><Redirect>/h/again</Redirect></Response>");

        // WHEN
        Call created = create(dana, "/h/start");

        // THEN
        List<Hit> statuses = product.awaitStatuses(created.getSid(), 4);
        assertEquals("1", product.hits(created.getSid(), "/h/after").get(0).params().get("Digits"), "pressed before hanging up");
        assertTrue(product.hits(created.getSid(), "/h/again").isEmpty(), "no request after the callee hung up");
        Hit last = statuses.get(3);
        assertEquals("completed", last.params().get("CallStatus"));
        assertEquals("10", last.params().get("CallDuration"));
        JsonNode call = twilio.call(created.getSid());
        assertEquals(10, call.path("durationSeconds").asInt());
        assertEquals("callee", call.path("hungUpBy").asText());
        assertEquals(List.of("Say", "Gather", "Say", "Say", "Pause"), texts(call.path("verbs")), "the Redirect never played");
    }

    @Test
    void hangupAfterSeconds_duringAGatherPrompt_pressesNothing_andRequestsNoAction() {
        String sam = "+14155550204";
        twilio.script(sam, "{\"behavior\": \"answer\", \"gathers\": [\"1\"], \"hangupAfterSeconds\": 3}");
        product.twiml("/p/start", """
                <Response><Say>Hello Sam, this is Acme Plumbing.</Say>\
                <Gather numDigits="1" action="/p/after" actionOnEmptyResult="true">\
                <Say>Press 1 to confirm your visit tomorrow at ten in the morning.</Say></Gather></Response>""");

        Call created = create(sam, "/p/start");

        assertEquals("3", product.awaitFinal(created.getSid()).params().get("CallDuration"));
        assertTrue(product.hits(created.getSid(), "/p/after").isEmpty(), "hung up during the prompt: no action");
        JsonNode call = twilio.call(created.getSid());
        assertEquals("", call.path("digits").asText());
        assertEquals(0, call.path("keys").size());
        assertEquals(List.of("hung up"), gatherOutcomes(call));
    }

    @Test
    void numberUrl_isFetchedSignedForTheDialedLeg_andItsWhisperIsRecordedAsSaidToTheDialedParty() {
        // GIVEN
        String caller = "+14155550205";
        String agent = "+14155550206";
        twilio.script(agent, "{\"behavior\": \"answer\"}");
        product.twiml("/w/connect", "<Response><Say>Connecting you now.</Say><Dial action=\"/w/dialed\" timeout=\"20\">"
                + "<Number url=\"/w/whisper\" statusCallback=\"/w/leg\" statusCallbackEvent=\"answered completed\">"
                + agent + "</Number></Dial></Response>");
        product.twiml("/w/whisper", "<Response><Say>Call from Acme about Dana's appointment.</Say></Response>");

        // WHEN
        Call created = create(caller, "/w/connect");

        // THEN the whisper was requested as Twilio requests a Number url: signed, for the dialed leg
        product.awaitFinal(created.getSid());
        Hit dialed = product.hits(created.getSid(), "/w/dialed").get(0);
        assertEquals("completed", dialed.params().get("DialCallStatus"));
        List<Hit> whispers = product.all().stream().filter(h -> h.path().equals("/w/whisper")).toList();
        assertEquals(1, whispers.size());
        Hit whisper = whispers.get(0);
        assertTrue(whisper.signed(), "signed as Twilio signs it");
        assertEquals(dialed.params().get("DialCallSid"), whisper.params().get("CallSid"));
        assertEquals(created.getSid(), whisper.params().get("ParentCallSid"));
        assertEquals(agent, whisper.params().get("To"));
        assertEquals("outbound-dial", whisper.params().get("Direction"));
        assertEquals("in-progress", whisper.params().get("CallStatus"));
        List<String> order = product.all().stream()
                .filter(h -> created.getSid().equals(h.params().get("ParentCallSid")) || h.path().equals("/w/dialed"))
                .map(h -> h.path() + (h.path().equals("/w/leg") ? " " + h.params().get("CallStatus") : "")).toList();
        assertEquals(List.of("/w/leg in-progress", "/w/whisper", "/w/leg completed", "/w/dialed"), order,
                "answered, then the whisper, then the leg ends, then the Dial's action");
        JsonNode call = twilio.call(created.getSid());
        assertEquals("callee:Connecting you now.|dialed:Call from Acme about Dana's appointment.", said(call));
        assertEquals(List.of("Say", "Dial"), texts(call.path("verbs")), "the whisper's verbs are the dialed leg's, not the call's");
    }

    @Test
    void numberUrl_isNotFetched_whenTheDialedNumberDoesNotAnswer() {
        String caller = "+14155550207";
        String agent = "+14155550208";
        twilio.script(agent, "{\"behavior\": \"no-answer\"}");
        product.twiml("/n/connect", "<Response><Dial action=\"/n/dialed\" timeout=\"20\"><Number url=\"/n/whisper\">"
                + agent + "</Number></Dial></Response>");

        Call created = create(caller, "/n/connect");

        product.awaitFinal(created.getSid());
        assertEquals("no-answer", product.hits(created.getSid(), "/n/dialed").get(0).params().get("DialCallStatus"));
        assertTrue(product.all().stream().noneMatch(h -> h.path().equals("/n/whisper")), "nobody to whisper to");
    }

    @Test
    void aSpokenCode_oneDigitSaysWithPauses_isRecordedDigitByDigit_andALoopedSayTwice() {
        String priya = "+14155550209";
        product.twiml("/c/code", """
                <Response><Say>Your code is</Say><Say>4</Say><Pause length="1"/><Say>7</Say><Pause length="1"/>\
                <Say>1</Say><Pause length="1"/><Say>9</Say><Say loop="2">Goodbye.</Say></Response>""");

        Call created = create(priya, "/c/code");

        product.awaitFinal(created.getSid());
        JsonNode call = twilio.call(created.getSid());
        assertEquals("callee:Your code is|callee:4|callee:7|callee:1|callee:9|callee:Goodbye.|callee:Goodbye.", said(call));
        assertEquals(List.of("Say", "Say", "Pause", "Say", "Pause", "Say", "Pause", "Say", "Say"), texts(call.path("verbs")));
    }

    @Test
    void aFlowThatNeverEnds_isStoppedAfter100Documents_butAMenuReplayedTenTimesPlaysToItsEnd() {
        // GIVEN a menu that redirects to itself for ever, and one replayed ten times on no input before a goodbye
        String loops = "+14155550210";
        String patient = "+14155550211";
        product.twiml("/l/loop", "<Response><Say>Main menu.</Say><Redirect>/l/loop</Redirect></Response>");
        for (int i = 1; i <= 10; i++) {
            // two documents per round: the menu, then the no-input answer that replays it
            product.twiml("/m/menu" + i, gather("/m/none" + i, 1, "Press 1 for opening hours, 2 for an appointment."));
            product.twiml("/m/none" + i, "<Response><Say>Sorry.</Say><Redirect>/m/menu" + (i + 1) + "</Redirect></Response>");
        }
        product.twiml("/m/menu11", "<Response><Say>Goodbye.</Say><Hangup/></Response>");

        // WHEN
        Call runaway = create(loops, "/l/loop");
        Call replayed = create(patient, "/m/menu1");

        // THEN
        assertEquals("completed", product.awaitFinal(runaway.getSid()).params().get("CallStatus"));
        assertEquals(100, product.hits(runaway.getSid(), "/l/loop").size(), "the first fetch and 99 redirects");
        JsonNode call = twilio.call(runaway.getSid());
        JsonNode lastPlayed = call.path("played").get(call.path("played").size() - 1);
        assertEquals("Error", lastPlayed.path("verb").asText());
        assertTrue(lastPlayed.path("detail").asText().startsWith("more than 100 TwiML documents"), lastPlayed.toString());

        product.awaitFinal(replayed.getSid());
        assertEquals(1, product.hits(replayed.getSid(), "/m/menu11").size(), "21 documents fit");
        assertEquals("Hangup", last(texts(twilio.call(replayed.getSid()).path("verbs"))));
    }

    @Test
    void machineDetection_requestsTheUrlWithAnsweredBy_andOnlyAPersonPressesTheScriptedKeys() {
        // GIVEN a person and a voicemail box, both scripted to press 1
        String person = "+14155550214";
        String box = "+14155550215";
        twilio.script(person, "{\"behavior\": \"answer\", \"gathers\": [\"1\"]}");
        twilio.script(box, "{\"behavior\": \"voicemail\", \"gathers\": [\"1\"]}");
        product.twiml("/a/start", gather("/a/keys", 1, "Press 1 to confirm."));

        // WHEN both are called with answering machine detection
        Call human = create(person, "/a/start", "Enable");
        Call machine = create(box, "/a/start", "DetectMessageEnd");

        // THEN
        product.awaitFinal(human.getSid());
        product.awaitFinal(machine.getSid());
        assertEquals("human", product.hits(human.getSid(), "/a/start").get(0).params().get("AnsweredBy"));
        assertEquals("1", product.hits(human.getSid(), "/a/keys").get(0).params().get("Digits"));
        assertEquals("machine_end_beep", product.hits(machine.getSid(), "/a/start").get(0).params().get("AnsweredBy"));
        assertEquals("", product.hits(machine.getSid(), "/a/keys").get(0).params().get("Digits"), "a machine presses nothing");
    }

    @Test
    void inboundCaller_pressesScriptedKeysPerGather_andHangsUpWhenPatienceRunsOut() {
        // GIVEN a business number answered with a menu, and a caller who is silent once, then presses 2
        product.twiml("/twilio/voice/inbound", gather("/twilio/ivr/second", 1, "Press 1 for hours, 2 for a booking."));
        product.twiml("/twilio/ivr/second", gather("/twilio/ivr/third", 1, "Press 1 for hours, 2 for a booking."));
        product.twiml("/twilio/ivr/third", "<Response><Say>Booking.</Say><Pause length=\"30\"/><Redirect>/twilio/ivr/more</Redirect></Response>");

        // WHEN
        HttpResponse<String> answer = twilio.postResponse("/_sim/inbound-call",
                "{\"from\": \"+14155550212\", \"to\": \"" + BUSINESS + "\", \"gathers\": [\"\", \"2\"], \"hangupAfterSeconds\": 30}");

        // THEN
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode call = Json.tree(answer.body());
        String sid = call.path("sid").asText();
        assertEquals("", product.hits(sid, "/twilio/ivr/second").get(0).params().get("Digits"));
        assertEquals("2", product.hits(sid, "/twilio/ivr/third").get(0).params().get("Digits"));
        assertTrue(product.hits(sid, "/twilio/ivr/more").isEmpty(), "the caller hung up during the pause");
        assertEquals(List.of("2"), values(call.path("keys"), "keys"));
        assertEquals("callee", call.path("hungUpBy").asText());
        assertEquals("30", product.hits(sid, "/twilio/voice/status").get(0).params().get("CallDuration"));
        assertTrue(product.all().stream().filter(h -> sid.equals(h.params().get("CallSid"))).allMatch(Hit::signed));
    }

    @Test
    void inboundCall_refusesDigitsAndGathersTogether() {
        HttpResponse<String> answer = twilio.postResponse("/_sim/inbound-call",
                "{\"from\": \"+14155550213\", \"to\": \"" + BUSINESS + "\", \"digits\": \"1\", \"gathers\": [\"1\"]}");

        assertEquals(400, answer.statusCode());
        assertTrue(answer.body().contains("digits or gathers"), answer.body());
        assertTrue(twilio.calls().stream().noneMatch(c -> c.path("from").asText().equals("+14155550213")), "no call played");
    }

    // ------------------------------------------------------------------ helpers

    private static Call create(String to, String twimlPath) {
        return creator(to, twimlPath).create(twilio.client);
    }

    private static Call create(String to, String twimlPath, String machineDetection) {
        return creator(to, twimlPath).setMachineDetection(machineDetection).create(twilio.client);
    }

    private static CallCreator creator(String to, String twimlPath) {
        return Call.creator(new PhoneNumber(to), new PhoneNumber(BUSINESS), URI.create(product.url() + twimlPath))
                .setStatusCallback(URI.create(product.url() + "/status"))
                .setStatusCallbackMethod(HttpMethod.POST)
                .setStatusCallbackEvent(List.of("initiated", "ringing", "answered", "completed"))
                .setTimeout(25);
    }

    /** A Gather that calls its action even on no input, as an IVR menu does. */
    private static String gather(String action, int numDigits, String prompt) {
        return "<Response><Gather numDigits=\"" + numDigits + "\" timeout=\"5\" action=\"" + action
                + "\" actionOnEmptyResult=\"true\"><Say>" + prompt + "</Say></Gather></Response>";
    }

    private static List<String> gatherOutcomes(JsonNode call) {
        List<String> outcomes = new ArrayList<>();
        call.path("played").forEach(p -> {
            if (p.path("verb").asText().equals("Gather")) {
                outcomes.add(p.path("outcome").asText());
            }
        });
        return outcomes;
    }

    private static String said(JsonNode call) {
        List<String> said = new ArrayList<>();
        call.path("said").forEach(s -> said.add(s.path("to").asText() + ":" + s.path("text").asText()));
        return String.join("|", said);
    }

    private static List<String> values(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String last(List<String> values) {
        return values.get(values.size() - 1);
    }
}
