package dev.autocall.domain.trigger;

import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.workflow.RunStatus;
import dev.autocall.domain.workflow.Step;
import dev.autocall.domain.workflow.WorkflowDefinition;
import dev.autocall.domain.workflow.WorkflowRun;
import dev.autocall.domain.workspace.Workspace;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * One delivery's go at a run: the run's life cycle (start, resume, take over, save, end) apart from what the steps do.
 *
 * <p>Steps run from the cursor until the run waits or ends; after each transition the run is checked for its end, so
 * whichever step is last, a run whose steps are done ends. Before a step that must not run twice the delivery holds the
 * run (a save with its name and a lease); the run is saved after such a step, when it waits and when it ends, each save
 * conditional on the revision read, so of two deliveries only one goes on. A delivery that throws gives its lease up at
 * once; one that dies silently loses it after {@link #LEASE}, and the redelivery of the same message takes over.
 */
final class RunExecution {
    /** Longer than a function's timeout, so a lease never passes while its holder still runs. */
    static final Duration LEASE = Duration.ofSeconds(60);
    private static final Set<String> CALL_STEPS = Set.of("makeCall", "leaveVoicemail");

    private final WorkflowRunner runner;
    private final WorkflowDefinition definition;
    private final RunContext context;
    private String delivery;
    private boolean held;

    RunExecution(WorkflowRunner runner, Workspace workspace, Contact contact, WorkflowRun run, WorkflowDefinition definition) {
        this.runner = runner;
        this.definition = definition;
        this.context = new RunContext(workspace, contact, run, runner.clock());
    }

    /** A new run: its event's claim already keeps other deliveries away; the first save creates it. */
    Contact start(String startedBy) {
        delivery = startedBy;
        held = true;
        context.run(context.run().heldBy(startedBy, leaseEnd()));
        return guarded(this::advance);
    }

    /** A waiting run gets what it waited for. It is held (saved) only before a step that must not run twice. */
    Contact resume(String token, DomainEvent event) {
        delivery = token;
        held = false;
        return guarded(() -> apply(event));
    }

    /** The delivery that held the run died; this one, a redelivery of the same message, goes on once the lease has passed. */
    Contact takeOver(String heldBy, DomainEvent event) {
        WorkflowRun run = context.run();
        if (run.leaseUntil() != null && now().isBefore(run.leaseUntil())) {
            throw new WorkflowRunner.RunBusyException(run.runId());
        }
        delivery = heldBy;
        held = false;
        if (!hold()) {
            return context.contact();
        }
        // Taken but what it waited for not yet applied: apply it now, from the redelivered message.
        return guarded(() -> heldBy.equals(context.run().waitingFor()) ? apply(event) : advance());
    }

    private Contact apply(DomainEvent event) {
        Step step = definition.steps().get(context.run().cursor());
        transition(step, runner.executorFor(step, definition).resume(step, context, event));
        return advance();
    }

    private Contact advance() {
        while (true) {
            WorkflowRun run = context.run();
            if (run.status() == RunStatus.WAITING) {
                save(run);
                return context.contact();
            }
            if (run.cursor() >= definition.steps().size()) {
                WorkflowRun finished = run.finished(finalStatus(run), now());
                runner.runEnded(context.workspace().id(), finished);
                save(finished);
                return context.contact();
            }
            Step step = definition.steps().get(run.cursor());
            StepExecutor<Step> executor = runner.executorFor(step, definition);
            if (!executor.repeatable() && !held && !hold()) {
                return context.contact();
            }
            transition(step, executor.run(step, context));
            boolean goesOn = context.run().status() == RunStatus.RUNNING && context.run().cursor() < definition.steps().size();
            if (!executor.repeatable() && goesOn && !save(context.run())) {
                return context.contact();
            }
        }
    }

    private void transition(Step step, StepOutcome outcome) {
        context.note(step, outcome.result(), outcome.detail());
        WorkflowRun run = context.run();
        context.run(switch (outcome) {
            case StepOutcome.Next next -> run.at(run.cursor() + 1);
            case StepOutcome.JumpTo jump -> run.at(Math.min(jump.index(), definition.steps().size()));
            case StepOutcome.Await await -> run.waiting(await.token());
        });
    }

    /** Runs {@code work}; if it throws, a held run is saved at the step that failed with its lease given up. */
    private Contact guarded(java.util.function.Supplier<Contact> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            if (held) {
                try {
                    save(context.run().heldBy(delivery, now()));
                } catch (RuntimeException alsoFailed) {
                    e.addSuppressed(alsoFailed);
                }
            }
            throw e;
        }
    }

    private boolean hold() {
        held = save(context.run().heldBy(delivery, leaseEnd()));
        return held;
    }

    /** Saves conditionally on the revision read; false when another delivery saved the run first (then this one stops). */
    private boolean save(WorkflowRun run) {
        WorkflowRun next = run.nextRevision();
        if (!runner.runs().save(context.workspace().id(), next)) {
            held = false;
            return false;
        }
        context.run(next);
        return true;
    }

    /**
     * A run fails when one of its own steps failed (an SMS refused, a task not created, a wait without a time); a call's
     * outcome, even "failed", is the callee's result, which the workflow may branch on.
     */
    private static RunStatus finalStatus(WorkflowRun run) {
        return run.steps().stream().anyMatch(r -> "failed".equals(r.result()) && !CALL_STEPS.contains(r.type()))
                ? RunStatus.FAILED : RunStatus.COMPLETED;
    }

    private Instant now() {
        return runner.clock().instant();
    }

    private Instant leaseEnd() {
        return now().plus(LEASE);
    }
}
