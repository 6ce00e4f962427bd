package dev.autocall.webhook;

import java.util.Map;
import java.util.Optional;

/**
 * A Twilio webhook as the router sees it.
 *
 * @param path the route, e.g. /twilio/voice/inbound
 * @param url the full URL Twilio requested, which its signature covers
 * @param baseUrl the public base for callback URLs put into TwiML
 * @param params the form-encoded POST parameters
 * @param query the query string parameters
 */
public record WebhookRequest(String path, String url, String baseUrl, Map<String, String> params,
                             Map<String, String> query, Optional<String> signature) {

    public String param(String name) {
        return params.get(name);
    }
}
