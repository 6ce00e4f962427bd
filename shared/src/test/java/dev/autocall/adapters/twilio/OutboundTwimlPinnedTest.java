package dev.autocall.adapters.twilio;

import dev.autocall.domain.outbound.CallPlan;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The TwiML a placed call runs once answered, pinned as Twilio receives it: moving it into the voice adapter changes nothing. */
class OutboundTwimlPinnedTest {
    private static final String CONNECT_STATUS = "https://api.example.com/twilio/voice/connect-status?ws=ws+1&req=r1";

    @Test
    void makeCall_whispersToTheAgent_thenDialsTheCustomer_fromTheCallerId() {
        String twiml = OutboundTwiml.render(new CallPlan.Connect("+14155550199", "Call for Dana, a new lead", 25, true),
                "+14155550131", "+14155550100", CONNECT_STATUS);

        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>Call for Dana, a new lead</Say>"
                + "<Dial action=\"https://api.example.com/twilio/voice/connect-status?ws=ws+1&amp;req=r1\" callerId=\"+14155550100\" method=\"POST\""
                + " record=\"record-from-answer\" timeout=\"25\">+14155550131</Dial><Hangup/></Response>", twiml);
    }

    @Test
    void makeCallWithoutWhisperOrRecording_onlyDials() {
        String twiml = OutboundTwiml.render(new CallPlan.Connect("+14155550199", " ", 20, false),
                "+14155550131", "+14155550100", CONNECT_STATUS);

        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
                + "<Dial action=\"https://api.example.com/twilio/voice/connect-status?ws=ws+1&amp;req=r1\" callerId=\"+14155550100\" method=\"POST\""
                + " record=\"do-not-record\" timeout=\"20\">+14155550131</Dial><Hangup/></Response>", twiml);
    }

    @Test
    void voicemailDrop_speaksInTheChosenVoice_thenHangsUp() {
        String twiml = OutboundTwiml.render(new CallPlan.Voicemail("Hi Dana, your appointment is tomorrow at 10.", "Polly.Joanna", null),
                "+14155550131", "+14155550100", CONNECT_STATUS);

        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say voice=\"Polly.Joanna\">Hi Dana, your appointment is tomorrow at 10.</Say>"
                + "<Hangup/></Response>", twiml);
    }

    @Test
    void voicemailDropInAVoiceTwilioDoesNotKnow_speaksInTheDefaultVoice() {
        String twiml = OutboundTwiml.render(new CallPlan.Voicemail("Hello", "Robot.Bender", null), "+14155550131", "+14155550100", CONNECT_STATUS);

        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>Hello</Say><Hangup/></Response>", twiml);
    }

    @Test
    void voicemailDropWithAudio_playsIt_thenHangsUp() {
        String twiml = OutboundTwiml.render(new CallPlan.Voicemail("ignored", "Polly.Joanna", "https://cdn.example.com/msg.mp3"),
                "+14155550131", "+14155550100", CONNECT_STATUS);

        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Play>https://cdn.example.com/msg.mp3</Play><Hangup/></Response>", twiml);
    }
}
