package dev.autocall.domain.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signs a body the Standard Webhooks 1.0 way, so a receiver can check it with any of that standard's libraries:
 * an HMAC-SHA256 of "{id}.{timestamp}.{body}" per secret, space-separated, so that during a rotation's grace a
 * receiver holding either secret accepts the request.
 */
public final class WebhookSigner {
    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    private WebhookSigner() {
    }

    /** The three headers, in this order: webhook-id, webhook-timestamp (epoch seconds), webhook-signature. */
    public static Map<String, String> headers(String id, Instant at, String body, List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a request is signed with at least one secret");
        }
        long timestamp = at.getEpochSecond();
        List<String> signatures = new ArrayList<>();
        for (String secret : secrets) {
            signatures.add(sign(id, timestamp, body, secret));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID, id);
        headers.put(TIMESTAMP, Long.toString(timestamp));
        headers.put(SIGNATURE, String.join(" ", signatures));
        return headers;
    }

    /** One signature, "v1,<base64>", keyed by the secret's bytes (base64 after the optional whsec_ prefix). */
    public static String sign(String id, long timestamp, String body, String secret) {
        if (id.contains(".")) {
            // The signed content is dot-delimited: a dot in the id would let one message pass for another.
            throw new IllegalArgumentException("a webhook id must not contain a dot");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] key(String secret) {
        String encoded = secret.startsWith(SigningSecrets.PREFIX) ? secret.substring(SigningSecrets.PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}
