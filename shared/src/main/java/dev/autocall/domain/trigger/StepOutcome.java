package dev.autocall.domain.trigger;

/** What a step did, for the run's history, and where the run goes next. */
sealed interface StepOutcome {
    String result();

    String detail();

    /** On to the following step. */
    record Next(String result, String detail) implements StepOutcome {
    }

    /** On to the step at {@code index}; the number of steps ends the run. */
    record JumpTo(int index, String result, String detail) implements StepOutcome {
    }

    /** The run waits for {@code token}: a call request's outcome or a wait's end. */
    record Await(String token, String result, String detail) implements StepOutcome {
    }
}
