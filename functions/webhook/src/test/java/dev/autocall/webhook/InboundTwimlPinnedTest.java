package dev.autocall.webhook;

import dev.autocall.adapters.twilio.TwilioVoice;
import dev.autocall.domain.voice.InboundPlans;
import dev.autocall.domain.workspace.Workspace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The TwiML inbound calls are answered with, pinned as Twilio receives it: the URLs are what numbers are set up with,
 * and moving the TwiML into the voice adapter must not change a byte of it.
 */
class InboundTwimlPinnedTest {
    private static final String BASE = "https://api.example.com";

    private static Workspace workspace(Workspace.Forwarding forwarding, Workspace.Voicemail voicemail) {
        return new Workspace("ws1", "Acme Plumbing", List.of("+14155550100"), forwarding, voicemail, null, null, null, null,
                null, null);
    }

    @Test
    void ringingTheForwardingNumber_dialsIt_untilAnswered_andReportsTheResult() {
        Workspace acme = workspace(new Workspace.Forwarding("+14155550199", 35), null);

        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Dial action=\"https://api.example.com/twilio/voice/dial-status\""
                + " answerOnBridge=\"true\" method=\"POST\" timeout=\"35\"><Number statusCallback=\"https://api.example.com/twilio/voice/forward-status\""
                + " statusCallbackEvent=\"answered\" statusCallbackMethod=\"POST\">+14155550199</Number></Dial></Response>",
                TwilioVoice.twiml(BASE, InboundPlans.ringForwarding(acme)));
    }

    @Test
    void voicemail_speaksTheGreeting_records_andHangsUp() {
        Workspace acme = workspace(null, new Workspace.Voicemail(true, null, null, 90, false));

        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>Sorry, nobody at Acme Plumbing can take your call right now."
                + " Please leave a message after the tone and we will call you back.</Say><Record action=\"https://api.example.com/twilio/voice/recording\""
                + " finishOnKey=\"#\" maxLength=\"90\" method=\"POST\" playBeep=\"true\" recordingStatusCallback=\"https://api.example.com/twilio/voice/recording-status\""
                + " recordingStatusCallbackEvent=\"completed\" recordingStatusCallbackMethod=\"POST\" timeout=\"5\"/><Hangup/></Response>",
                TwilioVoice.twiml(BASE, InboundPlans.voicemail(acme)));
    }

    @Test
    void voicemailWithAudioAndTranscription_playsTheGreeting_andAsksForTheTranscript() {
        Workspace acme = workspace(null, new Workspace.Voicemail(true, null, "https://cdn.example.com/greeting.mp3", 60, true));

        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Play>https://cdn.example.com/greeting.mp3</Play>"
                + "<Record action=\"https://api.example.com/twilio/voice/recording\" finishOnKey=\"#\" maxLength=\"60\" method=\"POST\" playBeep=\"true\""
                + " recordingStatusCallback=\"https://api.example.com/twilio/voice/recording-status\" recordingStatusCallbackEvent=\"completed\""
                + " recordingStatusCallbackMethod=\"POST\" timeout=\"5\" transcribe=\"true\" transcribeCallback=\"https://api.example.com/twilio/voice/transcription\"/>"
                + "<Hangup/></Response>",
                TwilioVoice.twiml(BASE, InboundPlans.voicemail(acme)));
    }

    @Test
    void voicemailOff_saysGoodbye_andHangsUp() {
        Workspace acme = workspace(null, new Workspace.Voicemail(false, null, null, null, null));

        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>Sorry, nobody at Acme Plumbing can take your call right now."
                + " We will call you back. Goodbye.</Say><Hangup/></Response>", TwilioVoice.twiml(BASE, InboundPlans.voicemail(acme)));
    }

    @Test
    void hangupNotInServiceAndEmpty_areAsBefore() {
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Hangup/></Response>", TwilioVoice.twiml(BASE, InboundPlans.hangup()));
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>Sorry, this number is not in service.</Say><Hangup/></Response>",
                TwilioVoice.twiml(BASE, InboundPlans.notInService()));
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>", TwilioVoice.twiml(BASE, InboundPlans.nothing()));
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>", TwilioVoice.emptyMessaging());
    }
}
