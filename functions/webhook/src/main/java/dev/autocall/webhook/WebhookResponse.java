package dev.autocall.webhook;

/** What the webhook answers Twilio: TwiML, or an empty status. */
public record WebhookResponse(int status, String contentType, String body) {
    static WebhookResponse twiml(String xml) {
        return new WebhookResponse(200, "application/xml", xml);
    }

    static WebhookResponse forbidden() {
        return new WebhookResponse(403, "text/plain; charset=utf-8", "invalid Twilio signature");
    }

    static WebhookResponse notFound() {
        return new WebhookResponse(404, "text/plain; charset=utf-8", "no such webhook");
    }
}
