package dev.autocall.domain.trigger;

import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.contact.ContactStore;
import dev.autocall.domain.contact.Task;
import dev.autocall.domain.workflow.Step;
import dev.autocall.domain.workflow.Template;

import java.time.Duration;
import java.time.Instant;

/** createTask (not repeatable: a second task would be a duplicate) and addTag / removeTag (repeatable). */
final class ContactSteps {
    private ContactSteps() {
    }

    static final class CreateTask implements StepExecutor<Step.CreateTask> {
        private final ContactStore contacts;

        CreateTask(ContactStore contacts) {
            this.contacts = contacts;
        }

        @Override
        public boolean repeatable() {
            return false;
        }

        @Override
        public StepOutcome run(Step.CreateTask step, RunContext run) {
            Instant now = run.clock().instant();
            Task task = new Task("task_" + run.run().runId().substring(4) + "_" + run.run().cursor(),
                    Template.parse("title", step.title()).render(run.templates()), run.contact().phone(), now,
                    now.plus(Duration.ofMinutes(step.dueInMinutes())), "open", run.run().workflowId(), run.run().runId());
            contacts.addTask(run.workspace().id(), task);
            return new StepOutcome.Next("done", "task " + task.id() + ": " + task.title());
        }
    }

    /** Adds or removes a tag; doing it twice leaves the same contact. */
    static final class Tag<S extends Step> implements StepExecutor<S> {
        private final ContactStore contacts;
        private final boolean add;

        Tag(ContactStore contacts, boolean add) {
            this.contacts = contacts;
            this.add = add;
        }

        @Override
        public boolean repeatable() {
            return true;
        }

        @Override
        public StepOutcome run(S step, RunContext run) {
            String tag = switch (step) {
                case Step.AddTag a -> a.tag();
                case Step.RemoveTag r -> r.tag();
                default -> throw new IllegalStateException(step.type() + " is not a tag step");
            };
            // A field-safe change of the stored contact: a concurrent change to it (another tag, a name) is kept.
            Contact changed = contacts.update(run.workspace().id(), run.contact(), stored -> stored.withTag(tag, add));
            run.contact(changed);
            return new StepOutcome.Next("done", (add ? "tag added: " : "tag removed: ") + tag);
        }
    }
}
