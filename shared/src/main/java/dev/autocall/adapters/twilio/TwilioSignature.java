package dev.autocall.adapters.twilio;

import com.twilio.security.RequestValidator;

import java.util.Map;

/** Checks X-Twilio-Signature with Twilio's own validator: the URL Twilio called plus the POST parameters. */
public final class TwilioSignature {
    private final RequestValidator validator;

    public TwilioSignature(String authToken) {
        this.validator = new RequestValidator(authToken);
    }

    public boolean isValid(String url, Map<String, String> params, String signature) {
        return signature != null && !signature.isBlank() && validator.validate(url, params, signature);
    }
}
