package dev.autocall.adapters.twilio;

import com.sun.net.httpserver.HttpServer;
import dev.autocall.domain.outbound.CallOutcome;
import dev.autocall.domain.outbound.CallPlan;
import dev.autocall.domain.outbound.CallProvider;
import dev.autocall.domain.voice.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Calls API requests the adapter makes, through the real SDK against a local stand-in for api.twilio.com that
 * records each form: how the call is answered (inline TwiML or a URL) and its machine detection, per plan.
 */
class TwilioCallProviderTest {
    private static final String ACCOUNT = "AC00000000000000000000000000000000";
    private static final String BASE = "https://api.example.com";
    private static final String TWIML_URL = BASE + "/twilio/voice/outbound?ws=acme&req=r1";
    private static final Map<String, Object> NONE = Map.of();

    private HttpServer twilio;
    private final List<Map<String, String>> created = new CopyOnWriteArrayList<>();
    private volatile String fetchedCall = "{\"sid\": \"CA1\", \"status\": \"completed\", \"answered_by\": \"machine_end_beep\"}";
    private CallProvider provider;

    @BeforeEach
    void start() throws IOException {
        twilio = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        twilio.createContext("/", exchange -> {
            String body;
            if (exchange.getRequestMethod().equals("POST")) {
                created.add(form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                body = "{\"sid\": \"CA" + "0".repeat(31) + created.size() + "\", \"status\": \"queued\"}";
            } else {
                body = fetchedCall;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 201 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        twilio.start();
        provider = new TwilioCallProvider(TwilioClients.restClient(new TwilioCredentials(ACCOUNT, "token"),
                Optional.of(URI.create("http://127.0.0.1:" + twilio.getAddress().getPort()))), BASE, d -> { });
    }

    @AfterEach
    void stop() {
        twilio.stop(0);
    }

    @Test
    void anIvrCall_isPlacedWithItsUrl_neverInlineTwiml_andTellsAMachineFromAPerson() {
        provider.placeCall(call(new CallPlan.Ivr("reminder", "hangup", null, NONE, NONE)));

        Map<String, String> form = created.get(0);
        assertEquals(TWIML_URL, form.get("Url"), "the flow runs live when the call is answered");
        assertNull(form.get("Twiml"));
        assertEquals("Enable", form.get("MachineDetection"));
        assertNull(form.get("AsyncAmd"), "synchronous: the answer's request carries AnsweredBy");
    }

    @Test
    void anIvrCallThatLeavesAMachineMessage_waitsForTheBeep() {
        provider.placeCall(call(new CallPlan.Ivr("reminder", "message", "Please call us back.", NONE, NONE)));

        assertEquals("DetectMessageEnd", created.get(0).get("MachineDetection"));
        assertEquals(TWIML_URL, created.get(0).get("Url"));
    }

    @Test
    void aVoicemailDrop_sendsItsTwimlWithTheCall_andWaitsForTheBeep() {
        provider.placeCall(call(new CallPlan.Voicemail("Your appointment is tomorrow at 10.", "Polly.Joanna", null)));

        Map<String, String> form = created.get(0);
        assertEquals("DetectMessageEnd", form.get("MachineDetection"));
        assertNull(form.get("Url"));
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say voice=\"Polly.Joanna\">Your appointment is tomorrow at 10.</Say>"
                + "<Hangup/></Response>", form.get("Twiml"));
        assertEquals(BASE + "/twilio/voice/status?ws=acme&req=r1", form.get("StatusCallback"));
        assertEquals("completed", form.get("StatusCallbackEvent"));
    }

    @Test
    void aMakeCall_ringsTheAgentWithoutMachineDetection_andReportsTheCustomerLegUnderTheBaseUrl() {
        provider.placeCall(call(new CallPlan.Connect("+14155550199", "Call for Dana", 25, false)));

        Map<String, String> form = created.get(0);
        assertFalse(form.containsKey("MachineDetection"));
        assertTrue(form.get("Twiml").contains("action=\"https://api.example.com/twilio/voice/connect-status?ws=acme&amp;req=r1\""),
                form.get("Twiml"));
    }

    @Test
    void aTooLongAnswer_isFetchedFromTheUrl() {
        provider.placeCall(call(new CallPlan.Voicemail("word ".repeat(1000), null, null)));

        assertEquals(TWIML_URL, created.get(0).get("Url"));
        assertNull(created.get(0).get("Twiml"));
    }

    @Test
    void fetchCall_should_giveTheOutcome_asTheAdapterMapsTwiliosStatus() {
        assertEquals(Optional.of(new CallProvider.ProviderCall("CA1", Optional.of(CallOutcome.VOICEMAIL))), provider.fetchCall("CA1"));

        fetchedCall = "{\"sid\": \"CA1\", \"status\": \"in-progress\"}";
        assertEquals(Optional.of(new CallProvider.ProviderCall("CA1", Optional.empty())), provider.fetchCall("CA1"));
    }

    private static CallProvider.OutboundCall call(CallPlan plan) {
        return new CallProvider.OutboundCall("r1", "+14155550100", "+14155550131",
                new CallProvider.Answer(plan, "+14155550131", "+14155550100",
                        new Callback(Callback.Kind.CONNECT_RESULT, Map.of("ws", "acme", "req", "r1"))),
                new Callback(Callback.Kind.CALL_ANSWERED, Map.of("ws", "acme", "req", "r1")),
                new Callback(Callback.Kind.CALL_STATUS, Map.of("ws", "acme", "req", "r1")), 30, false);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
