package dev.autocall.domain.trigger;

import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.contact.ContactStore;
import dev.autocall.domain.contact.Task;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.messaging.OutboundSms;
import dev.autocall.domain.messaging.SmsRejectedException;
import dev.autocall.domain.outbound.CallPlan;
import dev.autocall.domain.workflow.RunStore;
import dev.autocall.domain.workflow.Step;
import dev.autocall.domain.workflow.Template;
import dev.autocall.domain.workflow.TemplateContext;
import dev.autocall.domain.workflow.WorkflowDefinition;
import dev.autocall.domain.workflow.WorkflowParser;
import dev.autocall.domain.workflow.WorkflowRun;
import dev.autocall.domain.workflow.WorkflowRun.StepResult;
import dev.autocall.domain.workflow.WorkflowStore;
import dev.autocall.domain.workflow.WorkflowStore.PublishedWorkflow;
import dev.autocall.domain.workspace.Workspace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Runs the live workflows an event triggers. A run's id is derived from the event and the workflow, and
 * its history is saved after every step, so a redelivered event resumes where it stopped instead of
 * repeating what was done.
 */
public final class WorkflowRunner {
    /** The kind of request an ifNoAnswer voicemail policy asks for; its own outcome is never retried. */
    private static final String VOICEMAIL_DROP = "voicemail-drop";
    private static final java.util.Set<String> CALL_STEPS = java.util.Set.of("makeCall", "leaveVoicemail");

    private final WorkflowStore workflows;
    private final RunStore runs;
    private final ContactStore contacts;
    private final Messenger messenger;
    private final CallSteps calls;
    private final Clock clock;

    public WorkflowRunner(WorkflowStore workflows, RunStore runs, ContactStore contacts, Messenger messenger, CallSteps calls,
                          Clock clock) {
        this.workflows = workflows;
        this.runs = runs;
        this.contacts = contacts;
        this.messenger = messenger;
        this.calls = calls;
        this.clock = clock;
    }

    public void runWorkflowsFor(DomainEvent event, Workspace workspace, Contact contact) {
        Contact current = contact;
        for (PublishedWorkflow live : workflows.live(workspace.id(), event.type())) {
            Optional<WorkflowRun> existing = runs.find(workspace.id(), runId(event.id(), live.workflowId()));
            if (existing.isPresent()) {
                if ("running".equals(existing.get().status())) {
                    current = advance(workspace, current, existing.get(), definition(workspace, existing.get()),
                            new Saver(workspace.id(), null));
                }
                continue;
            }
            WorkflowDefinition definition = WorkflowParser.parse(live.workflowId(), live.definitionJson());
            if (!definition.enabled()) {
                continue;
            }
            TemplateContext context = TemplateContext.of(current, event, workspace);
            if (!definition.filters().stream().allMatch(f -> f.matches(context))) {
                continue;
            }
            // Saved with its first step: a run that dies before any step is simply started again.
            WorkflowRun run = new WorkflowRun(runId(event.id(), live.workflowId()), live.workflowId(), live.version(),
                    event.id(), event.type(), current.phone(), definition.testMode(), clock.instant(), null, "running", List.of(),
                    0, null, null, event);
            current = advance(workspace, current, run, definition, new Saver(workspace.id(), null));
        }
    }

    /**
     * Resumes a waiting run with what it waited for: a call's outcome or failure, a deferral to note in its
     * history, or the end of a wait. Anything the run is not waiting for (a repeat, a stale attempt) is ignored.
     */
    public void resume(DomainEvent event, Workspace workspace) {
        String runId = event.dataString("runId");
        Optional<WorkflowRun> found = runId == null ? Optional.empty() : runs.find(workspace.id(), runId);
        String awaited = event.type().equals(CallSteps.WORKFLOW_RESUME) ? event.dataString("token") : event.dataString("requestId");
        if (found.isEmpty() || awaited == null || !awaited.equals(found.get().waitingFor())) {
            return;
        }
        WorkflowRun run = found.get();
        WorkflowDefinition definition = definition(workspace, run);
        if ("running".equals(run.status())) {
            // This event resumed the run before and a step then failed: go on from that step.
            advance(workspace, contactOf(workspace, run), run, definition, new Saver(workspace.id(), awaited));
            return;
        }
        if (!"waiting".equals(run.status())) {
            return;
        }
        Step step = definition.steps().get(run.cursor());
        if (event.type().equals("call.deferred")) {
            // Still waiting for the same request: only the history changes.
            runs.saveIfWaitingFor(workspace.id(), run.withStep(result(run, step, "deferred",
                    event.dataString("reason") + " until " + event.dataString("nextAllowedAt"))), awaited);
            return;
        }
        Contact contact = contactOf(workspace, run);
        if (event.type().equals(CallSteps.WORKFLOW_RESUME)) {
            WorkflowRun next = run.withStep(result(run, step, "done", "waited until " + event.occurredAt())).at(run.cursor() + 1);
            advance(workspace, contact, next, definition, new Saver(workspace.id(), awaited));
        } else {
            callEnded(workspace, contact, run, definition, step, event, new Saver(workspace.id(), awaited));
        }
    }

    private Contact contactOf(Workspace workspace, WorkflowRun run) {
        return contacts.find(workspace.id(), run.contactPhone())
                .orElseGet(() -> Contact.newContact(run.contactPhone(), "api", clock.instant()));
    }

    private void callEnded(Workspace workspace, Contact contact, WorkflowRun run, WorkflowDefinition definition, Step step,
                           DomainEvent event, Saver saver) {
        String outcome = event.dataString("outcome") == null ? "failed" : event.dataString("outcome");
        int attempt = Integer.parseInt(Optional.ofNullable(event.dataString("attempt")).orElse("1"));
        String detail = "attempt " + attempt + ": " + outcome
                + (event.dataString("reason") == null ? "" : " (" + event.dataString("reason") + ")");
        WorkflowRun noted = run.withStep(result(run, step, outcome, detail)).withOutcome(outcome);
        Step.NoAnswerPolicy policy = switch (step) {
            case Step.MakeCall call -> call.ifNoAnswer();
            case Step.LeaveVoicemail drop -> drop.ifNoAnswer();
            default -> Step.NoAnswerPolicy.CONTINUE;
        };
        boolean voicemailDrop = event.dataString("requestId").equals(CallSteps.requestId(noted, attempt, VOICEMAIL_DROP));
        if (policy.notReached().contains(outcome) && !voicemailDrop) {
            if (policy.action().equals("retry") && attempt < policy.maxAttempts()) {
                String request = requestFor(workspace, contact, noted, step, attempt + 1, policy.interval());
                saver.save(noted.withStep(result(run, step, "requested",
                        "attempt " + (attempt + 1) + " in " + policy.interval() + ": " + request)).waiting(request));
                return;
            }
            if (policy.action().equals("voicemail")) {
                String request = calls.requestCall(workspace, noted, attempt, VOICEMAIL_DROP,
                        new CallPlan.Voicemail(Template.parse("ifNoAnswer.message", policy.message())
                                .render(TemplateContext.of(contact, noted.trigger(), workspace)), null, null),
                        purposeOf(step), Duration.ZERO);
                saver.save(noted.withStep(result(run, step, "requested", "voicemail instead: " + request)).waiting(request));
                return;
            }
        }
        advance(workspace, contact, noted.at(run.cursor() + 1), definition, saver);
    }

    /**
     * Runs steps from the cursor until the run ends or waits. The run is saved when it waits or ends and after
     * every step that cannot be repeated safely (a message sent, a task created): a redelivery repeats only
     * steps that change nothing when repeated (tags, branches, call requests with their fixed ids).
     */
    private Contact advance(Workspace workspace, Contact contact, WorkflowRun started, WorkflowDefinition definition, Saver saver) {
        WorkflowRun run = started;
        Contact current = contact;
        DomainEvent event = run.trigger();
        try {
            while (run.cursor() < definition.steps().size()) {
                Step step = definition.steps().get(run.cursor());
                boolean repeatable = true;
                switch (step) {
                    case Step.MakeCall call -> {
                        String agent = call.agent() != null ? call.agent() : workspace.forwarding().number();
                        String whisper = Template.parse("whisper", call.whisper())
                                .render(TemplateContext.of(current, event, workspace));
                        String request = calls.requestCall(workspace, run, 1, "call",
                                new CallPlan.Connect(agent, whisper, call.timeoutSeconds(), call.record()), call.purpose(),
                                Duration.ZERO);
                        saver.save(run.withStep(result(run, step, "requested", "attempt 1: " + request)).waiting(request));
                        return current;
                    }
                    case Step.LeaveVoicemail drop -> {
                        String request = requestFor(workspace, current, run, step, 1, Duration.ZERO);
                        saver.save(run.withStep(result(run, step, "requested", "attempt 1: " + request)).waiting(request));
                        return current;
                    }
                    case Step.Wait wait -> {
                        Optional<Instant> until = resumeAt(wait, current, event, workspace);
                        if (until.isEmpty()) {
                            // Better no reminder than one at the wrong time: the run stops here.
                            run = run.withStep(result(run, step, "failed", "no time at " + wait.until()
                                    + " to wait for (an ISO-8601 instant with an offset)")).at(definition.steps().size());
                        } else if (!until.get().isAfter(clock.instant())) {
                            run = run.withStep(result(run, step, "done", until.get() + " has passed")).at(run.cursor() + 1);
                        } else {
                            String token = calls.scheduleResume(workspace, run, until.get());
                            saver.save(run.withStep(result(run, step, "waiting", "until " + until.get())).waiting(token));
                            return current;
                        }
                    }
                    case Step.Branch branch -> {
                        String target = run.lastOutcome() != null
                                ? branch.cases().getOrDefault(run.lastOutcome(), branch.otherwise())
                                : branch.otherwise();
                        int next = switch (target) {
                            case "next" -> run.cursor() + 1;
                            case "end" -> definition.steps().size();
                            default -> definition.stepIds().get(target);
                        };
                        run = run.withStep(result(run, step, "done", "outcome " + run.lastOutcome() + " → " + target)).at(next);
                    }
                    default -> {
                        repeatable = step instanceof Step.AddTag || step instanceof Step.RemoveTag;
                        if (!repeatable && !saver.claimed()) {
                            // Resumed by a delivery that may be repeated: take the run before doing what must not be done twice.
                            if (!saver.save(run.at(run.cursor()))) {
                                return current;
                            }
                        }
                        Outcome outcome = perform(step, event, workspace, current, run);
                        current = outcome.contact();
                        run = run.withStep(result(run, step, outcome.result(), outcome.detail())).at(run.cursor() + 1);
                    }
                }
                if (run.cursor() >= definition.steps().size()) {
                    run = run.finished(finalStatus(run), clock.instant());
                }
                if (!repeatable || run.cursor() >= definition.steps().size()) {
                    if (!saver.save(run)) {
                        return current;
                    }
                }
            }
        } catch (RuntimeException e) {
            try {
                saver.interrupted(run);
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        return current;
    }

    /**
     * Saves a run. A run resumed by something it waited for is first saved only if it still waits for it, so
     * that of two deliveries of the same outcome one goes on; after that first save the run is this delivery's.
     */
    private final class Saver {
        private final String workspaceId;
        private final String resumedBy;
        private String guard;

        Saver(String workspaceId, String waitingFor) {
            this.workspaceId = workspaceId;
            this.resumedBy = waitingFor;
            this.guard = waitingFor;
        }

        /**
         * A step failed. A run this delivery resumed and took is kept at that step, marked with what resumed it, whose
         * redelivery goes on from there. (Before the take nothing was stored: the redelivery starts the resumption
         * over. A run started by its event is found running by the event's redelivery.)
         */
        void interrupted(WorkflowRun run) {
            if (resumedBy != null && guard == null) {
                runs.save(workspaceId, run.interrupted(resumedBy));
            }
        }

        boolean claimed() {
            return guard == null;
        }

        boolean save(WorkflowRun run) {
            if (guard == null) {
                runs.save(workspaceId, run);
                return true;
            }
            boolean saved = runs.saveIfWaitingFor(workspaceId, run, guard);
            guard = null;
            return saved;
        }
    }

    /**
     * A run fails when one of its own steps failed (an SMS refused, a task not created); a call's outcome, even
     * "failed", is the callee's result, which the workflow may branch on.
     */
    private static String finalStatus(WorkflowRun run) {
        return run.steps().stream().anyMatch(r -> "failed".equals(r.result()) && !CALL_STEPS.contains(r.type()))
                ? "failed" : "completed";
    }

    private String requestFor(Workspace workspace, Contact contact, WorkflowRun run, Step step, int attempt, Duration delay) {
        return switch (step) {
            case Step.MakeCall call -> calls.requestCall(workspace, run, attempt, "call",
                    new CallPlan.Connect(call.agent() != null ? call.agent() : workspace.forwarding().number(),
                            Template.parse("whisper", call.whisper()).render(TemplateContext.of(contact, run.trigger(), workspace)),
                            call.timeoutSeconds(), call.record()), call.purpose(), delay);
            case Step.LeaveVoicemail drop -> calls.requestCall(workspace, run, attempt, "voicemail",
                    new CallPlan.Voicemail(drop.message() == null ? null
                            : Template.parse("message", drop.message()).render(TemplateContext.of(contact, run.trigger(), workspace)),
                            drop.voice(), drop.audioUrl()), drop.purpose(), delay);
            default -> throw new IllegalStateException(step.type() + " places no call");
        };
    }

    private static String purposeOf(Step step) {
        return switch (step) {
            case Step.MakeCall call -> call.purpose();
            case Step.LeaveVoicemail drop -> drop.purpose();
            default -> "transactional";
        };
    }

    private Optional<Instant> resumeAt(Step.Wait wait, Contact contact, DomainEvent event, Workspace workspace) {
        if (wait.duration() != null) {
            return Optional.of(clock.instant().plus(wait.duration()));
        }
        Object value = TemplateContext.of(contact, event, workspace).resolve(wait.until());
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.OffsetDateTime.parse(String.valueOf(value)).toInstant().plus(wait.offset()));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private WorkflowDefinition definition(Workspace workspace, WorkflowRun run) {
        // A run finishes on the version it started with, even if a newer one was published since.
        PublishedWorkflow version = workflows.version(workspace.id(), run.workflowId(), run.version())
                .orElseThrow(() -> new IllegalStateException("run " + run.runId() + " names missing version "
                        + run.workflowId() + " v" + run.version()));
        return WorkflowParser.parse(version.workflowId(), version.definitionJson());
    }

    private StepResult result(WorkflowRun run, Step step, String result, String detail) {
        return new StepResult(run.cursor(), step.type(), result, detail, clock.instant());
    }

    private record Outcome(String result, String detail, Contact contact) {
    }

    private Outcome perform(Step step, DomainEvent event, Workspace workspace, Contact contact, WorkflowRun run) {
        TemplateContext context = TemplateContext.of(contact, event, workspace);
        return switch (step) {
            case Step.SendSms s -> sendSms(s, event, workspace, contact, context);
            case Step.Notify n -> notify(n, event, workspace, context, contact);
            case Step.CreateTask t -> {
                Instant now = clock.instant();
                Task task = new Task("task_" + run.runId().substring(4) + "_" + run.cursor(),
                        Template.parse("title", t.title()).render(context), contact.phone(), now,
                        now.plus(Duration.ofMinutes(t.dueInMinutes())), "open", run.workflowId(), run.runId());
                contacts.addTask(workspace.id(), task);
                yield new Outcome("done", "task " + task.id() + ": " + task.title(), contact);
            }
            case Step.AddTag a -> tag(workspace, contact, a.tag(), true);
            case Step.RemoveTag r -> tag(workspace, contact, r.tag(), false);
            case Step.MakeCall m -> throw new IllegalStateException("call steps wait");
            case Step.LeaveVoicemail l -> throw new IllegalStateException("call steps wait");
            case Step.Wait w -> throw new IllegalStateException("waits wait");
            case Step.Branch b -> throw new IllegalStateException("branches jump");
        };
    }

    private Outcome sendSms(Step.SendSms step, DomainEvent event, Workspace workspace, Contact contact, TemplateContext context) {
        if (contact.smsOptedOut()) {
            return new Outcome("skipped", "contact opted out of SMS", contact);
        }
        if (contact.dnd().sms()) {
            return new Outcome("skipped", "contact has do-not-disturb set for SMS", contact);
        }
        Optional<String> from = senderNumber(event, workspace);
        if (from.isEmpty()) {
            return new Outcome("failed", "the workspace has no number to send from", contact);
        }
        try {
            String sid = messenger.sendToContact(workspace.id(),
                    new OutboundSms(from.get(), contact.phone(), Template.parse("body", step.body()).render(context)));
            return new Outcome("done", "sent " + sid, contact);
        } catch (SmsRejectedException e) {
            return new Outcome("failed", "provider refused the message (" + e.providerCode() + "): " + e.getMessage(), contact);
        }
    }

    private Outcome notify(Step.Notify step, DomainEvent event, Workspace workspace, TemplateContext context, Contact contact) {
        if (workspace.adminNumber() == null) {
            return new Outcome("skipped", "the workspace has no adminNumber to notify", contact);
        }
        Optional<String> from = senderNumber(event, workspace);
        if (from.isEmpty()) {
            return new Outcome("failed", "the workspace has no number to send from", contact);
        }
        try {
            String sid = messenger.sendToStaff(new OutboundSms(from.get(), workspace.adminNumber(),
                    Template.parse("body", step.body()).render(context)));
            return new Outcome("done", "notified admin, " + sid, contact);
        } catch (SmsRejectedException e) {
            return new Outcome("failed", "provider refused the notification (" + e.providerCode() + "): " + e.getMessage(), contact);
        }
    }

    private Outcome tag(Workspace workspace, Contact contact, String tag, boolean add) {
        Contact changed = contacts.update(workspace.id(), contact, stored -> stored.withTag(tag, add));
        return new Outcome("done", (add ? "tag added: " : "tag removed: ") + tag, changed);
    }

    /** Reply from the number the customer used; otherwise the workspace's first number. */
    private static Optional<String> senderNumber(DomainEvent event, Workspace workspace) {
        if (event.businessNumber() != null && workspace.numbers().contains(event.businessNumber())) {
            return Optional.of(event.businessNumber());
        }
        return workspace.numbers().stream().findFirst();
    }

    static String runId(String eventId, String workflowId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((eventId + "\n" + workflowId).getBytes(StandardCharsets.UTF_8));
            return "run_" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
