package dev.autocall.domain.trigger;

import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.workflow.Step;

/**
 * Runs one type of step. A new step type is a {@link Step} record, its parser entry and one of these, named in
 * {@link WorkflowRunner#executorFor}.
 */
interface StepExecutor<S extends Step> {
    /**
     * Whether running the step again after a crash changes nothing (a tag, a branch, a call request or a wait with
     * its fixed id). A step that is not repeatable (a message sent, a task created) runs only while the run is held,
     * and the run is saved right after it.
     */
    boolean repeatable();

    StepOutcome run(S step, RunContext run);

    /** Takes what the step waited for (a call's outcome, a wait's end). Only steps that answer {@code Await} are resumed. */
    default StepOutcome resume(S step, RunContext run, DomainEvent event) {
        throw new IllegalStateException(step.type() + " steps do not wait");
    }
}
