package dev.autocall.webhook;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each Twilio webhook needs and how big it may be. Twilio always sends these parameters, so a signed
 * request without one is broken or replayed by hand: it is refused with 400 before anything is recorded.
 */
final class WebhookLimits {
    /** Twilio's own webhooks are a few kilobytes; a transcript or a 1,600-character text fits many times over. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** Twilio's limit for one message (its 10 segments); anything longer was not sent by Twilio. */
    static final int MAX_SMS_BODY_CHARS = 1600;

    private static final Map<String, List<String>> REQUIRED = Map.of(
            "/twilio/voice/inbound", List.of("CallSid", "To"),
            "/twilio/voice/dial-status", List.of("CallSid"),
            "/twilio/voice/forward-status", List.of("CallSid", "ParentCallSid"),
            "/twilio/voice/recording", List.of("CallSid"),
            "/twilio/voice/recording-status", List.of("CallSid", "RecordingSid", "RecordingStatus"),
            "/twilio/voice/transcription", List.of("CallSid", "RecordingSid", "TranscriptionStatus"),
            "/twilio/sms/inbound", List.of("MessageSid", "From", "To"),
            "/twilio/sms/status", List.of("MessageSid", "MessageStatus"));

    private WebhookLimits() {
    }

    /** @return what is wrong with an inbound webhook's parameters, or empty when it has what it needs */
    static Optional<String> problem(WebhookRequest request) {
        for (String name : REQUIRED.getOrDefault(request.path(), List.of())) {
            if (isBlank(request.param(name))) {
                return Optional.of("missing parameter " + name);
            }
        }
        // A withheld caller comes as From="" or "anonymous", but Twilio never leaves the parameter out.
        if (request.path().equals("/twilio/voice/inbound") && request.param("From") == null) {
            return Optional.of("missing parameter From");
        }
        String body = request.param("Body");
        if (request.path().equals("/twilio/sms/inbound") && body != null && body.length() > MAX_SMS_BODY_CHARS) {
            return Optional.of("parameter Body is " + body.length() + " characters; at most " + MAX_SMS_BODY_CHARS + " are accepted");
        }
        return Optional.empty();
    }

    /** The inbound call status callback (the outbound one, with req= in its URL, has rules of its own). */
    static Optional<String> callStatusProblem(WebhookRequest request) {
        for (String name : List.of("CallSid", "CallStatus")) {
            if (isBlank(request.param(name))) {
                return Optional.of("missing parameter " + name);
            }
        }
        return Optional.empty();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
