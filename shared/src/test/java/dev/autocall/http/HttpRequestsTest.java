package dev.autocall.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HttpRequestsTest {
    private static final String DOMAIN = "abc123.execute-api.us-east-1.amazonaws.com";

    private static APIGatewayV2HTTPEvent event(String stage, String rawPath, String rawQuery) {
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath(rawPath)
                .withRawQueryString(rawQuery)
                .withHeaders(Map.of("Host", DOMAIN, "X-Forwarded-Proto", "https"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withDomainName(DOMAIN).withStage(stage).build())
                .build();
    }

    @Test
    void requestUrl_should_beTheDomainAndPath_when_theApiUsesTheDefaultStage() {
        // GIVEN
        APIGatewayV2HTTPEvent request = event("$default", "/twilio/voice/inbound", "");

        // WHEN / THEN
        assertEquals("https://" + DOMAIN + "/twilio/voice/inbound", HttpRequests.requestUrl(request, Optional.empty()));
        assertEquals("/twilio/voice/inbound", HttpRequests.routePath(request));
    }

    @Test
    void requestUrl_should_includeTheStageOnce_when_theApiUsesANamedStage() {
        // GIVEN rawPath carries the stage, as API Gateway reports it
        APIGatewayV2HTTPEvent request = event("prod", "/prod/twilio/voice/inbound", null);

        // WHEN / THEN
        assertEquals("https://" + DOMAIN + "/prod/twilio/voice/inbound", HttpRequests.requestUrl(request, Optional.empty()));
        assertEquals("https://" + DOMAIN + "/prod", HttpRequests.baseUrl(request, Optional.empty()));
        assertEquals("/twilio/voice/inbound", HttpRequests.routePath(request));
    }

    @Test
    void requestUrl_should_keepTheRawQueryString_when_theCallbackHasOne() {
        // GIVEN
        APIGatewayV2HTTPEvent request = event("prod", "/prod/twilio/sms/status", "at=1793718000000&ws=a%2Bb");

        // WHEN / THEN
        assertEquals("https://" + DOMAIN + "/prod/twilio/sms/status?at=1793718000000&ws=a%2Bb",
                HttpRequests.requestUrl(request, Optional.empty()));
    }

    @Test
    void requestUrl_should_startWithThePublicBaseUrl_when_aCustomDomainFrontsTheApi() {
        // GIVEN
        APIGatewayV2HTTPEvent request = event("prod", "/prod/twilio/voice/inbound", "x=1");

        // WHEN / THEN
        assertEquals("https://voice.acme.example/twilio/voice/inbound?x=1",
                HttpRequests.requestUrl(request, Optional.of("https://voice.acme.example/")));
    }

    @Test
    void baseUrl_should_useTheHostHeader_when_theRequestContextHasNoDomain() {
        // GIVEN
        APIGatewayV2HTTPEvent request = APIGatewayV2HTTPEvent.builder()
                .withRawPath("/twilio/voice/inbound")
                .withHeaders(Map.of("host", "localhost:3000", "x-forwarded-proto", "HTTP"))
                .build();

        // WHEN / THEN
        assertEquals("http://localhost:3000/twilio/voice/inbound", HttpRequests.requestUrl(request, Optional.empty()));
    }

    @Test
    void formParams_should_decodeTwiliosFormEncoding_when_numbersAndTextAreEscaped() {
        // WHEN
        Map<String, String> params = HttpRequests.formParams("From=%2B14155550123&Body=Hi+there%21+%26+bye&Empty=&Flag");

        // THEN
        assertEquals(Map.of("From", "+14155550123", "Body", "Hi there! & bye", "Empty", "", "Flag", ""), params);
    }

    @Test
    void body_should_decodeBase64_when_apiGatewayEncodedIt() {
        // GIVEN
        APIGatewayV2HTTPEvent request = APIGatewayV2HTTPEvent.builder()
                .withBody(Base64.getEncoder().encodeToString("From=%2B1".getBytes(StandardCharsets.UTF_8)))
                .withIsBase64Encoded(true).build();

        // WHEN / THEN
        assertEquals("From=%2B1", HttpRequests.body(request));
    }

    @Test
    void header_should_matchWhateverTheCase() {
        // GIVEN
        APIGatewayV2HTTPEvent request = APIGatewayV2HTTPEvent.builder()
                .withHeaders(Map.of("x-twilio-signature", "abc=")).build();

        // WHEN / THEN
        assertEquals(Optional.of("abc="), HttpRequests.header(request, "X-Twilio-Signature"));
        assertEquals(Optional.empty(), HttpRequests.header(request, "Authorization"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"%", "CallSid=CA1&Body=%", "Body=%2", "Body=%zz", "%G1=x",
            "Body=%\ud800\ud800"})
    void formParams_should_refuseTheBodyNamingIt_when_aPercentEscapeIsBroken(String body) {
        // WHEN
        dev.autocall.error.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.autocall.error.InvalidInputException.class, () -> HttpRequests.formParams(body));

        // THEN the 400 names the body and quotes nothing a response cannot carry
        assertEquals("body", e.field().orElse(null));
        assertEquals(e.getMessage(), new String(e.getMessage().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
}
