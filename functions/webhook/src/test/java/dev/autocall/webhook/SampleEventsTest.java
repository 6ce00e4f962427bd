package dev.autocall.webhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.autocall.adapters.twilio.TwilioSignature;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventTypes;
import dev.autocall.testing.InMemoryCallLog;
import dev.autocall.testing.InMemoryWorkspaceStore;
import dev.autocall.testing.MutableClock;
import dev.autocall.testing.RecordingEventPublisher;
import dev.autocall.testing.SampleEvents;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fixtures in events/ are what API Gateway delivers for Twilio's requests, and the handler takes them. */
class SampleEventsTest {
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private final InMemoryCallLog calls = new InMemoryCallLog();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T15:00:00Z"));

    @BeforeEach
    void setUp() {
        workspaces.save(SampleWorkspaces.acme());
    }

    private WebhookHandler handler(String authToken) {
        return new WebhookHandler(new TwilioWebhooks(new TwilioSignature(authToken), workspaces, calls, new dev.autocall.testing.InMemoryCallRequestStore(), events, NoIvr.wiring(), clock), Optional.empty());
    }

    @Test
    void aMissedCall_fromTheSamples_ringsTheForwardingLine_thenGoesToVoicemail() {
        WebhookHandler handler = handler(SampleEvents.AUTH_TOKEN);

        APIGatewayV2HTTPResponse inbound = handler.handleRequest(SampleEvents.read("twilio-voice-inbound.json", APIGatewayV2HTTPEvent.class), null);
        APIGatewayV2HTTPResponse dialed = handler.handleRequest(
                SampleEvents.read("twilio-voice-dial-status-no-answer.json", APIGatewayV2HTTPEvent.class), null);
        APIGatewayV2HTTPResponse recorded = handler.handleRequest(
                SampleEvents.read("twilio-voice-recording-status.json", APIGatewayV2HTTPEvent.class), null);

        assertEquals(List.of(200, 200, 200), List.of(inbound.getStatusCode(), dialed.getStatusCode(), recorded.getStatusCode()));
        assertEquals(SampleWorkspaces.FORWARDING_NUMBER, Twiml.parse(inbound.getBody()).verb("Dial").getTextContent().trim());
        assertTrue(dialed.getBody().contains("<Record"), dialed.getBody());
        assertEquals(List.of(EventTypes.CALL_RECEIVED, EventTypes.CALL_MISSED, EventTypes.VOICEMAIL_RECEIVED),
                events.published().stream().map(DomainEvent::type).toList());
    }

    @Test
    void theSmsSamples_publishTheReplyAndTheDeliveryStatus() {
        WebhookHandler handler = handler(SampleEvents.AUTH_TOKEN);

        handler.handleRequest(SampleEvents.read("twilio-sms-inbound-stop.json", APIGatewayV2HTTPEvent.class), null);
        handler.handleRequest(SampleEvents.read("twilio-sms-status-delivered.json", APIGatewayV2HTTPEvent.class), null);

        assertEquals("STOP", events.published().get(0).dataString("body"));
        assertEquals("delivered", events.published().get(1).dataString("status"));
        assertEquals("2026-11-25T15:00:00.123Z", events.published().get(1).dataString("sentAt"));
    }

    @Test
    void theSamples_areRefused_byAStackWithAnotherAuthToken() {
        APIGatewayV2HTTPResponse response = handler("f".repeat(32))
                .handleRequest(SampleEvents.read("twilio-voice-inbound.json", APIGatewayV2HTTPEvent.class), null);

        assertEquals(403, response.getStatusCode());
        assertTrue(events.published().isEmpty());
    }
}
