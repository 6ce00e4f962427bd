package dev.autocall.domain.trigger;

import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.contact.ContactStore;
import dev.autocall.domain.contact.Task;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.messaging.OutboundSms;
import dev.autocall.domain.messaging.SmsRejectedException;
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
    private final WorkflowStore workflows;
    private final RunStore runs;
    private final ContactStore contacts;
    private final Messenger messenger;
    private final Clock clock;

    public WorkflowRunner(WorkflowStore workflows, RunStore runs, ContactStore contacts, Messenger messenger, Clock clock) {
        this.workflows = workflows;
        this.runs = runs;
        this.contacts = contacts;
        this.messenger = messenger;
        this.clock = clock;
    }

    public void runWorkflowsFor(DomainEvent event, Workspace workspace, Contact contact) {
        Contact current = contact;
        for (PublishedWorkflow live : workflows.live(workspace.id(), event.type())) {
            Optional<WorkflowRun> existing = runs.find(workspace.id(), runId(event.id(), live.workflowId()));
            if (existing.isPresent()) {
                if ("running".equals(existing.get().status())) {
                    current = resume(event, workspace, current, existing.get());
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
                    event.id(), event.type(), current.phone(), definition.testMode(), clock.instant(), null, "running", List.of());
            current = execute(event, workspace, current, run, definition);
        }
    }

    /** A run interrupted mid-way (the event came back) finishes on the version it started with. */
    private Contact resume(DomainEvent event, Workspace workspace, Contact contact, WorkflowRun run) {
        PublishedWorkflow version = workflows.version(workspace.id(), run.workflowId(), run.version())
                .orElseThrow(() -> new IllegalStateException("run " + run.runId() + " names missing version "
                        + run.workflowId() + " v" + run.version()));
        return execute(event, workspace, contact, run, WorkflowParser.parse(version.workflowId(), version.definitionJson()));
    }

    private Contact execute(DomainEvent event, Workspace workspace, Contact contact, WorkflowRun started,
                            WorkflowDefinition steps) {
        WorkflowRun run = started;
        Contact current = contact;
        for (int i = run.steps().size(); i < steps.steps().size(); i++) {
            Step step = steps.steps().get(i);
            Outcome outcome = perform(step, event, workspace, current, run);
            current = outcome.contact();
            run = run.withStep(new StepResult(i, step.type(), outcome.result(), outcome.detail(), clock.instant()));
            if (i == steps.steps().size() - 1) {
                run = run.finished(run.steps().stream().anyMatch(r -> "failed".equals(r.result())) ? "failed" : "completed",
                        clock.instant());
            }
            // One write per step: the history never claims a step that did not happen, nor loses one that did.
            runs.save(workspace.id(), run);
        }
        return current;
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
                Task task = new Task("task_" + run.runId().substring(4) + "_" + run.steps().size(),
                        Template.parse("title", t.title()).render(context), contact.phone(), now,
                        now.plus(Duration.ofMinutes(t.dueInMinutes())), "open", run.workflowId(), run.runId());
                contacts.addTask(workspace.id(), task);
                yield new Outcome("done", "task " + task.id() + ": " + task.title(), contact);
            }
            case Step.AddTag a -> tag(workspace, contact, a.tag(), true);
            case Step.RemoveTag r -> tag(workspace, contact, r.tag(), false);
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
        Contact changed = contact.withTag(tag, add);
        if (!changed.equals(contact)) {
            contacts.save(workspace.id(), changed);
        }
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
