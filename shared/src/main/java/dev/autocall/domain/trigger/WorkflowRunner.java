package dev.autocall.domain.trigger;

import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.contact.ContactStore;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventTypes;
import dev.autocall.domain.workflow.RunStatus;
import dev.autocall.domain.workflow.RunStore;
import dev.autocall.domain.workflow.Step;
import dev.autocall.domain.workflow.TemplateContext;
import dev.autocall.domain.workflow.WorkflowDefinition;
import dev.autocall.domain.workflow.WorkflowParser;
import dev.autocall.domain.workflow.WorkflowRun;
import dev.autocall.domain.workflow.WorkflowStore;
import dev.autocall.domain.workflow.WorkflowStore.PublishedWorkflow;
import dev.autocall.domain.workspace.Workspace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Starts the runs an event triggers and resumes the runs that waited for a call or a time. A run's id derives from
 * the workspace, the event and the workflow, so a redelivered event finds its run instead of starting another. What
 * each step does is its {@link StepExecutor}; how a run is held, saved and ended is {@link RunExecution}.
 */
public final class WorkflowRunner {
    private final WorkflowStore workflows;
    private final RunStore runs;
    private final ContactStore contacts;
    private final Messenger messenger;
    private final CallSteps calls;
    private final Clock clock;
    private final dev.autocall.domain.webhook.OutboundWebhooks webhooks;

    public WorkflowRunner(WorkflowStore workflows, RunStore runs, ContactStore contacts, Messenger messenger, CallSteps calls,
                          Clock clock) {
        this(workflows, runs, contacts, messenger, calls, clock, dev.autocall.domain.webhook.OutboundWebhooks.NONE);
    }

    /** @param webhooks where run.completed and run.failed go when a run ends */
    public WorkflowRunner(WorkflowStore workflows, RunStore runs, ContactStore contacts, Messenger messenger, CallSteps calls,
                          Clock clock, dev.autocall.domain.webhook.OutboundWebhooks webhooks) {
        this.webhooks = webhooks;
        this.workflows = workflows;
        this.runs = runs;
        this.contacts = contacts;
        this.messenger = messenger;
        this.calls = calls;
        this.clock = clock;
    }

    /** Thrown when another delivery holds the run: the message is retried later, not dropped. */
    public static final class RunBusyException extends RuntimeException {
        public RunBusyException(String runId) {
            super("run " + runId + " is held by a delivery that is still running");
        }
    }

    /** Starts the live workflows whose trigger and filters match; returns the contact as their steps left it. */
    public Contact runWorkflowsFor(DomainEvent event, Workspace workspace, Contact contact) {
        Contact current = contact;
        String delivery = "event:" + event.id();
        for (PublishedWorkflow live : workflows.live(workspace.id(), event.type())) {
            if (EventTypes.CAMPAIGN_TARGET.equals(event.type()) && !live.workflowId().equals(event.dataString("workflow"))) {
                continue;   // a campaign starts the one workflow it names
            }
            String runId = runId(workspace.id(), event.id(), live.workflowId());
            Optional<WorkflowRun> existing = runs.find(workspace.id(), runId);
            if (existing.isPresent()) {
                // This event started the run before and its delivery died: go on where it stopped.
                WorkflowRun run = existing.get();
                if (run.status() == RunStatus.RUNNING && delivery.equals(run.heldBy())) {
                    current = execution(workspace, current, run).takeOver(delivery, event);
                }
                continue;
            }
            WorkflowDefinition definition = WorkflowParser.parseStored(live.workflowId(), live.definitionJson());
            TemplateContext context = TemplateContext.of(current, event, workspace);
            if (!definition.enabled() || !definition.filters().stream().allMatch(f -> f.matches(context))) {
                continue;
            }
            WorkflowRun run = WorkflowRun.start(runId, live.workflowId(), live.version(), event, current.phone(),
                    definition.testMode(), clock.instant());
            current = new RunExecution(this, workspace, current, run, definition).start(delivery);
        }
        return current;
    }

    /**
     * Resumes a run with what it waited for: a call's outcome or failure, a deferral to note in its history, or the end
     * of a wait. Anything the run is not waiting for (a repeat, a stale attempt) is ignored.
     */
    public void resume(DomainEvent event, Workspace workspace) {
        String runId = event.dataString("runId");
        String awaited = event.type().equals(EventTypes.WORKFLOW_RESUME) ? event.dataString("token") : event.dataString("requestId");
        if (runId == null || awaited == null) {
            return;
        }
        Optional<WorkflowRun> found = runs.find(workspace.id(), runId);
        if (found.isEmpty()) {
            return;
        }
        WorkflowRun run = found.get();
        if (run.status() == RunStatus.WAITING && awaited.equals(run.waitingFor())) {
            if (event.type().equals(EventTypes.CALL_DEFERRED)) {
                noteDeferral(workspace, run, event);
                return;
            }
            execution(workspace, contactOf(workspace, run), run).resume(awaited, event);
        } else if (run.status() == RunStatus.RUNNING && awaited.equals(run.heldBy())) {
            // What resumed it before died on the way: its redelivery goes on once the lease has passed.
            execution(workspace, contactOf(workspace, run), run).takeOver(awaited, event);
        }
    }

    /** The run still waits for the same request: only its history changes. */
    private void noteDeferral(Workspace workspace, WorkflowRun run, DomainEvent event) {
        Step step = definition(workspace, run).steps().get(run.cursor());
        WorkflowRun noted = run.withStep(new WorkflowRun.StepResult(run.cursor(), step.type(), "deferred",
                event.dataString("reason") + " until " + event.dataString("nextAllowedAt"), clock.instant()));
        if (!runs.save(workspace.id(), noted.nextRevision())) {
            // Changed meanwhile (its outcome came in?): try again, the run then says whether this still matters.
            throw new RunBusyException(run.runId());
        }
    }

    private RunExecution execution(Workspace workspace, Contact contact, WorkflowRun run) {
        return new RunExecution(this, workspace, contact, run, definition(workspace, run));
    }

    private Contact contactOf(Workspace workspace, WorkflowRun run) {
        return contacts.find(workspace.id(), run.contactPhone())
                .orElseGet(() -> Contact.newContact(run.contactPhone(), "api", clock.instant()));
    }

    private WorkflowDefinition definition(Workspace workspace, WorkflowRun run) {
        // A run finishes on the version it started with, even if a newer one was published since.
        PublishedWorkflow version = workflows.version(workspace.id(), run.workflowId(), run.version())
                .orElseThrow(() -> new IllegalStateException("run " + run.runId() + " names missing version "
                        + run.workflowId() + " v" + run.version()));
        return WorkflowParser.parseStored(version.workflowId(), version.definitionJson());
    }

    /** The executor of a step type: one place, checked by the compiler to cover every step. */
    @SuppressWarnings("unchecked")
    <S extends Step> StepExecutor<S> executorFor(S step, WorkflowDefinition definition) {
        StepExecutor<?> executor = switch (step) {
            case Step.SendSms s -> new MessageSteps.SendSms(messenger);
            case Step.Notify n -> new MessageSteps.Notify(messenger);
            case Step.CreateTask t -> new ContactSteps.CreateTask(contacts);
            case Step.AddTag a -> new ContactSteps.Tag<Step.AddTag>(contacts, true);
            case Step.RemoveTag r -> new ContactSteps.Tag<Step.RemoveTag>(contacts, false);
            case Step.MakeCall m -> new CallStep<Step.MakeCall>(calls);
            case Step.LeaveVoicemail l -> new CallStep<Step.LeaveVoicemail>(calls);
            case Step.RunIvr i -> new CallStep<Step.RunIvr>(calls);
            case Step.Wait w -> new FlowSteps.Wait(calls);
            case Step.Branch b -> new FlowSteps.Branch(definition);
        };
        return (StepExecutor<S>) executor;
    }

    RunStore runs() {
        return runs;
    }

    /**
     * Tells the workspace's webhook that a run ended (run.completed or run.failed). Sent before the run's final save:
     * the id is the run's, so a delivery that saves after a crash sends the same delivery again, never a second one.
     */
    void runEnded(String workspaceId, WorkflowRun run) {
        String status = run.status() == dev.autocall.domain.workflow.RunStatus.FAILED ? "failed" : "completed";
        java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("runId", run.runId());
        data.put("workflowId", run.workflowId());
        data.put("contact", run.contactPhone());
        data.put("status", status);
        if (status.equals("failed")) {
            run.steps().stream().filter(r -> "failed".equals(r.result())).reduce((a, b) -> b)
                    .ifPresent(r -> data.put("reason", r.type() + (r.detail() == null ? "" : ": " + r.detail())));
        }
        if (run.test()) {
            data.put("test", true);
        }
        webhooks.send(workspaceId, dev.autocall.domain.webhook.WebhookIds.of("run", workspaceId, run.runId(), status),
                "run." + status, run.finishedAt() == null ? clock.instant() : run.finishedAt(), data);
    }

    Clock clock() {
        return clock;
    }

    /** The run's id: the same for the same workspace, event and workflow, and different for any other. */
    static String runId(String workspaceId, String eventId, String workflowId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((workspaceId + "\n" + eventId + "\n" + workflowId).getBytes(StandardCharsets.UTF_8));
            return "run_" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
