package dev.autocall.domain.trigger;

import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.outbound.CallOutcome;
import dev.autocall.domain.outbound.CallPlan;
import dev.autocall.domain.workflow.Step;
import dev.autocall.domain.workflow.Template;
import dev.autocall.domain.workflow.TemplateContext;

import java.time.Duration;
import java.util.Optional;

/**
 * makeCall, leaveVoicemail and runIvr: ask the compliance gate for a call and wait for its outcome; then retry, drop a
 * voicemail instead, or go on, by the step's ifNoAnswer policy. Repeatable: a request's id derives from the
 * workspace, the run, the step, the attempt and the kind, so asking again asks for the same call.
 */
final class CallStep<S extends Step> implements StepExecutor<S> {
    /** The kind of request an ifNoAnswer voicemail policy asks for; its own outcome is never retried. */
    static final String VOICEMAIL_DROP = "voicemail-drop";

    private final CallSteps calls;

    CallStep(CallSteps calls) {
        this.calls = calls;
    }

    @Override
    public boolean repeatable() {
        return true;
    }

    @Override
    public StepOutcome run(S step, RunContext run) {
        String request = request(step, run, 1, Duration.ZERO);
        return new StepOutcome.Await(request, "requested", "attempt 1: " + request);
    }

    @Override
    public StepOutcome resume(S step, RunContext run, DomainEvent event) {
        String outcome = Optional.ofNullable(event.dataString("outcome")).orElse(CallOutcome.FAILED.wire());
        int attempt = attemptOf(event);
        String keys = EventProcessor.keysSummary(event);
        String detail = "attempt " + attempt + ": " + outcome
                + (event.dataString("reason") == null ? "" : " (" + event.dataString("reason") + ")")
                + (keys == null ? "" : "; " + keys);
        run.run(run.run().withCall(outcome, keysOf(event)));
        Step.NoAnswerPolicy policy = policy(step);
        boolean voicemailDrop = CallSteps.requestId(run.workspace(), run.run(), attempt, VOICEMAIL_DROP)
                .equals(event.dataString("requestId"));
        // An agent who was not there means the contact was not called: never reached, whatever notReached lists.
        boolean notReached = policy.notReached().contains(outcome) || CallOutcome.AGENT_UNAVAILABLE.wire().equals(outcome);
        if (!notReached || voicemailDrop
                || !(policy.action().equals("voicemail") || policy.action().equals("retry") && attempt < policy.maxAttempts())) {
            return new StepOutcome.Next(outcome, detail);
        }
        run.note(step, outcome, detail);
        if (policy.action().equals("retry") && attempt < policy.maxAttempts()) {
            String request = request(step, run, attempt + 1, policy.interval());
            return new StepOutcome.Await(request, "requested", "attempt " + (attempt + 1) + " in " + policy.interval() + ": " + request);
        }
        if (policy.action().equals("voicemail")) {
            String message = Template.parse("ifNoAnswer.message", policy.message()).render(run.templates());
            String request = calls.requestCall(run.workspace(), run.run(), attempt, VOICEMAIL_DROP,
                    new CallPlan.Voicemail(message, null, null), purpose(step), Duration.ZERO);
            return new StepOutcome.Await(request, "requested", "voicemail instead: " + request);
        }
        throw new IllegalStateException("ifNoAnswer " + policy.action() + " has nothing to ask for");
    }

    private String request(S step, RunContext run, int attempt, Duration delay) {
        return switch (step) {
            case Step.MakeCall call -> calls.requestCall(run.workspace(), run.run(), attempt, "call",
                    new CallPlan.Connect(call.agent() != null ? call.agent() : run.workspace().forwarding().number(),
                            Template.parse("whisper", call.whisper()).render(run.templates()), call.timeoutSeconds(), call.record()),
                    call.purpose(), delay);
            case Step.LeaveVoicemail drop -> calls.requestCall(run.workspace(), run.run(), attempt, "voicemail",
                    new CallPlan.Voicemail(drop.message() == null ? null
                            : Template.parse("message", drop.message()).render(run.templates()), drop.voice(), drop.audioUrl()),
                    drop.purpose(), delay);
            case Step.RunIvr ivr -> calls.requestCall(run.workspace(), run.run(), attempt, "ivr",
                    new CallPlan.Ivr(ivr.flow(), ivr.onMachine(), ivr.machineMessage() == null ? null
                            : Template.parse("machineMessage", ivr.machineMessage()).render(run.templates()),
                            run.run().trigger().data(), TemplateContext.contactRoot(run.contact())),
                    ivr.purpose(), delay);
            default -> throw new IllegalStateException(step.type() + " places no call");
        };
    }

    private static Step.NoAnswerPolicy policy(Step step) {
        return switch (step) {
            case Step.MakeCall call -> call.ifNoAnswer();
            case Step.LeaveVoicemail drop -> drop.ifNoAnswer();
            case Step.RunIvr ivr -> ivr.ifNoAnswer();
            default -> Step.NoAnswerPolicy.CONTINUE;
        };
    }

    private static String purpose(Step step) {
        return switch (step) {
            case Step.MakeCall call -> call.purpose();
            case Step.LeaveVoicemail drop -> drop.purpose();
            case Step.RunIvr ivr -> ivr.purpose();
            default -> "transactional";
        };
    }

    /** The keys an IVR call reported with its outcome, in order; none for other calls. */
    private static java.util.List<String> keysOf(DomainEvent event) {
        return event.data().get("keys") instanceof java.util.List<?> keys
                ? keys.stream().map(String::valueOf).toList() : java.util.List.of();
    }

    private static int attemptOf(DomainEvent event) {
        try {
            return Integer.parseInt(Optional.ofNullable(event.dataString("attempt")).orElse("1"));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
