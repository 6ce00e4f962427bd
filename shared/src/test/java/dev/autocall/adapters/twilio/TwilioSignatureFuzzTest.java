package dev.autocall.adapters.twilio;

import dev.autocall.http.HttpRequests;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property tests of form bodies and X-Twilio-Signature: any body gives parameters or the typed refusal; a body
 * signed the way Twilio signs validates, and changing one character of one parameter breaks the signature.
 */
class TwilioSignatureFuzzTest {
    private static final String TOKEN = "12345678901234567890123456789012";
    private static final String URL = "https://api.example.com/twilio/voice/status?req=req_1&leg=agent";
    private final TwilioSignature signature = new TwilioSignature(TOKEN);

    @Property
    void anyBody_should_giveParametersOrBeRefused(@ForAll("bodies") String body) {
        Map<String, String> params = answersOrRefuses(() -> HttpRequests.formParams(body));

        if (params != null) {
            assertFalse(signature.isValid(URL, params, "not-a-signature"));
            assertFalse(signature.isValid(URL, params, null));
        }
    }

    @Property
    void aSignedBody_should_validate_and_notWhenOneCharacterOfAParameterChanges(
            @ForAll("params") Map<String, String> params, @ForAll @IntRange(min = 0, max = 1000) int which,
            @ForAll @IntRange(min = 0, max = 1000) int at, @ForAll("replacements") char replacement) {
        String body = encode(params);
        Map<String, String> received = HttpRequests.formParams(body);
        String signed = sign(URL, params);

        assertEquals(params, received);
        assertTrue(signature.isValid(URL, received, signed));

        String name = received.keySet().stream().sorted().toList().get(which % received.size());
        String value = received.get(name);
        Map<String, String> tampered = new LinkedHashMap<>(received);
        if (value.isEmpty()) {
            tampered.put(name, String.valueOf(replacement));
        } else {
            int i = at % value.length();
            char changed = value.charAt(i) == replacement ? (char) (replacement + 1) : replacement;
            tampered.put(name, value.substring(0, i) + changed + value.substring(i + 1));
        }
        assertFalse(signature.isValid(URL, tampered, signed), () -> "still valid after changing " + name);
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

    @Provide
    Arbitrary<Map<String, String>> params() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').withChars("é日\n\t").ofMaxLength(30);
        return Arbitraries.maps(Arbitraries.oneOf(Arbitraries.of("CallSid", "From", "To", "Body", "CallStatus",
                "AnsweredBy"), text.filter(s -> !s.isEmpty())), text).ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<Character> replacements() {
        return Arbitraries.of('a', 'Z', '0', ' ', '+', '&', '=', '%', 'é', '\n');
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(100),
                Arbitraries.strings().withChars("%&=+aZ09fF. \u00e9\uD800").ofMaxLength(60),
                Arbitraries.of("%", "%2", "%zz", "a=%", "a=%E9", "a=%C3%A9", "=", "&&", "a&b=c=d", "%ED%A0%80"));
    }
}
