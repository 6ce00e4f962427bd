package dev.autocall.webhook;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Play;
import com.twilio.twiml.voice.Say;
import dev.autocall.domain.workspace.Workspace;

import java.util.List;

/** The TwiML the product answers inbound calls with, built with Twilio's own builders. */
final class CallTwiml {
    private CallTwiml() {
    }

    /** Ring the forwarding number; the Dial action reports whether it was answered. */
    static String ringForwardingNumber(Workspace workspace, String baseUrl) {
        com.twilio.twiml.voice.Number forward = new com.twilio.twiml.voice.Number.Builder(workspace.forwarding().number())
                .statusCallback(baseUrl + "/twilio/voice/forward-status")
                .statusCallbackMethod(HttpMethod.POST)
                .statusCallbackEvents(List.of(com.twilio.twiml.voice.Number.Event.ANSWERED))
                .build();
        Dial dial = new Dial.Builder()
                .timeout(workspace.forwarding().ringSeconds())
                .action(baseUrl + "/twilio/voice/dial-status")
                .method(HttpMethod.POST)
                .answerOnBridge(true)
                .number(forward)
                .build();
        return new VoiceResponse.Builder().dial(dial).build().toXml();
    }

    /** The greeting (spoken or played), then a recording; or a polite goodbye when voicemail is off. */
    static String voicemail(Workspace workspace, String baseUrl) {
        Workspace.Voicemail settings = workspace.voicemail();
        VoiceResponse.Builder response = new VoiceResponse.Builder();
        if (!settings.enabled()) {
            return response.say(new Say.Builder("Sorry, nobody at " + workspace.displayName()
                    + " can take your call right now. We will call you back. Goodbye.").build())
                    .hangup(new Hangup.Builder().build()).build().toXml();
        }
        if (settings.audioUrl() != null && !settings.audioUrl().isBlank()) {
            response.play(new Play.Builder(settings.audioUrl()).build());
        } else {
            response.say(new Say.Builder(settings.greetingText(workspace.displayName())).build());
        }
        com.twilio.twiml.voice.Record.Builder record = new com.twilio.twiml.voice.Record.Builder()
                .maxLength(settings.maxSeconds())
                .playBeep(true)
                .timeout(5)
                .finishOnKey("#")
                .action(baseUrl + "/twilio/voice/recording")
                .method(HttpMethod.POST)
                .recordingStatusCallback(baseUrl + "/twilio/voice/recording-status")
                .recordingStatusCallbackMethod(HttpMethod.POST)
                .recordingStatusCallbackEvents(List.of(com.twilio.twiml.voice.Record.RecordingEvent.COMPLETED));
        if (settings.transcribe()) {
            record.transcribe(true).transcribeCallback(baseUrl + "/twilio/voice/transcription");
        }
        return response.record(record.build()).hangup(new Hangup.Builder().build()).build().toXml();
    }

    static String hangup() {
        return new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build().toXml();
    }

    static String notInService() {
        return new VoiceResponse.Builder()
                .say(new Say.Builder("Sorry, this number is not in service.").build())
                .hangup(new Hangup.Builder().build()).build().toXml();
    }

    static String emptyVoice() {
        return new VoiceResponse.Builder().build().toXml();
    }

    static String emptyMessaging() {
        return new MessagingResponse.Builder().build().toXml();
    }
}
