package dev.autocall.domain.trigger;

import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventTypes;
import dev.autocall.domain.outbound.CallOutcomes;
import dev.autocall.domain.outbound.CallPlan;
import dev.autocall.domain.outbound.CallRequest;
import dev.autocall.domain.outbound.CallRequestMessage;
import dev.autocall.domain.outbound.ComplianceProcessor;
import dev.autocall.domain.setup.WorkspaceSetup;
import dev.autocall.domain.workflow.WorkflowParser;
import dev.autocall.domain.workflow.RunStatus;
import dev.autocall.domain.workflow.WorkflowRun;
import dev.autocall.domain.workflow.WorkflowRun.StepResult;
import dev.autocall.json.Json;
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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.autocall.testing.SampleWorkspaces.WORKSPACE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Call steps make a run wait for its call's outcome, retry or fall back by policy, and branch on the outcome. */
class WorkflowCallStepsTest {
    private static final Instant NOW = Instant.parse("2026-11-24T13:30:00Z");
    private static final String DANA = "+13125550160";
    private static final String REMINDER = """
            name: Appointment reminder
            trigger: appointment.scheduled
            steps:
              - type: wait
                until: data.appointmentAt
                offset: -PT24H
              - type: leaveVoicemail
                message: 'Hi {{contact.firstName | "there"}}, a reminder of your appointment tomorrow.'
                ifNoAnswer: {action: retry, maxAttempts: 2, interval: P1D}
              - type: branch
                cases: {no_answer: text-instead, busy: text-instead, failed: end}
              - type: addTag
                tag: reminded
              - type: branch
                cases: {completed: end, voicemail: end}
              - id: text-instead
                type: sendSms
                body: 'We could not reach you about tomorrow''s appointment. Reply C to confirm.'
            """;

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final InMemoryContactStore contacts = new InMemoryContactStore();
    private final InMemoryWorkflowStore workflows = new InMemoryWorkflowStore();
    private final InMemoryRunStore runs = new InMemoryRunStore();
    private final RecordingQueues compliance = new RecordingQueues();
    private final RecordingQueues events = new RecordingQueues();
    private final RecordingSmsSender sms = new RecordingSmsSender();
    private EventProcessor processor;

    @BeforeEach
    void setUp() {
        Messenger messenger = new Messenger(sms, contacts, clock);
        WorkflowRunner runner = new WorkflowRunner(workflows, runs, contacts, messenger,
                RecordingQueues.callSteps(compliance, events, clock), clock);
        processor = new EventProcessor(workspaces, contacts, new InMemoryProcessedEvents(clock), runner, messenger, clock);
        new WorkspaceSetup(workspaces, workflows, clock).create(SampleWorkspaces.acme());
    }

    @Test
    void aReminder_waitsUntil24HoursBefore_thenDropsAVoicemail_andFinishesWhenItIsLeft() {
        publish("reminder", REMINDER);

        processor.process(appointment("2026-11-26T16:00:00Z"));

        // It waits until the day before, through a resume event delivered to the events queue then.
        WorkflowRun waiting = run();
        assertEquals(RunStatus.WAITING, waiting.status());
        RecordingQueues.Delivery resume = single(events.deferred());
        assertEquals(Instant.parse("2026-11-25T16:00:00Z"), resume.when());

        clock.advance(Duration.ofHours(27));
        processor.process(Json.read(resume.body(), DomainEvent.class));

        // A voicemail drop is asked of the compliance gate, with the message rendered for Dana.
        CallRequest request = requestSent();
        CallPlan.Voicemail plan = assertInstanceOf(CallPlan.Voicemail.class, request.plan());
        assertEquals("Hi Dana, a reminder of your appointment tomorrow.", plan.message());
        assertEquals(DANA, request.to());

        processor.process(outcome(request, "voicemail"));

        WorkflowRun done = run();
        assertEquals(RunStatus.COMPLETED, done.status());
        assertEquals(List.of("wait:waiting", "wait:done", "leaveVoicemail:requested", "leaveVoicemail:voicemail",
                "branch:done", "addTag:done", "branch:done"), history(done));
        assertTrue(sms.sent().isEmpty());
    }

    @Test
    void aReminderNotAnswered_isRetriedTheNextDayThroughTheGate_thenTextsWhenStillNotReached() {
        publish("reminder", REMINDER);
        processor.process(appointment("2026-11-24T20:00:00Z"));   // less than 24 h away: no wait
        CallRequest first = requestSent();

        processor.process(outcome(first, "no_answer"));

        // Attempt 2 goes back to the compliance gate a day later.
        RecordingQueues.Delivery retry = single(compliance.deferred());
        assertEquals(NOW.plus(Duration.ofDays(1)), retry.when());
        CallRequest second = Json.read(retry.body(), CallRequestMessage.class).request();
        assertEquals(2, second.attempt());

        processor.process(outcome(first, "no_answer"));      // a repeat of the first outcome changes nothing
        processor.process(outcome(second, "no_answer"));

        WorkflowRun done = run();
        assertEquals(RunStatus.COMPLETED, done.status());
        assertEquals(1, sms.sent().size(), "not reached twice: the SMS instead");
        assertTrue(history(done).contains("leaveVoicemail:requested"));
        assertEquals(2, history(done).stream().filter("leaveVoicemail:no_answer"::equals).count());
    }

    @Test
    void aCallTheGateRefuses_endsTheStepAsFailed_andTheBranchEndsTheRun() {
        publish("reminder", REMINDER);
        processor.process(appointment("2026-11-24T20:00:00Z"));
        CallRequest request = requestSent();

        processor.process(deferred(request));
        processor.process(failed(request, "OPTED_OUT"));

        WorkflowRun done = run();
        assertEquals(RunStatus.COMPLETED, done.status());
        List<StepResult> steps = done.steps();
        assertTrue(steps.stream().anyMatch(s -> s.result().equals("deferred") && s.detail().startsWith("OUTSIDE_WINDOW until")));
        assertTrue(steps.stream().anyMatch(s -> s.result().equals("failed") && s.detail().contains("OPTED_OUT")));
        assertTrue(sms.sent().isEmpty(), "failed → end, no SMS");
    }

    @Test
    void aMakeCallNotAnswered_dropsTheVoicemailInstead_whenThePolicySaysSo() {
        publish("follow-up", """
                {"trigger": "lead.created", "steps": [
                  {"type": "makeCall", "whisper": "New lead {{contact.firstName}}", "timeoutSeconds": 20,
                   "ifNoAnswer": {"action": "voicemail", "message": "Hi {{contact.firstName}}, sorry we missed you."}},
                  {"type": "addTag", "tag": "called"}]}
                """);
        processor.process(new DomainEvent("api:lead-1", "lead.created", WORKSPACE_ID, NOW, DANA, null, Map.of(),
                Map.of("firstName", "Dana")));
        CallRequest call = requestSent();
        CallPlan.Connect connect = assertInstanceOf(CallPlan.Connect.class, call.plan());
        assertEquals(SampleWorkspaces.FORWARDING_NUMBER, connect.agentNumber(), "the agent defaults to the forwarding line");
        assertEquals("New lead Dana", connect.whisper());

        processor.process(outcome(call, "no_answer"));
        CallRequest drop = Json.read(compliance.sent().get(1), CallRequestMessage.class).request();
        assertEquals("Hi Dana, sorry we missed you.", assertInstanceOf(CallPlan.Voicemail.class, drop.plan()).message());
        processor.process(outcome(drop, "no_answer"));

        WorkflowRun done = run();
        assertEquals(RunStatus.COMPLETED, done.status(), "a voicemail drop that is not picked up is not retried");
        assertEquals("addTag:done", history(done).get(history(done).size() - 1));
    }

    @Test
    void theTriggeringEventDeliveredTwice_asksForOneCall() {
        publish("reminder", REMINDER);

        processor.process(appointment("2026-11-24T20:00:00Z"));
        processor.process(appointment("2026-11-24T20:00:00Z"));

        assertEquals(1, compliance.sent().size(), "one call request sent to the gate");
        assertEquals(1, runs.forContact(WORKSPACE_ID, DANA, 10).size());
    }

    @Test
    void aStepFailingAfterTheCall_isDoneWhenTheOutcomeIsRedelivered_andNothingBeforeItIsRepeated() {
        publish("reminder", """
                {"trigger": "appointment.scheduled", "steps": [
                  {"type": "leaveVoicemail", "message": "Hi {{contact.firstName}}, see you tomorrow."},
                  {"type": "notify", "body": "Reminder left for {{contact.phone}}"},
                  {"type": "sendSms", "body": "We left you a voicemail about tomorrow."},
                  {"type": "addTag", "tag": "reminded"}]}""");
        processor.process(appointment("2026-11-24T20:00:00Z"));
        CallRequest request = requestSent();
        sms.failTo(DANA, new IllegalStateException("provider unavailable (503)"));

        // The outcome resumes the run; the admin is told, then the text to Dana fails: the delivery fails.
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> processor.process(outcome(request, "voicemail")));
        assertEquals(RunStatus.RUNNING, run().status());

        // The queue delivers the outcome again once the provider is back: the run goes on from the failed step.
        sms.recover();
        clock.advance(Duration.ofMinutes(2));
        processor.process(outcome(request, "voicemail"));
        processor.process(outcome(request, "voicemail"));      // and a repeat after that changes nothing

        WorkflowRun done = run();
        assertEquals(RunStatus.COMPLETED, done.status());
        assertEquals(1, sms.sentTo(DANA).size(), "the text to Dana, once");
        assertEquals(1, sms.sent().size() - sms.sentTo(DANA).size(), "the admin told once");
        assertEquals(List.of("leaveVoicemail:requested", "leaveVoicemail:voicemail", "notify:done", "sendSms:done", "addTag:done"),
                history(done));
        assertTrue(contacts.find(WORKSPACE_ID, DANA).orElseThrow().tags().contains("reminded"));
    }

    @Test
    void aBranchBackwards_isRefusedWhenSaved() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(dev.autocall.error.InvalidInputException.class,
                () -> WorkflowParser.parse("x", """
                        {"trigger": "lead.created", "steps": [
                          {"id": "call", "type": "makeCall"},
                          {"type": "branch", "cases": {"no_answer": "call"}}]}
                        """));
        assertTrue(e.getMessage().contains("only jumps forward"), e.getMessage());
    }

    @Test
    void aWorkflowWithAnUnknownBranchTarget_isRefusedWhenSaved() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(dev.autocall.error.InvalidInputException.class,
                () -> WorkflowParser.parse("x", """
                        {"trigger": "lead.created", "steps": [{"type": "branch", "cases": {"no_answer": "nowhere"}}]}
                        """));
        assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
    }

    @Test
    void aRunIvrStep_asksForAFlowCall_withTheRunsDataAndContact_andTheNextStepsReadItsOutcomeAndKeys() {
        publish("confirm", """
                name: Confirm by phone
                trigger: appointment.scheduled
                steps:
                  - type: runIvr
                    flow: appointment-confirm
                    onMachine: message
                    machineMessage: 'Hi {{contact.firstName}}, please call us back.'
                  - type: branch
                    cases: {rescheduled: task}
                    otherwise: end
                  - id: task
                    type: createTask
                    title: 'Call {{contact.firstName}} back: {{call.outcome}} (keys {{call.keys}})'
                """);

        processor.process(appointment("2026-11-26T16:00:00Z"));

        CallRequest request = requestSent();
        CallPlan.Ivr plan = assertInstanceOf(CallPlan.Ivr.class, request.plan());
        assertEquals("appointment-confirm", plan.flowId());
        assertEquals("Hi Dana, please call us back.", plan.machineMessage());
        assertEquals("2026-11-26T16:00:00Z", plan.data().get("appointmentAt"));
        assertEquals("Dana", plan.contact().get("firstName"));

        Map<String, Object> data = new java.util.HashMap<>(CallOutcomes.data(request, "rescheduled", "CA1"));
        data.put("keys", List.of("2"));
        data.put("keyPresses", List.of(Map.of("node", "menu", "keys", "2")));
        processor.process(new DomainEvent("call:" + request.id() + ":outcome", EventTypes.CALL_OUTCOME, WORKSPACE_ID,
                clock.instant(), request.to(), null, data, Map.of()));

        WorkflowRun done = run();
        assertEquals(RunStatus.COMPLETED, done.status());
        assertEquals(List.of("runIvr:requested", "runIvr:rescheduled", "branch:done", "createTask:done"), history(done));
        assertTrue(done.steps().get(3).detail().contains("Call Dana back: rescheduled (keys 2)"), done.steps().get(3).detail());
        assertEquals("attempt 1: rescheduled; keys: menu=2", done.steps().get(1).detail(), "the keys, each with its node, in the run's history");
        assertTrue(contacts.thread(WORKSPACE_ID, DANA).stream().anyMatch(e -> "keys: menu=2".equals(e.body())),
                "the keys are on the call's thread entry: " + contacts.thread(WORKSPACE_ID, DANA));
    }

    private void publish(String id, String definition) {
        workflows.saveDraft(WORKSPACE_ID, id, WorkflowParser.toJson(definition).toString(), NOW);
        workflows.publish(WORKSPACE_ID, id, WorkflowParser.parse(id, definition).trigger(), NOW);
    }

    private DomainEvent appointment(String at) {
        return new DomainEvent("api:appt-1", "appointment.scheduled", WORKSPACE_ID, NOW, DANA, null,
                Map.of("appointmentAt", at), Map.of("firstName", "Dana"));
    }

    private CallRequest requestSent() {
        // The request travels in its message to the compliance function.
        return Json.read(compliance.sent().get(compliance.sent().size() - 1), CallRequestMessage.class).request();
    }

    private DomainEvent outcome(CallRequest request, String outcome) {
        return new DomainEvent("call:" + request.id() + ":outcome", EventTypes.CALL_OUTCOME, WORKSPACE_ID, clock.instant(),
                request.to(), null, CallOutcomes.data(request, outcome, "CA" + request.attempt()), Map.of());
    }

    private DomainEvent failed(CallRequest request, String reason) {
        Map<String, Object> data = new java.util.HashMap<>(CallOutcomes.data(request, "failed", null));
        data.put("reason", reason);
        return new DomainEvent("call:" + request.id() + ":failed", EventTypes.CALL_FAILED, WORKSPACE_ID, clock.instant(),
                request.to(), null, data, Map.of());
    }

    private DomainEvent deferred(CallRequest request) {
        Map<String, Object> data = new java.util.HashMap<>(CallOutcomes.data(request, "deferred", null));
        data.put("reason", "OUTSIDE_WINDOW");
        data.put("nextAllowedAt", "2026-11-25T16:00:00Z");
        return new DomainEvent("call:" + request.id() + ":deferred:1", EventTypes.CALL_DEFERRED, WORKSPACE_ID,
                clock.instant(), request.to(), null, data, Map.of());
    }

    private WorkflowRun run() {
        return single(runs.forContact(WORKSPACE_ID, DANA, 10));
    }

    private static List<String> history(WorkflowRun run) {
        return run.steps().stream().map(s -> s.type() + ":" + s.result()).toList();
    }

    private static <T> T single(List<T> items) {
        assertEquals(1, items.size(), items.toString());
        return items.get(0);
    }
}
