package dev.autocall.webhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.autocall.adapters.twilio.TwilioSignature;
import dev.autocall.domain.event.EventTypes;
import dev.autocall.testing.InMemoryCallLog;
import dev.autocall.testing.InMemoryWorkspaceStore;
import dev.autocall.testing.MutableClock;
import dev.autocall.testing.RecordingEventPublisher;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.autocall.testing.SampleWorkspaces.BUSINESS_NUMBER;
import static dev.autocall.testing.SampleWorkspaces.CALLER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handler as API Gateway invokes it: the URL Twilio signed must be rebuilt from the event. */
class WebhookHandlerTest {
    private static final String AUTH_TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String DOMAIN = "abc123.execute-api.us-east-1.amazonaws.com";

    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private final TwilioWebhooks webhooks = new TwilioWebhooks(new TwilioSignature(AUTH_TOKEN), workspaces, new InMemoryCallLog(),
            new dev.autocall.testing.InMemoryCallRequestStore(),
            events, NoIvr.wiring(), new MutableClock(Instant.parse("2026-11-02T15:00:00Z")));
    private final TwilioRequestSigner twilio = new TwilioRequestSigner(AUTH_TOKEN);
    private final Map<String, String> params = Map.of("CallSid", "CA1", "From", CALLER, "To", BUSINESS_NUMBER,
            "CallStatus", "ringing", "CallerName", "Dana Reyes & Co");

    @BeforeEach
    void setUp() {
        workspaces.save(SampleWorkspaces.acme());
    }

    @Test
    void handleRequest_should_acceptTwiliosSignature_when_theApiIsOnANamedStage() {
        // GIVEN Twilio called, and signed, the stage URL
        String url = "https://" + DOMAIN + "/prod/twilio/voice/inbound";
        APIGatewayV2HTTPEvent event = apiGatewayEvent("prod", "/prod/twilio/voice/inbound", twilio.sign(url, params));

        // WHEN
        APIGatewayV2HTTPResponse response = new WebhookHandler(webhooks, Optional.empty()).handleRequest(event, null);

        // THEN
        assertEquals(200, response.getStatusCode());
        assertEquals("https://" + DOMAIN + "/prod/twilio/voice/dial-status",
                Twiml.parse(response.getBody()).verb("Dial").getAttribute("action"));
        assertEquals(EventTypes.CALL_RECEIVED, events.published().get(0).type());
        assertEquals(CALLER, events.published().get(0).contactPhone());
    }

    @Test
    void handleRequest_should_acceptTwiliosSignature_when_aCustomDomainFrontsTheApi() {
        // GIVEN Twilio called the custom domain; API Gateway reports its own stage and path
        String url = "https://voice.acme.example/twilio/voice/inbound";
        APIGatewayV2HTTPEvent event = apiGatewayEvent("$default", "/twilio/voice/inbound", twilio.sign(url, params));

        // WHEN
        APIGatewayV2HTTPResponse response = new WebhookHandler(webhooks, Optional.of("https://voice.acme.example"))
                .handleRequest(event, null);

        // THEN
        assertEquals(200, response.getStatusCode());
        assertEquals("https://voice.acme.example/twilio/voice/dial-status",
                Twiml.parse(response.getBody()).verb("Dial").getAttribute("action"));
    }

    @Test
    void handleRequest_should_refuse_when_theSignatureWasMadeForAnotherUrl() {
        // GIVEN signed without the stage, called with it
        String wrongUrl = "https://" + DOMAIN + "/twilio/voice/inbound";
        APIGatewayV2HTTPEvent event = apiGatewayEvent("prod", "/prod/twilio/voice/inbound", twilio.sign(wrongUrl, params));

        // WHEN
        APIGatewayV2HTTPResponse response = new WebhookHandler(webhooks, Optional.empty()).handleRequest(event, null);

        // THEN
        assertEquals(403, response.getStatusCode());
        assertEquals(0, events.published().size());
    }

    @Test
    void handleRequest_should_refuseWith413AndPublishNothing_when_theBodyIsOverTheLimit() {
        // GIVEN a validly signed message whose body makes the request over 64 KB
        Map<String, String> sms = Map.of("MessageSid", "SM1", "From", CALLER, "To", BUSINESS_NUMBER, "Body", "x".repeat(1_000_000));
        String url = "https://" + DOMAIN + "/twilio/sms/inbound";
        APIGatewayV2HTTPEvent event = apiGatewayEvent("$default", "/twilio/sms/inbound", twilio.sign(url, sms), sms);

        // WHEN
        APIGatewayV2HTTPResponse response = new WebhookHandler(webhooks, Optional.empty()).handleRequest(event, null);

        // THEN
        assertEquals(413, response.getStatusCode());
        assertTrue(response.getBody().contains("65536"), response.getBody());
        assertEquals(0, events.published().size());
    }

    @Test
    void handleRequest_should_answerAJson500WithTheRequestId_when_somethingUnexpectedFails() {
        // GIVEN a store that is down
        dev.autocall.domain.call.CallLog down = new dev.autocall.domain.call.CallLog() {
            @Override
            public InboundCall recordInbound(InboundCall call) {
                throw new IllegalStateException("DynamoDB is unreachable");
            }

            @Override
            public Optional<InboundCall> find(String callSid) {
                throw new IllegalStateException("DynamoDB is unreachable");
            }

            @Override
            public void recordVoicemail(String callSid, String recordingSid, String recordingUrl) {
                throw new IllegalStateException("DynamoDB is unreachable");
            }
        };
        TwilioWebhooks failing = new TwilioWebhooks(new TwilioSignature(AUTH_TOKEN), workspaces, down,
                new dev.autocall.testing.InMemoryCallRequestStore(), events, NoIvr.wiring(), new MutableClock(Instant.parse("2026-11-02T15:00:00Z")));
        String url = "https://" + DOMAIN + "/twilio/voice/inbound";
        APIGatewayV2HTTPEvent event = apiGatewayEvent("$default", "/twilio/voice/inbound", twilio.sign(url, params));

        // WHEN
        APIGatewayV2HTTPResponse response = new WebhookHandler(failing, Optional.empty()).handleRequest(event, null);

        // THEN
        assertEquals(500, response.getStatusCode());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        assertTrue(response.getBody().contains("\"requestId\":\"req-1\""), response.getBody());
    }

    private APIGatewayV2HTTPEvent apiGatewayEvent(String stage, String rawPath, String signature) {
        return apiGatewayEvent(stage, rawPath, signature, params);
    }

    private APIGatewayV2HTTPEvent apiGatewayEvent(String stage, String rawPath, String signature, Map<String, String> params) {
        String body = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath(rawPath)
                .withRawQueryString("")
                .withHeaders(Map.of("content-type", "application/x-www-form-urlencoded", "host", DOMAIN,
                        "x-forwarded-proto", "https", "x-twilio-signature", signature))
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withDomainName(DOMAIN).withStage(stage)
                        .withRequestId("req-1")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath(rawPath).build())
                        .build())
                .build();
    }
}
