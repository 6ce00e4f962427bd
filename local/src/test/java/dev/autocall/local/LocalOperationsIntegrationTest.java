package dev.autocall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventTypes;
import dev.autocall.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a developer does with a running local runtime besides calls and texts: the demo data, more
 * workspaces through /_sim/workspaces, and re-driving a dead-letter queue with ./autocall redrive.
 */
class LocalOperationsIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static LocalRuntime runtime;
    private static LocalClient demo;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(new LocalRuntime.Options(0, Optional.empty(), 2));
        demo = new LocalClient(runtime.url(), runtime.apiKey());
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void demoContacts_haveASourceTheApiDocuments_andConsentThatCounts() throws IOException {
        JsonNode documented = new YAMLMapper().readTree(LocalRuntime.projectRoot().resolve("docs/openapi.yaml").toFile())
                .path("components").path("schemas").path("Contact").path("properties").path("source").path("enum");
        List<String> sources = new ArrayList<>();
        documented.forEach(s -> sources.add(s.asText()));
        assertTrue(sources.size() >= 4, "the documented sources: " + sources);

        for (String phone : List.of("+14155550123", "+13125550144", "+12065550187")) {
            JsonNode contact = demo.contact(phone);
            assertTrue(sources.contains(contact.path("source").asText()), phone + " has source " + contact.path("source"));
            assertEquals("form", contact.path("consent").path("voice").path("source").asText());
            assertEquals("form", contact.path("consent").path("sms").path("source").asText());
        }
    }

    @Test
    void anotherWorkspace_textsBackItsOwnMissedCallers_fromItsOwnNumber_andSeesOnlyItsOwnContacts() {
        LocalClient.Reply created = demo.sim("POST", "/_sim/workspaces",
                Map.of("name", "Bright Dental", "number", "+14155550200", "forwarding", "+14155550211"));
        assertEquals(201, created.status(), created.body().toString());
        assertTrue(created.body().path("id").asText().startsWith("ws_"));
        assertEquals("+14155550200", created.body().path("number").asText());
        LocalClient dental = new LocalClient(runtime.url(), created.body().path("apiKey").asText());
        assertEquals("Bright Dental", dental.api("GET", "/v1/workspace", null).body().path("name").asText());

        String dentalCaller = "+13125550301";
        String demoCaller = "+13125550302";
        demo.inboundCall(dentalCaller, "+14155550200", "no-answer", null);
        demo.inboundCall(demoCaller, LocalRuntime.DEMO_NUMBER, "no-answer", null);

        assertTrue(LocalClient.waitFor(() -> demo.messagesTo(dentalCaller).size() == 1 && demo.messagesTo(demoCaller).size() == 1, WAIT),
                "each missed caller texted back once");
        JsonNode dentalText = demo.messagesTo(dentalCaller).get(0);
        assertEquals("+14155550200", dentalText.path("from").asText());
        assertTrue(dentalText.path("body").asText().startsWith("Hi there, this is Bright Dental."), dentalText.toString());
        assertEquals(LocalRuntime.DEMO_NUMBER, demo.messagesTo(demoCaller).get(0).path("from").asText());
        assertEquals(200, dental.api("GET", "/v1/contacts/" + LocalClient.encode(dentalCaller), null).status());
        assertEquals(404, demo.api("GET", "/v1/contacts/" + LocalClient.encode(dentalCaller), null).status(), "not the demo's contact");
        assertEquals(404, dental.api("GET", "/v1/contacts/" + LocalClient.encode(demoCaller), null).status(), "not Bright Dental's");
    }

    @Test
    void newWorkspace_isRefusedWith409_when_itsNumberBelongsToAnotherWorkspace() {
        LocalClient.Reply reply = demo.sim("POST", "/_sim/workspaces", Map.of("name", "Copycat", "number", LocalRuntime.DEMO_NUMBER));

        assertEquals(409, reply.status(), reply.body().toString());
        assertEquals("Acme Plumbing", demo.api("GET", "/v1/workspace", null).body().path("name").asText(), "the demo is untouched");
    }

    @ParameterizedTest(name = "{0} → 400")
    @ValueSource(strings = {
            "{\"name\": \"X\", \"number\": \"4155550201\"}",
            "{\"name\": \"X\", \"number\": \"+1415555\"}",
            "{\"name\": \"X\"}",
            "{\"number\": \"+14155550202\"}",
            "{\"name\": \"X\", \"number\": \"+14155550203\", \"forwarding\": \"tomorrow\"}",
            "{\"name\": \"X\", \"number\": \"+14155550204\", \"plan\": \"pro\"}",
            "{\"name\": \"X\", \"number\": 14155550205}",
            "[]",
            "not json"})
    void newWorkspace_isRefusedWith400_when_theRequestIsBad(String body) {
        LocalClient.Reply reply = demo.rawPost("/_sim/workspaces", "application/json", Map.of(), body);

        assertEquals(400, reply.status(), reply.body().toString());
        assertTrue(reply.body().path("error").path("message").asText().length() > 0, reply.body().toString());
    }

    @Test
    void redrive_movesAParkedEventBackToTheEventsQueue_whereItIsProcessed() {
        // GIVEN a missed call's event parked in the events dead-letter queue, as SQS parks it after the last try
        String caller = "+13125550303";
        SqsClient sqs = runtime.aws().sqs();
        DomainEvent missed = new DomainEvent("twilio:CA" + "3".repeat(32) + ":call.missed", EventTypes.CALL_MISSED,
                LocalRuntime.DEMO_WORKSPACE, runtime.clock().instant(), caller, LocalRuntime.DEMO_NUMBER,
                Map.of("callSid", "CA" + "3".repeat(32), "startedAt", runtime.clock().instant().toString(), "reason", "no-answer"), Map.of());
        sqs.sendMessage(m -> m.queueUrl(runtime.queueUrl("EventsDeadLetterQueue")).messageBody(Json.write(missed)));
        assertTrue(LocalClient.waitFor(() -> approximateCount(sqs, "EventsDeadLetterQueue") == 1, WAIT));

        // WHEN the operator re-drives it, as ./autocall redrive events does
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = AutocallMain.redrive(List.of("events", "--url", runtime.url()));
        } finally {
            System.setOut(original);
        }

        // THEN
        assertEquals(0, exit);
        assertEquals("moved 1 message from EventsDeadLetterQueue to EventsQueue", printed.toString(StandardCharsets.UTF_8).trim());
        assertTrue(LocalClient.waitFor(() -> demo.messagesTo(caller).size() == 1, WAIT), "the event was processed: a text-back");
        assertEquals(0, approximateCount(sqs, "EventsDeadLetterQueue"));
        LocalClient.Reply again = demo.sim("POST", "/_sim/redrive", Map.of("queue", "events"));
        assertEquals(0, again.body().path("moved").asInt(), "nothing left to move");
    }

    @ParameterizedTest(name = "{0} → 400")
    @ValueSource(strings = {"{\"queue\": \"everything\"}", "{}", "{\"queue\": \"events\", \"all\": true}", "[]"})
    void redrive_isRefusedWith400_when_theQueueIsNotOneItKnows(String body) {
        assertEquals(400, demo.rawPost("/_sim/redrive", "application/json", Map.of(), body).status());
    }

    private static long approximateCount(SqsClient sqs, String queue) {
        return Long.parseLong(sqs.getQueueAttributes(g -> g.queueUrl(runtime.queueUrl(queue))
                .attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings().getOrDefault("ApproximateNumberOfMessages", "0"));
    }
}
