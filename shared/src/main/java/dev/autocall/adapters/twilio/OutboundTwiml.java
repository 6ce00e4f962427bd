package dev.autocall.adapters.twilio;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Play;
import com.twilio.twiml.voice.Say;
import dev.autocall.domain.outbound.CallPlan;

import java.util.Locale;
import java.util.Optional;

/**
 * What a placed call does once answered, built with Twilio's TwiML builders: a makeCall whispers to the agent
 * and then dials the customer; a voicemail drop speaks or plays its message (after the beep, when machine
 * detection waits for the end of the greeting).
 */
public final class OutboundTwiml {
    private OutboundTwiml() {
    }

    /**
     * @param customer the number a makeCall connects the agent to
     * @param customerCallerId the number the customer sees
     * @param connectStatusUrl where the customer leg's result is reported
     */
    public static String render(CallPlan plan, String customer, String customerCallerId, String connectStatusUrl) {
        VoiceResponse.Builder twiml = new VoiceResponse.Builder();
        switch (plan) {
            case CallPlan.Connect connect -> {
                if (connect.whisper() != null && !connect.whisper().isBlank()) {
                    twiml.say(new Say.Builder(connect.whisper()).build());
                }
                twiml.dial(new Dial.Builder()
                        .callerId(customerCallerId)
                        .timeout(connect.timeoutSeconds())
                        .record(connect.record() ? Dial.Record.RECORD_FROM_ANSWER : Dial.Record.DO_NOT_RECORD)
                        .action(connectStatusUrl)
                        .method(HttpMethod.POST)
                        .number(customer)
                        .build());
            }
            case CallPlan.Voicemail voicemail -> {
                if (voicemail.audioUrl() != null && !voicemail.audioUrl().isBlank()) {
                    twiml.play(new Play.Builder(voicemail.audioUrl()).build());
                } else {
                    Say.Builder say = new Say.Builder(voicemail.message());
                    voice(voicemail.voice()).ifPresent(say::voice);
                    twiml.say(say.build());
                }
            }
            case CallPlan.Ivr ivr -> throw new IllegalArgumentException("an IVR call's instructions come from its flow, not its plan");
        }
        return twiml.hangup(new Hangup.Builder().build()).build().toXml();
    }

    /** "Polly.Joanna" → POLLY_JOANNA, the builder's constant; a name Twilio does not know speaks in the default voice. */
    private static Optional<Say.Voice> voice(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Say.Voice.valueOf(name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
