package dev.autocall.webhook;

import dev.autocall.adapters.twilio.TwilioVoice;
import dev.autocall.domain.voice.VoiceInstruction;

import java.util.List;

/** What the webhook answers Twilio: TwiML, or a status with a short plain-text reason. */
public record WebhookResponse(int status, String contentType, String body) {
    private static final String TEXT = "text/plain; charset=utf-8";

    static WebhookResponse twiml(String xml) {
        return new WebhookResponse(200, "application/xml", xml);
    }

    /** What the call does next, rendered by the voice adapter with callbacks under the URL Twilio called. */
    static WebhookResponse voice(WebhookRequest request, List<VoiceInstruction> instructions) {
        return twiml(TwilioVoice.twiml(request.baseUrl(), instructions));
    }

    /** The answer to an SMS webhook: no reply. */
    static WebhookResponse noReply() {
        return twiml(TwilioVoice.emptyMessaging());
    }

    /** A signed request that lacks what the webhook needs; Twilio logs the body in its debugger. */
    static WebhookResponse badRequest(String reason) {
        return new WebhookResponse(400, TEXT, reason);
    }

    static WebhookResponse forbidden() {
        return new WebhookResponse(403, TEXT, "invalid Twilio signature");
    }

    static WebhookResponse notFound() {
        return new WebhookResponse(404, TEXT, "no such webhook");
    }

    static WebhookResponse tooLarge(int limitBytes) {
        return new WebhookResponse(413, TEXT, "request body over " + limitBytes + " bytes");
    }
}
