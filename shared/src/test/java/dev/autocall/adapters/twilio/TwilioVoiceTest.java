package dev.autocall.adapters.twilio;

import dev.autocall.domain.ivr.FlowInput;
import dev.autocall.domain.ivr.NodeType;
import dev.autocall.domain.outbound.CallOutcome;
import dev.autocall.domain.outbound.CallPlan;
import dev.autocall.domain.voice.Callback;
import dev.autocall.domain.voice.VoiceInstruction;
import dev.autocall.domain.voice.VoiceInstruction.Dial;
import dev.autocall.domain.voice.VoiceInstruction.Gather;
import dev.autocall.domain.voice.VoiceInstruction.Hangup;
import dev.autocall.domain.voice.VoiceInstruction.Pause;
import dev.autocall.domain.voice.VoiceInstruction.Play;
import dev.autocall.domain.voice.VoiceInstruction.Record;
import dev.autocall.domain.voice.VoiceInstruction.Redirect;
import dev.autocall.domain.voice.VoiceInstruction.Say;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Twilio voice adapter: each instruction's TwiML as Twilio receives it, the callback URLs, and Twilio's words read back. */
class TwilioVoiceTest {
    private static final String BASE = "https://api.example.com";
    private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    private static final Callback TURN_2 = new Callback(Callback.Kind.IVR, Map.of("turn", "2", "ws", "acme", "call", "CA1"));
    private static final String TURN_2_URL = "https://api.example.com/twilio/voice/ivr?ws=acme&amp;call=CA1&amp;turn=2";

    static Stream<Arguments> instructions() {
        return Stream.of(
                Arguments.of(new Say("Hello Dana", null, null), "<Say>Hello Dana</Say>"),
                Arguments.of(new Say("Hola", "Polly.Lupe", "es-US"), "<Say language=\"es-US\" voice=\"Polly.Lupe\">Hola</Say>"),
                Arguments.of(new Say("Hello", "Polly.Joanna-Neural", "en-US"),
                        "<Say language=\"en-US\" voice=\"Polly.Joanna-Neural\">Hello</Say>"),
                Arguments.of(new Say("Hello", "Robot.Bender", "xx-YY"), "<Say>Hello</Say>"),
                Arguments.of(new Play("https://cdn.example.com/a.mp3"), "<Play>https://cdn.example.com/a.mp3</Play>"),
                Arguments.of(new Pause(2), "<Pause length=\"2\"/>"),
                Arguments.of(new Gather(List.of(new Say("Press 1 to confirm.", null, null), new Pause(1),
                                new Play("https://cdn.example.com/menu.mp3")), 1, null, 5, TURN_2),
                        "<Gather action=\"" + TURN_2_URL + "\" actionOnEmptyResult=\"true\" finishOnKey=\"\" input=\"dtmf\" method=\"POST\""
                                + " numDigits=\"1\" timeout=\"5\"><Say>Press 1 to confirm.</Say><Pause length=\"1\"/>"
                                + "<Play>https://cdn.example.com/menu.mp3</Play></Gather>"),
                Arguments.of(new Gather(List.of(), 4, "#", 8, TURN_2),
                        "<Gather action=\"" + TURN_2_URL + "\" actionOnEmptyResult=\"true\" finishOnKey=\"#\" input=\"dtmf\" method=\"POST\""
                                + " numDigits=\"4\" timeout=\"8\"/>"),
                Arguments.of(new Record(60, false, TURN_2, null, null),
                        "<Record action=\"" + TURN_2_URL + "\" finishOnKey=\"#\" maxLength=\"60\" method=\"POST\" playBeep=\"true\" timeout=\"5\"/>"),
                Arguments.of(new Record(30, true, TURN_2, null, null),
                        "<Record action=\"" + TURN_2_URL + "\" finishOnKey=\"#\" maxLength=\"30\" method=\"POST\" playBeep=\"true\" timeout=\"5\""
                                + " transcribe=\"true\"/>"),
                Arguments.of(new Dial("+14155550199", "+14155550100", 20, true, new Callback(Callback.Kind.IVR_WHISPER,
                                Map.of("ws", "acme", "call", "CA1")), null, TURN_2),
                        "<Dial action=\"" + TURN_2_URL + "\" callerId=\"+14155550100\" method=\"POST\" record=\"record-from-answer\" timeout=\"20\">"
                                + "<Number method=\"POST\" url=\"https://api.example.com/twilio/voice/ivr-whisper?ws=acme&amp;call=CA1\">"
                                + "+14155550199</Number></Dial>"),
                Arguments.of(new Dial("+14155550199", null, 15, false, null, null, null), "<Dial timeout=\"15\">+14155550199</Dial>"),
                Arguments.of(new Redirect(TURN_2), "<Redirect method=\"POST\">" + TURN_2_URL + "</Redirect>"),
                Arguments.of(new Hangup(), "<Hangup/>"));
    }

    @ParameterizedTest
    @MethodSource("instructions")
    void twiml_should_renderEachInstruction_asTwilioReadsIt(VoiceInstruction instruction, String verb) {
        assertEquals(XML + "<Response>" + verb + "</Response>", TwilioVoice.twiml(BASE, List.of(instruction)));
    }

    @Test
    void twiml_should_keepTheInstructionsInOrder_andAnswerNothingWithAnEmptyResponse() {
        assertEquals(XML + "<Response><Say>One</Say><Pause length=\"1\"/><Say>Two</Say><Hangup/></Response>",
                TwilioVoice.twiml(BASE, List.of(new Say("One", null, null), new Pause(1), new Say("Two", null, null), new Hangup())));
        assertEquals(XML + "<Response/>", TwilioVoice.twiml(BASE, List.of()));
    }

    @Test
    void twiml_should_escapeWhatTheCallerWouldOtherwiseHearAsMarkup() {
        assertEquals(XML + "<Response><Say>Tom &amp; Jerry &lt;3</Say></Response>",
                TwilioVoice.twiml(BASE, List.of(new Say("Tom & Jerry <3", null, null))));
    }

    @ParameterizedTest
    @CsvSource({
            "FORWARD_RESULT, /twilio/voice/dial-status",
            "FORWARD_ANSWERED, /twilio/voice/forward-status",
            "VOICEMAIL_DONE, /twilio/voice/recording",
            "VOICEMAIL_STORED, /twilio/voice/recording-status",
            "VOICEMAIL_TRANSCRIBED, /twilio/voice/transcription",
            "CONNECT_RESULT, /twilio/voice/connect-status",
            "IVR, /twilio/voice/ivr",
            "IVR_WHISPER, /twilio/voice/ivr-whisper"})
    void url_should_keepThePathsNumbersAreSetUpWith(Callback.Kind kind, String path) {
        assertEquals("https://api.example.com" + path, TwilioVoice.url(BASE, Callback.of(kind)));
        assertEquals("https://api.example.com" + path, TwilioVoice.url(BASE + "/", Callback.of(kind)), "one slash between");
    }

    @Test
    void url_should_encodeTheParameters_workspaceFirst_thenByName_whateverOrderTheyCameIn() {
        Map<String, String> params = new HashMap<>(Map.of("turn", "3", "req", "r 1/2", "ws", "acme&co", "leg", "agent"));

        String url = TwilioVoice.url(BASE, new Callback(Callback.Kind.CONNECT_RESULT, params));

        assertEquals("https://api.example.com/twilio/voice/connect-status?ws=acme%26co&leg=agent&req=r+1%2F2&turn=3", url);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "completed, null, COMPLETED",
            "completed, human, COMPLETED",
            "completed, unknown, COMPLETED",
            "completed, machine_start, VOICEMAIL",
            "completed, machine_end_beep, VOICEMAIL",
            "completed, machine_end_silence, VOICEMAIL",
            "completed, machine_end_other, VOICEMAIL",
            "completed, fax, VOICEMAIL",
            "busy, null, BUSY",
            "no-answer, null, NO_ANSWER",
            "canceled, null, FAILED",
            "failed, null, FAILED"})
    void outcome_should_mapTwiliosFinalStatus_andMachineDetection(String status, String answeredBy, CallOutcome outcome) {
        assertEquals(Optional.of(outcome), TwilioVoice.outcome(status, answeredBy));
        assertTrue(TwilioVoice.isFinal(status));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"queued", "ringing", "in-progress", "initiated", "''", "null"})
    void outcome_should_beEmpty_while_theCallIsStillGoing(String status) {
        assertEquals(Optional.empty(), TwilioVoice.outcome(status, "machine_start"));
        assertFalse(TwilioVoice.isFinal(status));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "completed, true, COMPLETED",
            "answered, true, COMPLETED",
            "busy, false, BUSY",
            "no-answer, false, NO_ANSWER",
            "failed, false, FAILED",
            "canceled, false, FAILED",
            "ringing, false, null",
            "null, false, null"})
    void dialOutcome_should_readDialCallStatus(String dialCallStatus, boolean connected, CallOutcome outcome) {
        assertEquals(connected, TwilioVoice.connected(dialCallStatus));
        assertEquals(Optional.ofNullable(outcome), TwilioVoice.dialOutcome(dialCallStatus));
    }

    @Test
    void flowInput_should_tellKeysRecordingsDialsHangUpsAndRedirectsApart() {
        assertEquals(new FlowInput.Keys("12"), TwilioVoice.flowInput(Map.of("CallStatus", "in-progress", "Digits", "12")));
        assertEquals(new FlowInput.Keys(""), TwilioVoice.flowInput(Map.of("CallStatus", "in-progress", "Digits", "")),
                "a gather nobody answered");
        assertEquals(new FlowInput.Recorded("https://api.twilio.com/rec/RE1", 14),
                TwilioVoice.flowInput(Map.of("RecordingUrl", "https://api.twilio.com/rec/RE1", "RecordingDuration", "14")));
        assertEquals(new FlowInput.Dialed(true, "completed"), TwilioVoice.flowInput(Map.of("DialCallStatus", "completed",
                "RecordingUrl", "https://api.twilio.com/rec/RE2")), "a recorded dial is a dial");
        assertEquals(new FlowInput.Dialed(false, "no-answer"), TwilioVoice.flowInput(Map.of("DialCallStatus", "no-answer")));
        assertEquals(new FlowInput.CallerHungUp(), TwilioVoice.flowInput(Map.of("CallStatus", "completed")));
        assertEquals(new FlowInput.Continue(), TwilioVoice.flowInput(Map.of("CallStatus", "in-progress")));
    }

    @Test
    void flowInput_should_readAGathersActionWithoutDigits_asNoInput_andAFetchsRedirect_asTheGoAhead() {
        Map<String, String> noDigits = Map.of("CallStatus", "in-progress");

        assertEquals(new FlowInput.Keys(""), TwilioVoice.flowInput(noDigits, NodeType.GATHER));
        assertEquals(new FlowInput.Keys("3"), TwilioVoice.flowInput(Map.of("CallStatus", "in-progress", "Digits", "3"), NodeType.GATHER));
        assertEquals(new FlowInput.Continue(), TwilioVoice.flowInput(noDigits, NodeType.FETCH));
        assertEquals(new FlowInput.Dialed(false, "busy"), TwilioVoice.flowInput(Map.of("DialCallStatus", "busy"), NodeType.DIAL));
        assertEquals(new FlowInput.CallerHungUp(), TwilioVoice.flowInput(Map.of("CallStatus", "completed"), NodeType.GATHER));
    }

    @Test
    void machineDetection_should_waitForTheBeep_onlyWhenSomethingIsSaidToTheMachine() {
        Map<String, Object> none = Map.of();
        assertEquals(Optional.of("DetectMessageEnd"), TwilioVoice.machineDetection(new CallPlan.Voicemail("Hi", null, null)));
        assertEquals(Optional.of("DetectMessageEnd"), TwilioVoice.machineDetection(
                new CallPlan.Ivr("reminder", "message", "Please call us back.", none, none)));
        assertEquals(Optional.of("Enable"), TwilioVoice.machineDetection(new CallPlan.Ivr("reminder", "hangup", null, none, none)));
        assertEquals(Optional.of("Enable"), TwilioVoice.machineDetection(new CallPlan.Ivr("reminder", null, null, none, none)));
        assertEquals(Optional.empty(), TwilioVoice.machineDetection(new CallPlan.Connect("+14155550199", null, 20, false)));
    }

    @Test
    void answeredByMachine_should_countFaxesAsMachines_andUnknownAsAPerson() {
        assertTrue(TwilioVoice.answeredByMachine("machine_end_beep"));
        assertTrue(TwilioVoice.answeredByMachine("fax"));
        assertFalse(TwilioVoice.answeredByMachine("human"));
        assertFalse(TwilioVoice.answeredByMachine("unknown"));
        assertFalse(TwilioVoice.answeredByMachine(null));
    }
}
