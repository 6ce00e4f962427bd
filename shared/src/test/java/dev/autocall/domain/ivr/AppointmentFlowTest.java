package dev.autocall.domain.ivr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.domain.ivr.IvrFixtures.ScriptedFetcher;
import dev.autocall.domain.ivr.IvrSession.PathEntry;
import dev.autocall.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.autocall.domain.ivr.IvrFixtures.appointment;
import static dev.autocall.domain.ivr.IvrFixtures.call;
import static dev.autocall.domain.ivr.IvrFixtures.interpreter;
import static dev.autocall.domain.ivr.IvrFixtures.noFetch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The documented appointment-confirmation flow, simulated for each way a customer can answer it. */
class AppointmentFlowTest {
    private static final String GREETING = "Hi Dana, this is Acme Plumbing about your visit on Tuesday at 4 pm.";
    private static final String MENU = "Press 1 to confirm, 2 to reschedule, 3 to cancel.";
    private static final PathEntry GREET = new PathEntry("greet", "say", GREETING, null);

    private static FlowSimulation.Result simulate(Fetcher fetcher, String... keys) {
        return new FlowSimulation(interpreter(fetcher)).run(call(appointment()), List.of(keys));
    }

    private static PathEntry menu(String keys) {
        return new PathEntry("menu", "gather", MENU, keys);
    }

    @Test
    void pressing1_should_confirm() {
        FlowSimulation.Result result = simulate(noFetch(), "1");

        assertEquals("confirmed", result.outcome());
        assertEquals(List.of("1"), result.keys());
        assertEquals(List.of(GREET, menu("1"), new PathEntry("yes", "hangup", "Thank you, see you then.", null)),
                result.path());
        assertEquals(List.of(), result.sms());
    }

    @Test
    void silenceThen1_should_replayTheMenuOnce_and_confirm() {
        FlowSimulation.Result result = simulate(noFetch(), "", "1");

        assertEquals("confirmed", result.outcome());
        assertEquals(List.of("1"), result.keys());
        assertEquals(List.of(GREET, menu(""), menu("1"), new PathEntry("yes", "hangup", "Thank you, see you then.", null)),
                result.path());
    }

    @Test
    void silenceTwice_should_goToTheNoInputNode() {
        FlowSimulation.Result result = simulate(noFetch(), "", "");

        assertEquals("no_input", result.outcome());
        assertEquals(List.of(), result.keys());
        assertEquals(List.of(GREET, menu(""), menu(""), new PathEntry("bye", "hangup", "Goodbye.", null)), result.path());
    }

    @Test
    void pressing2_should_textTheRescheduleLink_and_endRescheduled() {
        FlowSimulation.Result result = simulate(noFetch(), "2");

        assertEquals("rescheduled", result.outcome());
        assertEquals(List.of("Pick a new time: https://acme.example/r/abc"), result.sms());
        assertEquals(List.of(GREET, menu("2"), new PathEntry("move", "sms", null, null),
                new PathEntry("moved", "hangup", "We have texted you a link.", null)), result.path());
    }

    @Test
    void pressing3_should_askTheServer_and_sayItsMessage() throws Exception {
        ScriptedFetcher server = ScriptedFetcher.answering(200,
                "{\"say\": \"One moment.\", \"vars\": {\"message\": \"Your Tuesday visit is cancelled.\"}}");

        FlowSimulation.Result result = simulate(server, "3");

        assertEquals("declined", result.outcome());
        assertEquals(List.of(GREET, menu("3"), new PathEntry("cancel", "fetch", "One moment.", null),
                new PathEntry("cancelled", "hangup", "Your Tuesday visit is cancelled.", null)), result.path());
        assertEquals(1, result.fetches().size());
        assertEquals(200, result.fetches().getFirst().status());
        assertNull(result.fetches().getFirst().error());
        ScriptedFetcher.Request request = server.requests.getFirst();
        assertEquals("ws-1", request.workspaceId());
        assertEquals("https://example.com/hooks/cancel", request.url());
        assertEquals(Duration.ofSeconds(5), request.timeout());
        JsonNode body = Json.MAPPER.readTree(request.json());
        assertEquals("appointment-confirm", body.path("flow").asText());
        assertEquals(3, body.path("version").asInt());
        assertEquals("cancel", body.path("node").asText());
        assertEquals("CA0001", body.path("call").path("sid").asText());
        assertEquals("outbound", body.path("call").path("direction").asText());
        assertEquals("+14155550123", body.path("call").path("caller").asText());
        assertEquals("+14155550100", body.path("call").path("business").asText());
        assertEquals("Dana", body.path("contact").path("firstName").asText());
        assertEquals("Tuesday at 4 pm", body.path("data").path("when").asText());
        assertEquals(Json.MAPPER.readTree("[{\"node\": \"menu\", \"keys\": \"3\"}]"), body.path("keys"));
        assertEquals(Json.MAPPER.readTree("{}"), body.path("vars"));
    }

    @Test
    void pressing3_should_stillCancelWithTheDefaultWords_when_theServerFails() {
        FlowSimulation.Result result = simulate(ScriptedFetcher.answering(503, "busy"), "3");

        assertEquals("declined", result.outcome());
        assertEquals(new PathEntry("cancelled", "hangup", "Your visit is cancelled.", null), result.path().getLast());
        assertEquals(503, result.fetches().getFirst().status());
        assertNotNull(result.fetches().getFirst().error());
    }

    @Test
    void pressing3_should_stillCancel_when_theServerTimesOut() {
        FlowSimulation.Result result = simulate(ScriptedFetcher.timingOut(), "3");

        assertEquals("declined", result.outcome());
        assertEquals(new Turn.FetchLog("cancel", "https://example.com/hooks/cancel", 0, 0, "timed out"),
                result.fetches().getFirst());
    }

    @Test
    void pressing9_should_optOut() {
        FlowSimulation.Result result = simulate(noFetch(), "9");

        assertEquals("opted_out", result.outcome());
        assertEquals(List.of("9"), result.keys());
        assertEquals(List.of(GREET, menu("9")), result.path());
    }

    @Test
    void pressing9_should_askTheCallerToOptTheContactOut_and_sayGoodbye() {
        FlowInterpreter interpreter = interpreter(noFetch());
        FlowCall call = call(appointment());
        Turn first = interpreter.start(call);

        Turn second = interpreter.resume(call, first.session(), new FlowInput.Keys("9"));

        assertEquals(true, second.optedOut());
        assertEquals(List.of(new dev.autocall.domain.voice.VoiceInstruction.Say(FlowInterpreter.OPT_OUT_GOODBYE,
                "Polly.Joanna", "en-US"), new dev.autocall.domain.voice.VoiceInstruction.Hangup()), second.instructions());
    }
}
