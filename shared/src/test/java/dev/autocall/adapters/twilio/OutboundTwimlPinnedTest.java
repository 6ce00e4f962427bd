package dev.autocall.adapters.twilio;

import dev.autocall.domain.outbound.CallPlan;
import dev.autocall.domain.outbound.OutboundPlans;
import dev.autocall.domain.voice.Callback;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The TwiML a placed call runs once answered, pinned as Twilio receives it: moving it into the voice adapter changes nothing. */
class OutboundTwimlPinnedTest {
    private static final Callback CONNECT_STATUS = new Callback(Callback.Kind.CONNECT_RESULT, Map.of("req", "r1", "ws", "ws 1"));

    /** As a placed call renders it: the plan's neutral instructions, then TwiML under the product's base URL. */
    private static String render(CallPlan plan, String customer, String customerCallerId, Callback connectResult) {
        return TwilioVoice.twiml("https://api.example.com", OutboundPlans.answered(plan, customer, customerCallerId, connectResult));
    }

    @Test
    void makeCall_whispersToTheAgent_thenDialsTheCustomer_fromTheCallerId() {
        String twiml = render(new CallPlan.Connect("+14155550199", "Call for Dana, a new lead", 25, true),
                "+14155550131", "+14155550100", CONNECT_STATUS);

        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>Call for Dana, a new lead</Say>"
                + "<Dial action=\"https://api.example.com/twilio/voice/connect-status?ws=ws+1&amp;req=r1\" callerId=\"+14155550100\" method=\"POST\""
                + " record=\"record-from-answer\" timeout=\"25\">+14155550131</Dial><Hangup/></Response>", twiml);
    }

    /** The one difference from before the voice adapter: record="do-not-record", Twilio's default, is no longer spelled out. */
    @Test
    void makeCallWithoutWhisperOrRecording_onlyDials() {
        String twiml = render(new CallPlan.Connect("+14155550199", " ", 20, false),
                "+14155550131", "+14155550100", CONNECT_STATUS);

        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
                + "<Dial action=\"https://api.example.com/twilio/voice/connect-status?ws=ws+1&amp;req=r1\" callerId=\"+14155550100\" method=\"POST\""
                + " timeout=\"20\">+14155550131</Dial><Hangup/></Response>", twiml);
    }

    @Test
    void voicemailDrop_speaksInTheChosenVoice_thenHangsUp() {
        String twiml = render(new CallPlan.Voicemail("Hi Dana, your appointment is tomorrow at 10.", "Polly.Joanna", null),
                "+14155550131", "+14155550100", CONNECT_STATUS);

        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say voice=\"Polly.Joanna\">Hi Dana, your appointment is tomorrow at 10.</Say>"
                + "<Hangup/></Response>", twiml);
    }

    @Test
    void voicemailDropInAVoiceTwilioDoesNotKnow_speaksInTheDefaultVoice() {
        String twiml = render(new CallPlan.Voicemail("Hello", "Robot.Bender", null), "+14155550131", "+14155550100", CONNECT_STATUS);

        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>Hello</Say><Hangup/></Response>", twiml);
    }

    @Test
    void voicemailDropWithAudio_playsIt_thenHangsUp() {
        String twiml = render(new CallPlan.Voicemail("ignored", "Polly.Joanna", "https://cdn.example.com/msg.mp3"),
                "+14155550131", "+14155550100", CONNECT_STATUS);

        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Play>https://cdn.example.com/msg.mp3</Play><Hangup/></Response>", twiml);
    }
}
