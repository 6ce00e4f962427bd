package dev.autocall.adapters.twilio;

import dev.autocall.http.HttpRequests;
import dev.autocall.testing.Fuzz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static dev.autocall.testing.FuzzChecks.answersOrRefuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz tests of form bodies and X-Twilio-Signature: any body gives parameters or the typed refusal; a body
 * signed the way Twilio signs validates, and changing one character of one parameter breaks the signature.
 */
class TwilioSignatureFuzzTest {
    private static final String TOKEN = "12345678901234567890123456789012";
    private static final String URL = "https://api.example.com/twilio/voice/status?req=req_1&leg=agent";
    private static final String PARAM_CHARS = printableAscii() + "é日\n\t";
    private final TwilioSignature signature = new TwilioSignature(TOKEN);

    record Tampering(Map<String, String> params, int which, int at, char replacement) {
    }

    @Test
    void anyBody_should_giveParametersOrBeRefused() {
        Fuzz.forAll(TwilioSignatureFuzzTest::body, this::parametersOrRefused);
    }

    /** Found by the fuzzer: broken % escapes threw IllegalArgumentException, then were quoted back unencodable. */
    @ParameterizedTest
    @ValueSource(strings = {"%", "%2", "%zz", "a=%", "a=%E9", "=", "&&", "a&b=c=d", "%ED%A0%80", "a=%\uD800"})
    void brokenEscapes_should_giveParametersOrBeRefused(String body) {
        parametersOrRefused(body);
    }

    @Test
    void aBrokenEscape_should_beRefused() {
        assertNull(answersOrRefuses(() -> HttpRequests.formParams("Body=%zz")));
    }

    @Test
    void aSignedBody_should_validate_and_notWhenOneCharacterOfAParameterChanges() {
        Fuzz.forAll(fuzz -> new Tampering(params(fuzz), fuzz.intBetween(0, 1000), fuzz.intBetween(0, 1000),
                fuzz.pick('a', 'Z', '0', ' ', '+', '&', '=', '%', 'é', '\n')), t -> {
            Map<String, String> params = t.params();
            char replacement = t.replacement();
            String body = encode(params);
            Map<String, String> received = HttpRequests.formParams(body);
            String signed = sign(URL, params);

            assertEquals(params, received);
            assertTrue(signature.isValid(URL, received, signed));

            String name = received.keySet().stream().sorted().toList().get(t.which() % received.size());
            String value = received.get(name);
            Map<String, String> tampered = new LinkedHashMap<>(received);
            if (value.isEmpty()) {
                tampered.put(name, String.valueOf(replacement));
            } else {
                int i = t.at() % value.length();
                char changed = value.charAt(i) == replacement ? (char) (replacement + 1) : replacement;
                tampered.put(name, value.substring(0, i) + changed + value.substring(i + 1));
            }
            assertFalse(signature.isValid(URL, tampered, signed), () -> "still valid after changing " + name);
        });
    }

    private void parametersOrRefused(String body) {
        Map<String, String> params = answersOrRefuses(() -> HttpRequests.formParams(body));

        if (params != null) {
            assertFalse(signature.isValid(URL, params, "not-a-signature"));
            assertFalse(signature.isValid(URL, params, null));
        }
    }

    /** Twilio's documented scheme: HMAC-SHA1 of the URL and every parameter name and value, sorted by name. */
    private static String sign(String url, Map<String, String> params) {
        try {
            StringBuilder data = new StringBuilder(url);
            new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** One to eight parameters: Twilio's names or any, values of printable text with accents and line breaks. */
    private static Map<String, String> params(Fuzz fuzz) {
        Map<String, String> params = new LinkedHashMap<>();
        int size = fuzz.intBetween(1, 8);
        while (params.size() < size) {
            String name = fuzz.oneOf(() -> fuzz.pick("CallSid", "From", "To", "Body", "CallStatus", "AnsweredBy"),
                    () -> fuzz.string(PARAM_CHARS, 1, 30));
            params.put(name, fuzz.string(PARAM_CHARS, 0, 30));
        }
        return params;
    }

    private static String body(Fuzz fuzz) {
        return fuzz.oneOf(() -> fuzz.string(100), () -> fuzz.string("%&=+aZ09fF. \u00e9\uD800", 0, 60),
                () -> fuzz.pick("%", "%2", "%zz", "a=%", "a=%E9", "a=%C3%A9", "=", "&&", "a&b=c=d", "%ED%A0%80"));
    }

    private static String printableAscii() {
        StringBuilder s = new StringBuilder();
        for (char c = ' '; c <= '~'; c++) {
            s.append(c);
        }
        return s.toString();
    }
}
