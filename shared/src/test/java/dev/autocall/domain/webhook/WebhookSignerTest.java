package dev.autocall.domain.webhook;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The vectors are the Standard Webhooks libraries' own (standard-webhooks/standard-webhooks: the Java library's
 * TestScenario.validSigned, the Python and JavaScript "sign function" tests), so a receiver using any of them verifies us.
 */
class WebhookSignerTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final String PAYLOAD = "{\"test\": 2432232314}";
    private static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void sign_should_matchTheStandardWebhooksLibrariesVector() {
        assertEquals(EXPECTED, WebhookSigner.sign(ID, TIMESTAMP, PAYLOAD, SECRET));
    }

    @Test
    void sign_should_readTheSecretWithOrWithoutItsPrefix_asTheLibrariesDo() {
        assertEquals(EXPECTED, WebhookSigner.sign(ID, TIMESTAMP, PAYLOAD, SECRET.substring("whsec_".length())));
    }

    @Test
    void sign_should_changeWhenTheBodyTheIdOrTheTimestampChanges() {
        assertNotEquals(EXPECTED, WebhookSigner.sign(ID, TIMESTAMP, "{\"test\": 2432232315}", SECRET));
        assertNotEquals(EXPECTED, WebhookSigner.sign(ID + "x", TIMESTAMP, PAYLOAD, SECRET));
        assertNotEquals(EXPECTED, WebhookSigner.sign(ID, TIMESTAMP + 1, PAYLOAD, SECRET));
    }

    @Test
    void headers_should_carryTheIdTheTimestampInSecondsAndOneSignaturePerSecret_spaceSeparated() {
        String other = SigningSecrets.newSecret();

        Map<String, String> headers = WebhookSigner.headers(ID, Instant.ofEpochSecond(TIMESTAMP, 999_000_000), PAYLOAD,
                List.of(SECRET, other));

        assertEquals(List.of("webhook-id", "webhook-timestamp", "webhook-signature"), List.copyOf(headers.keySet()));
        assertEquals(ID, headers.get("webhook-id"));
        assertEquals("1614265330", headers.get("webhook-timestamp"));
        assertEquals(EXPECTED + " " + WebhookSigner.sign(ID, TIMESTAMP, PAYLOAD, other), headers.get("webhook-signature"));
    }

    @Test
    void sign_should_refuseAnIdWithADot_becauseTheSignedContentIsDotDelimited() {
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.sign("msg.1", TIMESTAMP, PAYLOAD, SECRET));
    }
}
