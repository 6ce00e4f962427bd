package dev.autocall.domain.trigger;

import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.workflow.Step;
import dev.autocall.domain.workflow.WorkflowDefinition;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** wait (for a duration or until a time from the event or contact) and branch (on the last call's outcome). */
final class FlowSteps {
    /** The longest wait: EventBridge Scheduler and a reminder's purpose both end well before a year. */
    static final Duration MAX_WAIT = Duration.ofDays(366);

    private FlowSteps() {
    }

    static final class Wait implements StepExecutor<Step.Wait> {
        private final CallSteps calls;

        Wait(CallSteps calls) {
            this.calls = calls;
        }

        @Override
        public boolean repeatable() {
            return true; // the resume event has a fixed id: scheduling it twice is one schedule
        }

        @Override
        public StepOutcome run(Step.Wait step, RunContext run) {
            Instant now = run.clock().instant();
            Optional<Instant> until = resumeAt(step, run, now);
            if (until.isEmpty()) {
                // Better no reminder than one at the wrong time: the run ends here, failed.
                return new StepOutcome.JumpTo(Integer.MAX_VALUE, "failed", "no time at " + step.until()
                        + " to wait for (an ISO-8601 instant with an offset)");
            }
            if (!until.get().isAfter(now)) {
                return new StepOutcome.Next("done", until.get() + " has passed");
            }
            if (until.get().isAfter(now.plus(MAX_WAIT))) {
                return new StepOutcome.JumpTo(Integer.MAX_VALUE, "failed", until.get() + " is more than "
                        + MAX_WAIT.toDays() + " days ahead: a wait ends within " + MAX_WAIT.toDays() + " days");
            }
            return new StepOutcome.Await(calls.scheduleResume(run.workspace(), run.run(), until.get()), "waiting",
                    "until " + until.get());
        }

        @Override
        public StepOutcome resume(Step.Wait step, RunContext run, DomainEvent event) {
            return new StepOutcome.Next("done", "waited until " + event.occurredAt());
        }

        private static Optional<Instant> resumeAt(Step.Wait wait, RunContext run, Instant now) {
            if (wait.duration() != null) {
                return Optional.of(now.plus(wait.duration()));
            }
            Object value = run.templates().resolve(wait.until());
            if (value == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(OffsetDateTime.parse(String.valueOf(value)).toInstant().plus(wait.offset()));
            } catch (DateTimeParseException | ArithmeticException e) {
                return Optional.empty();
            }
        }
    }

    static final class Branch implements StepExecutor<Step.Branch> {
        private final WorkflowDefinition definition;

        Branch(WorkflowDefinition definition) {
            this.definition = definition;
        }

        @Override
        public boolean repeatable() {
            return true;
        }

        @Override
        public StepOutcome run(Step.Branch step, RunContext run) {
            String last = run.run().lastOutcome();
            String target = last != null ? step.cases().getOrDefault(last, step.otherwise()) : step.otherwise();
            String detail = "outcome " + last + " → " + target;
            return switch (target) {
                case "next" -> new StepOutcome.Next("done", detail);
                case "end" -> new StepOutcome.JumpTo(definition.steps().size(), "done", detail);
                default -> new StepOutcome.JumpTo(definition.stepIds().get(target), "done", detail);
            };
        }
    }
}
