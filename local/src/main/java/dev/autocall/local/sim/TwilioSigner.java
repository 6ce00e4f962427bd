package dev.autocall.local.sim;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs webhooks as Twilio does: HMAC-SHA1 with the auth token over the full URL followed by each POST
 * parameter's name and value, sorted by name, Base64-encoded into X-Twilio-Signature.
 */
public final class TwilioSigner {
    private final byte[] authToken;

    public TwilioSigner(String authToken) {
        this.authToken = authToken.getBytes(StandardCharsets.UTF_8);
    }

    public String sign(String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
