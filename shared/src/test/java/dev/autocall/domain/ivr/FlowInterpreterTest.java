package dev.autocall.domain.ivr;

import dev.autocall.domain.voice.Callback;
import dev.autocall.domain.voice.VoiceInstruction;
import dev.autocall.domain.voice.VoiceInstruction.Gather;
import dev.autocall.domain.voice.VoiceInstruction.Hangup;
import dev.autocall.domain.voice.VoiceInstruction.Pause;
import dev.autocall.domain.voice.VoiceInstruction.Play;
import dev.autocall.domain.voice.VoiceInstruction.Say;
import dev.autocall.testing.Fuzz;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.autocall.domain.ivr.IvrFixtures.call;
import static dev.autocall.domain.ivr.IvrFixtures.flow;
import static dev.autocall.domain.ivr.IvrFixtures.hangup;
import static dev.autocall.domain.ivr.IvrFixtures.interpreter;
import static dev.autocall.domain.ivr.IvrFixtures.menu;
import static dev.autocall.domain.ivr.IvrFixtures.noFetch;
import static dev.autocall.domain.ivr.IvrFixtures.say;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The interpreter node by node: what the caller hears, where the call goes, and what the session remembers. */
class FlowInterpreterTest {
    private static final String VOICE = "Polly.Joanna";
    private static final String LANGUAGE = "en-US";
    private final FlowInterpreter interpreter = interpreter(noFetch());

    private static Say said(String text) {
        return new Say(text, VOICE, LANGUAGE);
    }

    private static Map<String, FlowNode> nodes(Object... idsAndNodes) {
        Map<String, FlowNode> nodes = new LinkedHashMap<>();
        for (int i = 0; i < idsAndNodes.length; i += 2) {
            nodes.put((String) idsAndNodes[i], (FlowNode) idsAndNodes[i + 1]);
        }
        return nodes;
    }

    private static Callback turnCallback(int turn) {
        return new Callback(Callback.Kind.IVR, Map.of("call", "CA0001", "turn", String.valueOf(turn)));
    }

    // ---- say, play, pause, sms, hangup: one turn ----

    @Test
    void straightLineNodes_should_playInOneTurn_and_hangUpCompleted() {
        Flow flow = flow("hello", nodes(
                "hello", say("Hello {{contact.firstName}}.", "tune"),
                "tune", new FlowNode.Play("https://acme.example/tune.mp3", "wait"),
                "wait", new FlowNode.Pause(2, "text"),
                "text", new FlowNode.Sms("Your code is {{data.code}}.", "end"),
                "end", new FlowNode.Hangup("Bye {{contact.firstName}}.", null)));

        Turn turn = interpreter.start(call(flow));

        assertEquals(List.of(said("Hello Dana."), new Play("https://acme.example/tune.mp3"), new Pause(2),
                said("Bye Dana."), new Hangup()), turn.instructions());
        assertEquals(List.of("Your code is 4821."), turn.sms());
        assertTrue(turn.session().ended());
        assertNull(turn.session().waiting());
        assertEquals("completed", turn.session().outcome());
        assertEquals(List.of("say", "play", "pause", "sms", "hangup"),
                turn.session().path().stream().map(IvrSession.PathEntry::type).toList());
    }

    @Test
    void aNodeWithNoNext_should_endTheCall_withTheOutcomeCompleted() {
        Turn turn = interpreter.start(call(flow("hello", nodes("hello", say("Hello.", null)))));

        assertEquals(List.of(said("Hello."), new Hangup()), turn.instructions());
        assertTrue(turn.session().ended());
        assertEquals("completed", turn.session().finalOutcome());
    }

    @Test
    void aHangupNode_should_setItsOutcome() {
        Turn turn = interpreter.start(call(flow("end", nodes("end", hangup("confirmed")))));

        assertEquals(List.of(new Hangup()), turn.instructions());
        assertEquals("confirmed", turn.session().finalOutcome());
    }

    @Test
    void say_should_repeatItsText_inItsOwnVoice_or_theFlows() {
        Flow flow = flow("a", nodes(
                "a", new FlowNode.Say("Twice.", null, 2, "Polly.Matthew", "en-GB", "b"),
                "b", new FlowNode.Say("Once.", null, 1, null, null, null)));

        Turn turn = interpreter.start(call(flow));

        assertEquals(List.of(new Say("Twice.", "Polly.Matthew", "en-GB"), new Say("Twice.", "Polly.Matthew", "en-GB"),
                said("Once."), new Hangup()), turn.instructions());
    }

    @Test
    void sayDigits_should_readACodeOneDigitAtATime_twice() {
        Flow flow = flow("code", nodes("code", new FlowNode.Say(null, "{{data.code}}", 2, null, null, null)));

        Turn turn = interpreter.start(call(flow));

        List<VoiceInstruction> once = List.of(said("4"), new Pause(1), said("8"), new Pause(1), said("2"), new Pause(1),
                said("1"), new Pause(1));
        List<VoiceInstruction> expected = new ArrayList<>(once);
        expected.addAll(once);
        expected.add(new Hangup());
        assertEquals(expected, turn.instructions());
        assertEquals("4 8 2 1", turn.session().path().getFirst().said());
    }

    @Test
    void sayDigits_should_skipSpacesAndDashes() {
        Flow flow = flow("code", nodes("code", new FlowNode.Say(null, "12-3 4", 1, null, null, null)));

        Turn turn = interpreter.start(call(flow));

        assertEquals(List.of(said("1"), new Pause(1), said("2"), new Pause(1), said("3"), new Pause(1), said("4"),
                new Pause(1), new Hangup()), turn.instructions());
    }

    record Rendering(String template, Map<String, Object> contact, Map<String, Object> data, String heard) {
    }

    @Test
    void templates_should_renderMissingValuesAsTheirDefaultOrNothing() {
        Map<String, Object> dana = Map.of("firstName", "Dana");
        Map<String, Object> blankName = Map.of("firstName", "  ");
        Fuzz.forEach(List.of(
                new Rendering("Hi {{contact.firstName | \"there\"}}.", dana, Map.of(), "Hi Dana."),
                new Rendering("Hi {{contact.firstName | \"there\"}}.", Map.of(), Map.of(), "Hi there."),
                new Rendering("Hi {{contact.firstName | \"there\"}}.", blankName, Map.of(), "Hi there."),
                new Rendering("Your visit on {{data.when}}.", dana, Map.of(), "Your visit on ."),
                new Rendering("Your visit on {{data.when}}.", dana, Map.of("when", "Monday"), "Your visit on Monday."),
                new Rendering("{{data.appointment.when | \"soon\"}}", dana, Map.of("appointment", Map.of("when", "May 2")), "May 2"),
                new Rendering("{{data.appointment.where | \"here\"}}", dana, Map.of("appointment", "text"), "here"),
                new Rendering("This is {{workspace.name}}.", Map.of(), Map.of(), "This is Acme Plumbing."),
                new Rendering("{{fetch.balance | \"no balance\"}}", Map.of(), Map.of(), "no balance")), r -> {
            Turn turn = interpreter.start(call(flow("a", nodes("a", say(r.template(), null))), r.contact(), r.data()));

            assertEquals(r.heard(), ((Say) turn.instructions().getFirst()).text());
        });
    }

    @Test
    void aTextRenderedBlank_should_sayNothing() {
        Turn turn = interpreter.start(call(flow("a", nodes("a", say("{{data.none}}", null)))));

        assertEquals(List.of(new Hangup()), turn.instructions());
        assertNull(turn.session().path().getFirst().said());
    }

    @Test
    void keys_should_beReadableByLaterTemplates() {
        Flow flow = flow("menu", nodes(
                "menu", new FlowNode.Gather("Enter your PIN.", null, 4, "#", 5, 1, Map.of("1234", "ok"), null, null),
                "ok", say("You entered {{keys}}.", null)));
        Turn first = interpreter.start(call(flow));

        Turn second = interpreter.resume(call(flow), first.session(), new FlowInput.Keys("1234"));

        assertEquals(said("You entered 1234."), second.instructions().getFirst());
    }

    // ---- gather ----

    @Test
    void gather_should_sayWhatCameBefore_thenListen_and_wait() {
        Flow flow = flow("hello", nodes(
                "hello", say("Hello.", "menu"),
                "menu", new FlowNode.Gather("Press {{data.code}}.", null, 4, "#", 7, 2, Map.of("4821", "ok"), null, null),
                "ok", hangup("confirmed")));

        Turn turn = interpreter.start(call(flow));

        assertEquals(List.of(said("Hello."), new Gather(List.of(said("Press 4821.")), 4, "#", 7, turnCallback(1))),
                turn.instructions());
        assertEquals("menu", turn.session().waiting());
        assertEquals(1, turn.session().attempt());
        assertEquals(1, turn.session().turn());
        assertFalse(turn.session().ended());
    }

    @Test
    void gather_should_playItsPromptUrl_when_ithasNoText() {
        Flow flow = flow("menu", nodes("menu",
                new FlowNode.Gather(null, "https://acme.example/menu.mp3", 1, null, 5, 1, Map.of("1", "ok"), null, null),
                "ok", hangup(null)));

        Turn turn = interpreter.start(call(flow));

        assertEquals(List.of(new Gather(List.of(new Play("https://acme.example/menu.mp3")), 1, null, 5, turnCallback(1))),
                turn.instructions());
    }

    /** The callback names the turn the stored session is at, so a repeated one is told apart from the next. */
    @Test
    void eachTurn_should_advanceTheSessionsTurn_and_nameItInItsCallback() {
        Flow flow = flow("menu", nodes("menu", menu(Map.of("1", "ok"), null, null), "ok", hangup(null)));
        Turn first = interpreter.start(call(flow));

        Turn second = interpreter.resume(call(flow), first.session(), new FlowInput.Keys(""));

        assertEquals(1, first.session().turn());
        assertEquals(turnCallback(1), ((Gather) first.instructions().getFirst()).action());
        assertEquals(2, second.session().turn());
        assertEquals(turnCallback(2), ((Gather) second.instructions().getFirst()).action());
    }

    record Answers(List<String> keys, String node, String outcome) {
    }

    /** A menu with a choice for 1, its noInput and invalid nodes, answered in each way. */
    @Test
    void gather_should_followChoices_replayOnNoOrBadInput_thenGoToNoInputOrInvalid() {
        Map<String, FlowNode> nodes = nodes(
                "menu", menu(Map.of("1", "one"), "silent", "wrong"),
                "one", hangup("confirmed"),
                "silent", hangup("quiet"),
                "wrong", hangup("mistaken"));
        Fuzz.forEach(List.of(
                new Answers(List.of("1"), "one", "confirmed"),
                new Answers(List.of("", "1"), "one", "confirmed"),
                new Answers(List.of("5", "1"), "one", "confirmed"),
                new Answers(List.of("", ""), "silent", "quiet"),
                new Answers(List.of("5", ""), "silent", "quiet"),
                new Answers(List.of("5", "5"), "wrong", "mistaken"),
                new Answers(List.of("", "7"), "wrong", "mistaken"),
                new Answers(List.of("9"), "menu", "opted_out"),
                new Answers(List.of("", "9"), "menu", "opted_out")), a -> {
            FlowSimulation.Result result = new FlowSimulation(interpreter).run(call(flow("menu", nodes)), a.keys());

            assertEquals(a.outcome(), result.outcome());
            assertEquals(a.node(), result.path().getLast().node());
        });
    }

    @Test
    void gather_should_sayGoodbyeWithNoInput_when_itHasNowhereToGo() {
        Flow flow = flow("menu", nodes("menu", menu(Map.of("1", "one"), null, null), "one", hangup("confirmed")));
        FlowCall call = call(flow);
        Fuzz.forEach(List.of(List.of("", ""), List.of("4", "4"), List.of("", "4")), keys -> {
            Turn turn = interpreter.start(call);
            for (String pressed : keys) {
                turn = interpreter.resume(call, turn.session(), new FlowInput.Keys(pressed));
            }

            assertEquals(List.of(said(FlowInterpreter.NO_INPUT_GOODBYE), new Hangup()), turn.instructions());
            assertEquals("no_input", turn.session().outcome());
            assertTrue(turn.session().ended());
        });
    }

    @Test
    void aReplay_should_notCountAsAVisit_but_appearInThePathWithItsKeys() {
        Flow flow = flow("menu", nodes("menu", new FlowNode.Gather("Press 1.", null, 1, null, 5, 3, Map.of("1", "one"), null, null),
                "one", hangup(null)));
        FlowCall call = call(flow);
        Turn turn = interpreter.start(call);

        turn = interpreter.resume(call, turn.session(), new FlowInput.Keys(""));
        turn = interpreter.resume(call, turn.session(), new FlowInput.Keys("3"));

        assertEquals(3, turn.session().attempt());
        assertEquals(Map.of("menu", 1), turn.session().visits());
        assertEquals(List.of(new IvrSession.PathEntry("menu", "gather", "Press 1.", ""),
                new IvrSession.PathEntry("menu", "gather", "Press 1.", "3"),
                new IvrSession.PathEntry("menu", "gather", "Press 1.", null)), turn.session().path());
        assertEquals(List.of(new IvrSession.KeyPress("menu", "3")), turn.session().keys());
    }

    @Test
    void theOptOutKey_should_beAnOrdinaryKey_when_theFlowTurnsItOff() {
        Flow flow = new Flow("t", "menu", null, null, null, nodes("menu", menu(Map.of("9", "nine"), null, null),
                "nine", hangup("chose_nine")));

        FlowSimulation.Result result = new FlowSimulation(interpreter).run(call(flow), List.of("9"));

        assertEquals("chose_nine", result.outcome());
    }

    @Test
    void silence_should_neverOptOut_evenWithAnEmptyOptOutKey() {
        Flow flow = new Flow("t", "menu", "", null, null, nodes("menu", menu(Map.of("1", "one"), "quiet", null),
                "one", hangup(null), "quiet", hangup("quiet")));

        FlowSimulation.Result result = new FlowSimulation(interpreter).run(call(flow), List.of("", ""));

        assertEquals("quiet", result.outcome());
    }

    @Test
    void theOptOutKey_should_winOverAChoiceOfTheSameKey() {
        Flow flow = flow("menu", nodes("menu", menu(Map.of("9", "nine"), null, null), "nine", hangup("chose_nine")));

        FlowSimulation.Result result = new FlowSimulation(interpreter).run(call(flow), List.of("9"));

        assertEquals("opted_out", result.outcome());
    }

    // ---- record ----

    @Test
    void record_should_promptThenRecord_and_goOnWhenTheRecordingEnds() {
        Flow flow = flow("rec", nodes("rec", new FlowNode.Record("Leave a message.", 60, true, "thanks"),
                "thanks", new FlowNode.Hangup("Thanks.", "recorded")));
        FlowCall call = call(flow);

        Turn first = interpreter.start(call);
        Turn second = interpreter.resume(call, first.session(), new FlowInput.Recorded("https://r.example/1", 12));

        assertEquals(List.of(said("Leave a message."), new VoiceInstruction.Record(60, true, turnCallback(1), null, null)),
                first.instructions());
        assertEquals("rec", first.session().waiting());
        assertEquals(List.of(said("Thanks."), new Hangup()), second.instructions());
        assertEquals("recorded", second.session().outcome());
    }

    // ---- dial ----

    private static Flow dialFlow(String number, String whisper, String noAnswer) {
        return flow("dial", nodes("dial", new FlowNode.Dial(number, whisper, 25, true, "after", noAnswer),
                "after", new FlowNode.Hangup("Thanks for calling.", null),
                "missed", hangup("missed")));
    }

    @Test
    void dial_should_ringTheRenderedNumber_and_wait() {
        Turn turn = interpreter.start(call(dialFlow("{{data.agent}}", null, "missed"),
                Map.of(), Map.of("agent", "+14155550199")));

        assertEquals(List.of(new VoiceInstruction.Dial("+14155550199", null, 25, true, null, null, turnCallback(1))),
                turn.instructions());
        assertEquals("dial", turn.session().waiting());
    }

    @Test
    void dialWithoutANumber_should_ringTheForwardingLine_whisperingFirst() {
        Turn turn = interpreter.start(call(dialFlow(null, "A caller from {{contact.firstName}}.", "missed")));

        VoiceInstruction.Dial dial = (VoiceInstruction.Dial) turn.instructions().getFirst();
        assertEquals("+14155550111", dial.number());
        assertEquals(new Callback(Callback.Kind.IVR_WHISPER, Map.of("call", "CA0001", "node", "dial")), dial.whisper());
        assertEquals(List.of(said("A caller from Dana.")),
                interpreter.whisper(call(dialFlow(null, "A caller from {{contact.firstName}}.", "missed")), turn.session(), "dial"));
    }

    @Test
    void aDialNobodyAnswers_should_goToNoAnswer_and_oneAnswered_toNext() {
        FlowCall call = call(dialFlow(null, null, "missed"));
        Turn first = interpreter.start(call);

        Turn answered = interpreter.resume(call, first.session(), new FlowInput.Dialed(true, "completed"));
        Turn unanswered = interpreter.resume(call, first.session(), new FlowInput.Dialed(false, "no-answer"));

        assertEquals(List.of(said("Thanks for calling."), new Hangup()), answered.instructions());
        assertEquals("completed", answered.session().finalOutcome());
        assertEquals("missed", unanswered.session().finalOutcome());
    }

    @Test
    void aDialNobodyAnswers_should_endTheCall_when_ithasNoNoAnswerNode() {
        FlowCall call = call(dialFlow(null, null, null));
        Turn first = interpreter.start(call);

        Turn unanswered = interpreter.resume(call, first.session(), new FlowInput.Dialed(false, "busy"));

        assertEquals(List.of(new Hangup()), unanswered.instructions());
        assertTrue(unanswered.session().ended());
        assertNull(unanswered.session().outcome());
    }

    @Test
    void aDialWithNoNumberAtAll_should_countAsNotAnswered() {
        Flow flow = dialFlow("{{data.agent}}", null, "missed");

        Turn turn = interpreter.start(call(flow, Map.of(), Map.of()));

        assertEquals("missed", turn.session().outcome());
        assertEquals(List.of(new Hangup()), turn.instructions());
    }

    // ---- loops ----

    @Test
    void aMenuThatLoopsToItself_should_endWithNoInput_afterTenVisits() {
        Flow flow = flow("menu", nodes("menu", menu(Map.of("1", "menu"), null, null)));
        FlowCall call = call(flow);
        Turn turn = interpreter.start(call);
        int presses = 0;

        while (!turn.session().ended()) {
            turn = interpreter.resume(call, turn.session(), new FlowInput.Keys("1"));
            presses++;
        }

        assertEquals(10, presses);
        assertEquals("no_input", turn.session().outcome());
        assertEquals(List.of(said(FlowInterpreter.NO_INPUT_GOODBYE), new Hangup()), turn.instructions());
        assertEquals(11, turn.session().visits().get("menu"));
    }

    @Test
    void aMenuThatReplaysItselfOnSilence_should_endWithNoInput() {
        Flow flow = flow("menu", nodes("menu", menu(Map.of("1", "ok"), "menu", null), "ok", hangup(null)));

        FlowSimulation.Result result = new FlowSimulation(interpreter).run(call(flow), List.of());

        assertEquals("no_input", result.outcome());
        assertEquals(20, result.path().size());
    }

    @Test
    void aLoopWithoutAGather_should_endInOneTurn() {
        Flow flow = flow("a", nodes("a", say("A.", "b"), "b", new FlowNode.Pause(1, "a")));

        Turn turn = interpreter.start(call(flow));

        assertEquals("no_input", turn.session().outcome());
        assertEquals(Map.of("a", 11, "b", 10), turn.session().visits());
        assertEquals(new Hangup(), turn.instructions().getLast());
    }

    // ---- the session between turns ----

    @Test
    void aSessionStoredAsJson_should_resumeAsIfItNeverLeft() {
        Map<String, FlowNode> all = new LinkedHashMap<>(IvrFixtures.appointment().nodes());
        all.put("lookup", new FlowNode.Fetch("https://acme.example/lookup", 5, "menu", null));
        Flow flow = flow("lookup", all);
        FlowCall call = call(flow);
        FlowInterpreter withServer = interpreter(IvrFixtures.ScriptedFetcher.answering(200,
                "{\"say\": \"Hello.\", \"vars\": {\"n\": 3, \"rate\": 1.5, \"vip\": true, \"message\": \"Bye now.\"}}"));
        Turn first = withServer.start(call);
        first = withServer.resume(call, first.session(), new FlowInput.Keys(""));

        IvrSession stored = dev.autocall.json.Json.read(dev.autocall.json.Json.write(first.session()), IvrSession.class);

        assertEquals(first.session().keys(), stored.keys());
        assertEquals(first.session().path(), stored.path());
        assertEquals(first.session().visits(), stored.visits());
        assertEquals("menu", stored.waiting());
        assertEquals(2, stored.attempt());
        Turn fromStored = withServer.resume(call, stored, new FlowInput.Keys("3"));
        Turn fromMemory = withServer.resume(call, first.session(), new FlowInput.Keys("3"));
        assertEquals(fromMemory.instructions(), fromStored.instructions());
        assertEquals(fromMemory.session().finalOutcome(), fromStored.session().finalOutcome());
    }

    // ---- the caller hangs up; inputs that do not fit ----

    @Test
    void aCallerWhoHangsUp_should_endTheFlowCompleted_unlessAnOutcomeWasSet() {
        Flow flow = flow("menu", nodes("menu", menu(Map.of("1", "ok"), null, null), "ok", hangup(null)));
        FlowCall call = call(flow);
        Turn first = interpreter.start(call);

        Turn gone = interpreter.resume(call, first.session(), new FlowInput.CallerHungUp());

        assertTrue(gone.session().ended());
        assertNull(gone.session().waiting());
        assertEquals("completed", gone.session().finalOutcome());
    }

    @Test
    void anEndedCall_should_answerOnlyAHangup_and_stayAsItIs() {
        Flow flow = flow("end", nodes("end", hangup("confirmed")));
        FlowCall call = call(flow);
        Turn ended = interpreter.start(call);

        Turn again = interpreter.resume(call, ended.session(), new FlowInput.Keys("1"));
        Turn hungUp = interpreter.resume(call, ended.session(), new FlowInput.CallerHungUp());

        assertEquals(List.of(new Hangup()), again.instructions());
        assertEquals(ended.session(), again.session());
        assertEquals("confirmed", hungUp.session().finalOutcome());
    }

    @Test
    void anInputTheWaitingNodeDoesNotTake_should_beRefusedClearly() {
        FlowCall call = call(dialFlow(null, null, "missed"));
        Turn first = interpreter.start(call);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> interpreter.resume(call, first.session(), new FlowInput.Keys("1")));

        assertTrue(e.getMessage().contains("dial node dial"), e.getMessage());
        assertTrue(e.getMessage().contains("Keys"), e.getMessage());
    }
}
