package dev.autocall.adapters.twilio;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Pause;
import com.twilio.twiml.voice.Play;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Redirect;
import com.twilio.twiml.voice.Say;
import dev.autocall.domain.voice.Callback;
import dev.autocall.domain.voice.VoiceInstruction;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Renders provider-neutral instructions as TwiML with Twilio's builders; every callback becomes an absolute URL. */
final class TwimlRenderer {
    /** Seconds of silence that end a recording, and the key that ends it early (Twilio's defaults, spelled out). */
    private static final int RECORDING_SILENCE_SECONDS = 5;
    private static final String RECORDING_FINISH_KEY = "#";

    private final String baseUrl;

    TwimlRenderer(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String render(List<VoiceInstruction> instructions) {
        VoiceResponse.Builder response = new VoiceResponse.Builder();
        for (VoiceInstruction instruction : instructions) {
            switch (instruction) {
                case VoiceInstruction.Say say -> response.say(say(say));
                case VoiceInstruction.Play play -> response.play(new Play.Builder(play.url()).build());
                case VoiceInstruction.Pause pause -> response.pause(pause(pause));
                case VoiceInstruction.Gather gather -> response.gather(gather(gather));
                case VoiceInstruction.Record record -> response.record(record(record));
                case VoiceInstruction.Dial dial -> response.dial(dial(dial));
                case VoiceInstruction.Redirect redirect -> response.redirect(new Redirect.Builder(url(redirect.to()))
                        .method(HttpMethod.POST).build());
                case VoiceInstruction.Hangup hangup -> response.hangup(new Hangup.Builder().build());
            }
        }
        return response.build().toXml();
    }

    private String url(Callback callback) {
        return TwilioCallbacks.url(baseUrl, callback);
    }

    private static Say say(VoiceInstruction.Say say) {
        Say.Builder builder = new Say.Builder(say.text());
        voice(say.voice()).ifPresent(builder::voice);
        language(say.language()).ifPresent(builder::language);
        return builder.build();
    }

    private static Pause pause(VoiceInstruction.Pause pause) {
        return new Pause.Builder().length(pause.seconds()).build();
    }

    /** The action hears no input too (actionOnEmptyResult): the flow, not Twilio, decides what follows silence. */
    private Gather gather(VoiceInstruction.Gather gather) {
        Gather.Builder builder = new Gather.Builder()
                .inputs(List.of(Gather.Input.DTMF))
                .numDigits(gather.numDigits())
                .timeout(gather.timeoutSeconds())
                // Twilio ends input on # unless told otherwise; an empty finishOnKey means no key ends it.
                .finishOnKey(gather.finishOnKey() == null ? "" : gather.finishOnKey())
                .action(url(gather.action()))
                .method(HttpMethod.POST)
                .actionOnEmptyResult(true);
        for (VoiceInstruction prompt : gather.prompt()) {
            switch (prompt) {
                case VoiceInstruction.Say say -> builder.say(say(say));
                case VoiceInstruction.Play play -> builder.play(new Play.Builder(play.url()).build());
                case VoiceInstruction.Pause pause -> builder.pause(pause(pause));
                default -> throw new IllegalArgumentException("a gather's prompt speaks, plays or pauses only");
            }
        }
        return builder.build();
    }

    private Record record(VoiceInstruction.Record record) {
        Record.Builder builder = new Record.Builder()
                .maxLength(record.maxSeconds())
                .playBeep(true)
                .timeout(RECORDING_SILENCE_SECONDS)
                .finishOnKey(RECORDING_FINISH_KEY)
                .action(url(record.action()))
                .method(HttpMethod.POST);
        if (record.recordingStatus() != null) {
            builder.recordingStatusCallback(url(record.recordingStatus()))
                    .recordingStatusCallbackMethod(HttpMethod.POST)
                    .recordingStatusCallbackEvents(List.of(Record.RecordingEvent.COMPLETED));
        }
        if (record.transcribe()) {
            builder.transcribe(true);
            if (record.transcription() != null) {
                builder.transcribeCallback(url(record.transcription()));
            }
        }
        return builder.build();
    }

    /**
     * A plain number is the Dial's text; a whisper or an answered callback needs a Number element (Twilio reads
     * both the same way).
     */
    private Dial dial(VoiceInstruction.Dial dial) {
        Dial.Builder builder = new Dial.Builder().timeout(dial.timeoutSeconds());
        if (dial.callerId() != null) {
            builder.callerId(dial.callerId());
        }
        if (dial.record()) {
            builder.record(Dial.Record.RECORD_FROM_ANSWER);
        }
        if (dial.action() != null) {
            builder.action(url(dial.action())).method(HttpMethod.POST);
        }
        if (dial.answerOnConnect()) {
            builder.answerOnBridge(true);
        }
        if (dial.whisper() == null && dial.answered() == null) {
            return builder.number(dial.number()).build();
        }
        Number.Builder number = new Number.Builder(dial.number());
        if (dial.whisper() != null) {
            number.url(url(dial.whisper())).method(HttpMethod.POST);
        }
        if (dial.answered() != null) {
            number.statusCallback(url(dial.answered()))
                    .statusCallbackMethod(HttpMethod.POST)
                    .statusCallbackEvents(List.of(Number.Event.ANSWERED));
        }
        return builder.number(number.build()).build();
    }

    /** "Polly.Joanna" → POLLY_JOANNA, the builder's constant; a name Twilio does not know speaks in the default voice. */
    static Optional<Say.Voice> voice(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Say.Voice.valueOf(name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** "en-US" → EN_US; a language Twilio does not know speaks in the voice's own. */
    static Optional<Say.Language> language(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        return Arrays.stream(Say.Language.values()).filter(l -> l.toString().equalsIgnoreCase(tag)).findFirst();
    }
}
