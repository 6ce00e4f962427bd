package dev.autocall.domain.trigger;

import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.workflow.Step;
import dev.autocall.domain.workflow.TemplateContext;
import dev.autocall.domain.workflow.WorkflowRun;
import dev.autocall.domain.workflow.WorkflowRun.StepResult;
import dev.autocall.domain.workspace.Workspace;

import java.time.Clock;

/** A run as one delivery advances it: the workspace, the contact as the steps leave it, and the run so far. */
final class RunContext {
    private final Workspace workspace;
    private final Clock clock;
    private Contact contact;
    private WorkflowRun run;

    RunContext(Workspace workspace, Contact contact, WorkflowRun run, Clock clock) {
        this.workspace = workspace;
        this.contact = contact;
        this.run = run;
        this.clock = clock;
    }

    Workspace workspace() {
        return workspace;
    }

    Contact contact() {
        return contact;
    }

    void contact(Contact changed) {
        contact = changed;
    }

    WorkflowRun run() {
        return run;
    }

    void run(WorkflowRun changed) {
        run = changed;
    }

    Clock clock() {
        return clock;
    }

    /** What templates read: the contact as it is now, the event that started the run, the workspace. */
    TemplateContext templates() {
        return TemplateContext.of(contact, run.trigger(), workspace, run.lastOutcome(), run.lastKeys());
    }

    /** Adds a line to the run's history for the step at the cursor. */
    void note(Step step, String result, String detail) {
        run = run.withStep(new StepResult(run.cursor(), step.type(), result, detail, clock.instant()));
    }
}
