package dev.autocall.domain.trigger;

import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.contact.Task;
import dev.autocall.domain.contact.ThreadEntry;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventTypes;
import dev.autocall.domain.messaging.OutboundSms;
import dev.autocall.domain.setup.DefaultWorkflows;
import dev.autocall.domain.setup.WorkspaceSetup;
import dev.autocall.domain.workflow.WorkflowParser;
import dev.autocall.domain.workflow.RunStatus;
import dev.autocall.domain.workflow.WorkflowRun;
import dev.autocall.domain.workflow.WorkflowRun.StepResult;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.testing.InMemoryContactStore;
import dev.autocall.testing.InMemoryProcessedEvents;
import dev.autocall.testing.InMemoryRunStore;
import dev.autocall.testing.InMemoryWorkflowStore;
import dev.autocall.testing.InMemoryWorkspaceStore;
import dev.autocall.testing.MutableClock;
import dev.autocall.testing.RecordingQueues;
import dev.autocall.testing.RecordingSmsSender;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.autocall.testing.SampleWorkspaces.ADMIN_NUMBER;
import static dev.autocall.testing.SampleWorkspaces.BUSINESS_NUMBER;
import static dev.autocall.testing.SampleWorkspaces.CALLER;
import static dev.autocall.testing.SampleWorkspaces.WORKSPACE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventProcessorTest {
    private static final Instant START = Instant.parse("2026-11-02T15:00:00Z");
    private static final String CALL_SID = "CA0000000000000000000000000000001";

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final InMemoryContactStore contacts = new InMemoryContactStore();
    private final InMemoryWorkflowStore workflows = new InMemoryWorkflowStore();
    private final InMemoryRunStore runs = new InMemoryRunStore();
    private final InMemoryProcessedEvents processed = new InMemoryProcessedEvents(clock);
    private final RecordingSmsSender sms = new RecordingSmsSender();
    private EventProcessor processor;

    @BeforeEach
    void setUp() {
        Messenger messenger = new Messenger(sms, contacts, clock);
        WorkflowRunner runner = new WorkflowRunner(workflows, runs, contacts, messenger, RecordingQueues.callSteps(clock), clock);
        processor = new EventProcessor(workspaces, contacts, processed, runner, messenger, clock);
        new WorkspaceSetup(workspaces, workflows, clock).create(SampleWorkspaces.acme());
    }

    // ---- missed-call text-back ----

    @Test
    void process_should_textAKnownCallerByNameAndCreateACallbackTask_when_aCallIsMissed() {
        // GIVEN
        contacts.save(WORKSPACE_ID, contact("Dana", "Reyes"));

        // WHEN
        processor.process(callEvent(EventTypes.CALL_MISSED, CALL_SID));

        // THEN
        assertEquals(List.of(new OutboundSms(BUSINESS_NUMBER, CALLER, "Hi Dana, this is Acme Plumbing. Sorry we missed your call! "
                + "Reply here and we'll get right back to you.")), sms.sent());
        Task task = single(contacts.tasks(WORKSPACE_ID));
        assertEquals("Call back Dana Reyes (" + CALLER + ")", task.title());
        assertEquals(START.plus(Duration.ofMinutes(30)), task.dueAt());
        assertEquals("open", task.status());
        WorkflowRun run = single(runs.all(WORKSPACE_ID));
        assertEquals(RunStatus.COMPLETED, run.status());
        assertEquals(List.of("done", "done"), run.steps().stream().map(StepResult::result).toList());
    }

    @Test
    void process_should_greetNeutrallyAndCreateTheContact_when_theCallerIsUnknown() {
        // WHEN
        processor.process(callEvent(EventTypes.CALL_MISSED, CALL_SID));

        // THEN
        OutboundSms text = single(sms.sent());
        assertTrue(text.body().startsWith("Hi there, this is Acme Plumbing."), text.body());
        assertEquals(BUSINESS_NUMBER, text.from());
        assertEquals("Call back new caller (" + CALLER + ")", single(contacts.tasks(WORKSPACE_ID)).title());
        Contact created = contacts.find(WORKSPACE_ID, CALLER).orElseThrow();
        assertEquals("inbound_call", created.source());
        assertEquals(START, created.createdAt());
    }

    @Test
    void process_should_sendOneSmsAndKeepOneRun_when_theSameEventIsDeliveredTwice() {
        // GIVEN
        DomainEvent missed = callEvent(EventTypes.CALL_MISSED, CALL_SID);
        processor.process(missed);
        clock.advance(Duration.ofSeconds(30));

        // WHEN
        processor.process(missed);

        // THEN
        assertEquals(1, sms.sent().size());
        assertEquals(1, runs.all(WORKSPACE_ID).size());
        assertEquals(1, contacts.tasks(WORKSPACE_ID).size());
    }

    @Test
    void process_should_refuseToRunConcurrently_when_anotherConsumerHoldsTheEvent() {
        // GIVEN
        DomainEvent missed = callEvent(EventTypes.CALL_MISSED, CALL_SID);
        processed.claim(claimOf(missed), Duration.ofSeconds(60));

        // WHEN / THEN
        assertThrows(EventProcessor.EventBusyException.class, () -> processor.process(missed));
        assertEquals(List.of(), sms.sent());
    }

    @Test
    void process_should_takeOverTheEvent_when_theOtherConsumersLeaseHasRunOut() {
        // GIVEN a consumer that claimed the event and died
        DomainEvent missed = callEvent(EventTypes.CALL_MISSED, CALL_SID);
        processed.claim(claimOf(missed), Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(61));

        // WHEN
        processor.process(missed);

        // THEN
        assertEquals(1, sms.sent().size());
    }

    // ---- SMS keywords ----

    @ParameterizedTest(name = "\"{0}\" opts out")
    @ValueSource(strings = {"STOP", "stop", "Unsubscribe", "QUIT!"})
    void process_should_skipTheTextBack_when_theCallerHasTextedStop(String word) {
        // GIVEN
        processor.process(smsEvent("SM-in-1", word));
        clock.advance(Duration.ofMinutes(5));

        // WHEN
        processor.process(callEvent(EventTypes.CALL_MISSED, CALL_SID));

        // THEN
        assertEquals(List.of(), sms.sent());
        assertEquals(START, contacts.find(WORKSPACE_ID, CALLER).orElseThrow().optOut().sms());
        WorkflowRun run = single(runs.all(WORKSPACE_ID));
        assertEquals("skipped", run.steps().get(0).result());
        assertTrue(run.steps().get(0).detail().contains("opted out"), run.steps().get(0).detail());
        assertEquals("done", run.steps().get(1).result());
        assertEquals(1, contacts.tasks(WORKSPACE_ID).size());
    }

    @Test
    void process_should_sendNoConfirmationOfItsOwn_when_theCallerTextsStop() {
        // WHEN
        processor.process(smsEvent("SM-in-1", "STOP"));

        // THEN Twilio confirms a STOP itself; a second message would break the opt-out
        assertEquals(0, sms.attempts());
    }

    @Test
    void process_should_textAgain_when_theCallerOptsBackInWithStart() {
        // GIVEN
        processor.process(smsEvent("SM-in-1", "STOP"));
        clock.advance(Duration.ofMinutes(1));
        processor.process(smsEvent("SM-in-2", "Start"));
        clock.advance(Duration.ofMinutes(1));

        // WHEN
        processor.process(callEvent(EventTypes.CALL_MISSED, CALL_SID));

        // THEN
        assertNull(contacts.find(WORKSPACE_ID, CALLER).orElseThrow().optOut().sms());
        assertEquals(1, sms.sentTo(CALLER).size());
    }

    @Test
    void process_should_answerWithTheWorkspaceHelpText_when_theCallerTextsHelp() {
        // GIVEN
        workspaces.save(SampleWorkspaces.acmeWithHelpText("Acme Plumbing: call 415-555-0100, 8am-6pm. Reply STOP to opt out."));
        publish("auto-reply", """
                {"trigger": "sms.received", "steps": [{"type": "sendSms", "body": "Thanks, we got your message."}]}""");

        // WHEN
        processor.process(smsEvent("SM-in-1", "help"));

        // THEN the help text goes out, and the keyword does not also trigger the sms.received workflow
        assertEquals(List.of(new OutboundSms(BUSINESS_NUMBER, CALLER,
                "Acme Plumbing: call 415-555-0100, 8am-6pm. Reply STOP to opt out.")), sms.sent());
        assertEquals(List.of(), runs.all(WORKSPACE_ID));
    }

    @Test
    void process_should_answerHelpWithTheNameAndHowToStop_when_theWorkspaceHasNoHelpText() {
        // WHEN
        processor.process(smsEvent("SM-in-1", "HELP"));

        // THEN
        String reply = single(sms.sent()).body();
        assertTrue(reply.contains("Acme Plumbing") && reply.contains("STOP"), reply);
    }

    @Test
    void process_should_runSmsWorkflowsAndLogTheMessage_when_theReplyIsNotAKeyword() {
        // GIVEN
        publish("auto-reply", """
                {"trigger": "sms.received", "steps": [{"type": "sendSms", "body": "Thanks, we got: {{data.body}}"}]}""");

        // WHEN
        processor.process(smsEvent("SM-in-1", "please stop calling"));

        // THEN
        assertEquals("Thanks, we got: please stop calling", single(sms.sent()).body());
        assertNull(contacts.find(WORKSPACE_ID, CALLER).orElseThrow().optOut().sms());
        ThreadEntry inbound = contacts.thread(WORKSPACE_ID, CALLER).get(0);
        assertEquals(new ThreadEntry("SM-in-1", ThreadEntry.SMS, "inbound", START, "received", "please stop calling", null, null),
                inbound);
        assertEquals("inbound_sms", contacts.find(WORKSPACE_ID, CALLER).orElseThrow().source());
    }

    // ---- which workflows run ----

    @Test
    void process_should_notRunAWorkflow_when_itIsDisabled() {
        // GIVEN
        String disabled = WorkflowParser.toJson(DefaultWorkflows.MISSED_CALL_TEXT_BACK).put("enabled", false).toString();
        publish(DefaultWorkflows.MISSED_CALL_TEXT_BACK_ID, disabled);

        // WHEN
        processor.process(callEvent(EventTypes.CALL_MISSED, CALL_SID));

        // THEN
        assertEquals(List.of(), sms.sent());
        assertEquals(List.of(), runs.all(WORKSPACE_ID));
        assertEquals(List.of(), contacts.tasks(WORKSPACE_ID));
    }

    @ParameterizedTest(name = "source {0} → runs: {1}")
    @CsvSource({"web, true", "phone, false", "Web, false"})
    void process_should_runAWorkflowOnlyWhenItsFiltersMatch(String source, boolean runs) {
        // GIVEN
        publish("web-leads", """
                {"trigger": "lead.created",
                 "filters": [{"field": "data.source", "equals": "web"}],
                 "steps": [{"type": "sendSms", "body": "Hi {{contact.firstName | \\"there\\"}}, thanks for your request!"}]}""");

        // WHEN
        processor.process(appEvent("api:lead-1", "lead.created", Map.of("source", source), Map.of("firstName", "Dana")));

        // THEN
        assertEquals(runs ? List.of("Hi Dana, thanks for your request!") : List.of(),
                sms.sent().stream().map(OutboundSms::body).toList());
        assertEquals(runs ? 1 : 0, this.runs.all(WORKSPACE_ID).size());
    }

    @Test
    void process_should_keepAWorkspacesEvents_when_anotherWorkspaceUsesTheSameEventId() {
        // GIVEN two businesses whose own systems both number their leads from 1
        Workspace other = new Workspace("ws_other", "Other Dental", List.of("+14155550200"), null, null, null, null,
                null, null, null, null);
        new WorkspaceSetup(workspaces, workflows, clock).create(other);
        String greeting = """
                {"trigger": "lead.created", "steps": [{"type": "sendSms", "body": "Thanks from {{workspace.name}}"}]}""";
        publish("greet", greeting);
        workflows.saveDraft("ws_other", "greet", greeting, START);
        workflows.publish("ws_other", "greet", "lead.created", START);
        processor.process(appEvent("api:1", "lead.created", Map.of(), Map.of()));

        // WHEN
        processor.process(new DomainEvent("api:1", "lead.created", "ws_other", START, "+14155550123", null, Map.of(), Map.of()));

        // THEN
        assertEquals(List.of("Thanks from Acme Plumbing", "Thanks from Other Dental"),
                sms.sent().stream().map(OutboundSms::body).toList());
    }

    @Test
    void process_should_fillTheContactFromAnApplicationEvent_withoutErasingWhatIsKnown() {
        // GIVEN
        contacts.save(WORKSPACE_ID, contact("Dana", "Reyes"));

        // WHEN
        processor.process(appEvent("api:appt-1", "appointment.scheduled", Map.of(),
                Map.of("phone", CALLER, "lastName", "Reyes-Smith", "appointmentAt", "2026-11-25T16:00:00Z")));

        // THEN
        Contact contact = contacts.find(WORKSPACE_ID, CALLER).orElseThrow();
        assertEquals("Dana", contact.firstName());
        assertEquals("Reyes-Smith", contact.lastName());
        assertEquals("2026-11-25T16:00:00Z", contact.fields().get("appointmentAt"));
    }

    // ---- failures ----

    @Test
    void process_should_resumeAtTheFailedStepWithoutResending_when_aStepFailedAndTheEventIsRetried() {
        // GIVEN
        publish(DefaultWorkflows.MISSED_CALL_TEXT_BACK_ID, """
                {"trigger": "call.missed", "steps": [
                  {"type": "sendSms", "body": "Sorry we missed you"},
                  {"type": "notify", "body": "Missed call from {{contact.phone}}"},
                  {"type": "createTask", "title": "Call back {{contact.phone}}"}]}""");
        sms.failTo(ADMIN_NUMBER, new IllegalStateException("provider unavailable (503)"));
        DomainEvent missed = callEvent(EventTypes.CALL_MISSED, CALL_SID);

        // WHEN the first delivery fails at the notify step
        assertThrows(IllegalStateException.class, () -> processor.process(missed));

        // THEN the claim is given back at once and the run remembers how far it got
        assertFalse(processed.isHeld(claimOf(missed)));
        WorkflowRun halfway = single(runs.all(WORKSPACE_ID));
        assertEquals(RunStatus.RUNNING, halfway.status());
        assertEquals(1, halfway.steps().size());

        // WHEN the queue redelivers after the provider recovers, well within the first claim's lease
        sms.recover();
        clock.advance(Duration.ofSeconds(10));
        processor.process(missed);

        // THEN
        assertEquals(1, sms.sentTo(CALLER).size());
        assertEquals(List.of("Missed call from " + CALLER), sms.sentTo(ADMIN_NUMBER).stream().map(OutboundSms::body).toList());
        assertEquals(1, contacts.tasks(WORKSPACE_ID).size());
        WorkflowRun done = single(runs.all(WORKSPACE_ID));
        assertEquals(RunStatus.COMPLETED, done.status());
        assertEquals(List.of("sendSms", "notify", "createTask"), done.steps().stream().map(StepResult::type).toList());
        assertTrue(processed.isDone(claimOf(missed)));
    }

    @Test
    void process_should_finishARetriedRunOnTheVersionItStartedWith_when_aNewVersionWasPublishedMeanwhile() {
        // GIVEN a run of version 2 that stopped after its first step
        publish(DefaultWorkflows.MISSED_CALL_TEXT_BACK_ID, """
                {"trigger": "call.missed", "steps": [
                  {"type": "notify", "body": "first"}, {"type": "sendSms", "body": "version 2"}]}""");
        sms.failTo(CALLER, new IllegalStateException("provider unavailable"));
        DomainEvent missed = callEvent(EventTypes.CALL_MISSED, CALL_SID);
        assertThrows(IllegalStateException.class, () -> processor.process(missed));
        publish(DefaultWorkflows.MISSED_CALL_TEXT_BACK_ID, """
                {"trigger": "call.missed", "steps": [
                  {"type": "notify", "body": "first"}, {"type": "sendSms", "body": "version 3"}]}""");
        sms.recover();

        // WHEN
        processor.process(missed);

        // THEN
        assertEquals(List.of("version 2"), sms.sentTo(CALLER).stream().map(OutboundSms::body).toList());
        assertEquals(2, single(runs.all(WORKSPACE_ID)).version());
    }

    @Test
    void process_should_recordTheFailureAndGoOn_when_theProviderRefusesTheText() {
        // GIVEN
        sms.rejectTo(CALLER, 21610);
        DomainEvent missed = callEvent(EventTypes.CALL_MISSED, CALL_SID);

        // WHEN
        processor.process(missed);

        // THEN
        WorkflowRun run = single(runs.all(WORKSPACE_ID));
        assertEquals("failed", run.steps().get(0).result());
        assertTrue(run.steps().get(0).detail().contains("21610"), run.steps().get(0).detail());
        assertEquals("done", run.steps().get(1).result());
        assertEquals(RunStatus.FAILED, run.status());
        assertEquals(1, contacts.tasks(WORKSPACE_ID).size());
        assertTrue(processed.isDone(claimOf(missed)));
    }

    @Test
    void process_should_failAndGiveBackTheClaim_when_theEventNamesAnUnknownWorkspace() {
        // GIVEN
        DomainEvent stray = new DomainEvent("api:x", "lead.created", "ws_gone", START, CALLER, null, Map.of(), Map.of());

        // WHEN / THEN
        assertThrows(IllegalStateException.class, () -> processor.process(stray));
        assertFalse(processed.isHeld(claimOf(stray)));
        assertFalse(processed.isDone(claimOf(stray)));
    }

    // ---- the contact's thread ----

    @Test
    void process_should_showACallWithItsVoicemailAsOneThreadEntry_when_theCallIsReceivedMissedAndAMessageLeft() {
        // GIVEN
        processor.process(callEvent(EventTypes.CALL_RECEIVED, CALL_SID));
        clock.advance(Duration.ofSeconds(21));
        processor.process(callEvent(EventTypes.CALL_MISSED, CALL_SID));
        clock.advance(Duration.ofSeconds(40));

        // WHEN
        processor.process(voicemailEvent(CALL_SID));

        // THEN the call and the text-back, in time order
        List<ThreadEntry> thread = contacts.thread(WORKSPACE_ID, CALLER);
        assertEquals(List.of(ThreadEntry.CALL, ThreadEntry.SMS), thread.stream().map(ThreadEntry::kind).toList());
        ThreadEntry call = thread.get(0);
        assertEquals(CALL_SID, call.id());
        assertEquals("voicemail", call.status());
        assertEquals(START, call.at());
        assertEquals(new ThreadEntry.Voicemail("https://api.twilio.com/recordings/RE1", 17, null), call.voicemail());
        ThreadEntry textBack = thread.get(1);
        assertEquals("outbound", textBack.direction());
        assertEquals("SM000001", textBack.id());
        assertTrue(textBack.body().startsWith("Hi there"), textBack.body());
    }

    static Stream<Arguments> callEventOrders() {
        return Stream.of(
                Arguments.of(List.of(EventTypes.CALL_RECEIVED, EventTypes.CALL_MISSED), "missed"),
                Arguments.of(List.of(EventTypes.CALL_MISSED, EventTypes.CALL_RECEIVED), "missed"),
                Arguments.of(List.of(EventTypes.CALL_RECEIVED, EventTypes.CALL_ANSWERED, EventTypes.CALL_RECEIVED), "answered"),
                Arguments.of(List.of(EventTypes.VOICEMAIL_RECEIVED, EventTypes.CALL_MISSED, EventTypes.CALL_RECEIVED), "voicemail"),
                Arguments.of(List.of(EventTypes.CALL_RECEIVED, EventTypes.CALL_ANSWERED, EventTypes.CALL_COMPLETED), "answered"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("callEventOrders")
    void process_should_onlyMoveACallsStatusForward_when_eventsArriveLateOrOutOfOrder(List<String> types, String status) {
        // WHEN
        for (String type : types) {
            processor.process(type.equals(EventTypes.VOICEMAIL_RECEIVED) ? voicemailEvent(CALL_SID) : callEvent(type, CALL_SID));
            clock.advance(Duration.ofSeconds(5));
        }

        // THEN
        List<ThreadEntry> calls = contacts.thread(WORKSPACE_ID, CALLER).stream()
                .filter(e -> e.kind().equals(ThreadEntry.CALL)).toList();
        assertEquals(1, calls.size());
        assertEquals(status, calls.get(0).status());
    }

    @Test
    void process_should_recordTheDuration_when_theCallCompletes() {
        // GIVEN
        processor.process(callEvent(EventTypes.CALL_ANSWERED, CALL_SID));

        // WHEN
        Map<String, Object> data = callData(CALL_SID);
        data.put("durationSeconds", "95");
        processor.process(new DomainEvent("twilio:" + CALL_SID + ":call.completed", EventTypes.CALL_COMPLETED, WORKSPACE_ID,
                clock.instant(), CALLER, BUSINESS_NUMBER, data, Map.of()));

        // THEN
        ThreadEntry call = single(contacts.thread(WORKSPACE_ID, CALLER));
        assertEquals(95, call.durationSeconds());
        assertEquals("answered", call.status());
    }

    @Test
    void process_should_addTheTranscriptToTheVoicemail_when_itArrivesAfterTheRecording() {
        // GIVEN
        processor.process(voicemailEvent(CALL_SID));
        Map<String, Object> data = callData(CALL_SID);
        data.put("recordingSid", "RE1");
        data.put("recordingUrl", "https://api.twilio.com/recordings/RE1");
        data.put("transcript", "Hi, my sink is leaking.");

        // WHEN
        processor.process(new DomainEvent("twilio:RE1:voicemail.transcribed", EventTypes.VOICEMAIL_TRANSCRIBED, WORKSPACE_ID,
                clock.instant(), CALLER, BUSINESS_NUMBER, data, Map.of()));

        // THEN
        ThreadEntry.Voicemail voicemail = contacts.thread(WORKSPACE_ID, CALLER).get(0).voicemail();
        assertEquals(new ThreadEntry.Voicemail("https://api.twilio.com/recordings/RE1", 17, "Hi, my sink is leaking."), voicemail);
    }

    @Test
    void process_should_moveTheTextBackForward_when_itsDeliveryStatusArrives() {
        // GIVEN
        processor.process(callEvent(EventTypes.CALL_MISSED, CALL_SID));
        ThreadEntry sent = contacts.thread(WORKSPACE_ID, CALLER).get(1);

        // WHEN delivered arrives, then a late "sent"
        processor.process(smsStatus(sent, "delivered"));
        processor.process(smsStatus(sent, "sent"));

        // THEN
        ThreadEntry textBack = contacts.thread(WORKSPACE_ID, CALLER).get(1);
        assertEquals("delivered", textBack.status());
        assertNotNull(textBack.body());
        assertEquals(1, sms.sent().size());
    }

    // ---- withheld callers ----

    @Test
    void process_should_makeNoContactThreadOrTextBack_when_aWithheldCallerIsMissedAndLeavesAVoicemail() {
        // GIVEN the webhook's events for a caller who withheld the number: no contact phone, "withheld" in data
        Map<String, Object> data = callData(CALL_SID);
        data.put("withheld", true);
        List<DomainEvent> events = List.of(
                new DomainEvent("twilio:" + CALL_SID + ":call.received", EventTypes.CALL_RECEIVED, WORKSPACE_ID, clock.instant(),
                        null, BUSINESS_NUMBER, data, Map.of()),
                new DomainEvent("twilio:" + CALL_SID + ":call.missed", EventTypes.CALL_MISSED, WORKSPACE_ID, clock.instant(),
                        null, BUSINESS_NUMBER, data, Map.of()),
                new DomainEvent("twilio:RE1:voicemail.received", EventTypes.VOICEMAIL_RECEIVED, WORKSPACE_ID, clock.instant(),
                        null, BUSINESS_NUMBER, data, Map.of()));

        // WHEN
        events.forEach(processor::process);

        // THEN each is done with, and nothing was made of it
        events.forEach(e -> assertTrue(processed.isDone(claimOf(e)), e.id()));
        assertEquals(List.of(), sms.sent());
        assertEquals(List.of(), contacts.tasks(WORKSPACE_ID));
        assertEquals(List.of(), runs.all(WORKSPACE_ID));
        assertEquals(Optional.empty(), contacts.find(WORKSPACE_ID, null));
        assertEquals(List.of(), contacts.thread(WORKSPACE_ID, null));
    }

    // ---- helpers ----

    private void publish(String workflowId, String definition) {
        String trigger = WorkflowParser.parse(workflowId, definition).trigger();
        workflows.saveDraft(WORKSPACE_ID, workflowId, WorkflowParser.toJson(definition).toString(), clock.instant());
        workflows.publish(WORKSPACE_ID, workflowId, trigger, clock.instant());
    }

    private static Contact contact(String firstName, String lastName) {
        return new Contact(CALLER, firstName, lastName, List.of(), null, null, null, null, null, "manual", START);
    }

    private static Map<String, Object> callData(String callSid) {
        Map<String, Object> data = new HashMap<>();
        data.put("callSid", callSid);
        data.put("startedAt", START.toString());
        return data;
    }

    private DomainEvent callEvent(String type, String callSid) {
        return new DomainEvent("twilio:" + callSid + ":" + type, type, WORKSPACE_ID, clock.instant(), CALLER, BUSINESS_NUMBER,
                callData(callSid), Map.of());
    }

    private DomainEvent voicemailEvent(String callSid) {
        Map<String, Object> data = callData(callSid);
        data.put("recordingSid", "RE1");
        data.put("recordingUrl", "https://api.twilio.com/recordings/RE1");
        data.put("recordingSeconds", "17");
        return new DomainEvent("twilio:RE1:voicemail.received", EventTypes.VOICEMAIL_RECEIVED, WORKSPACE_ID, clock.instant(),
                CALLER, BUSINESS_NUMBER, data, Map.of());
    }

    private DomainEvent smsEvent(String messageSid, String body) {
        return new DomainEvent("twilio:" + messageSid + ":sms.received", EventTypes.SMS_RECEIVED, WORKSPACE_ID, clock.instant(),
                CALLER, BUSINESS_NUMBER, Map.of("messageSid", messageSid, "body", body), Map.of());
    }

    private DomainEvent smsStatus(ThreadEntry sent, String status) {
        return new DomainEvent("twilio:" + sent.id() + ":status:" + status, EventTypes.SMS_STATUS, WORKSPACE_ID, clock.instant(),
                CALLER, BUSINESS_NUMBER, Map.of("messageSid", sent.id(), "status", status, "sentAt", sent.at().toString()), Map.of());
    }

    private DomainEvent appEvent(String id, String type, Map<String, Object> data, Map<String, Object> contact) {
        return new DomainEvent(id, type, WORKSPACE_ID, clock.instant(), CALLER, null, data, contact);
    }

    /** Event ids are unique per workspace, so the claim is too. */
    private static String claimOf(DomainEvent event) {
        return event.workspaceId() + "/" + event.id();
    }

    private static <T> T single(List<T> items) {
        assertEquals(1, items.size(), () -> "expected exactly one, got " + items);
        return items.get(0);
    }
}
