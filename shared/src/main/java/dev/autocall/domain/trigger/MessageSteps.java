package dev.autocall.domain.trigger;

import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.messaging.OutboundSms;
import dev.autocall.domain.messaging.SmsRejectedException;
import dev.autocall.domain.workflow.Step;
import dev.autocall.domain.workflow.Template;
import dev.autocall.domain.workspace.Workspace;

import java.util.Optional;

/** sendSms (to the contact, on its thread) and notify (to the workspace's admin number). Neither may run twice. */
final class MessageSteps {
    private MessageSteps() {
    }

    static final class SendSms implements StepExecutor<Step.SendSms> {
        private final Messenger messenger;

        SendSms(Messenger messenger) {
            this.messenger = messenger;
        }

        @Override
        public boolean repeatable() {
            return false;
        }

        @Override
        public StepOutcome run(Step.SendSms step, RunContext run) {
            if (run.contact().smsOptedOut()) {
                return new StepOutcome.Next("skipped", "contact opted out of SMS");
            }
            if (run.contact().dnd().sms()) {
                return new StepOutcome.Next("skipped", "contact has do-not-disturb set for SMS");
            }
            Optional<String> from = senderNumber(run.run().trigger(), run.workspace());
            if (from.isEmpty()) {
                return new StepOutcome.Next("failed", "the workspace has no number to send from");
            }
            try {
                String sid = messenger.sendToContact(run.workspace().id(), new OutboundSms(from.get(), run.contact().phone(),
                        Template.parse("body", step.body()).render(run.templates())));
                return new StepOutcome.Next("done", "sent " + sid);
            } catch (SmsRejectedException e) {
                return new StepOutcome.Next("failed", "provider refused the message (" + e.providerCode() + "): " + e.getMessage());
            }
        }
    }

    static final class Notify implements StepExecutor<Step.Notify> {
        private final Messenger messenger;

        Notify(Messenger messenger) {
            this.messenger = messenger;
        }

        @Override
        public boolean repeatable() {
            return false;
        }

        @Override
        public StepOutcome run(Step.Notify step, RunContext run) {
            Workspace workspace = run.workspace();
            if (workspace.adminNumber() == null) {
                return new StepOutcome.Next("skipped", "the workspace has no adminNumber to notify");
            }
            Optional<String> from = senderNumber(run.run().trigger(), workspace);
            if (from.isEmpty()) {
                return new StepOutcome.Next("failed", "the workspace has no number to send from");
            }
            try {
                String sid = messenger.sendToStaff(new OutboundSms(from.get(), workspace.adminNumber(),
                        Template.parse("body", step.body()).render(run.templates())));
                return new StepOutcome.Next("done", "notified admin, " + sid);
            } catch (SmsRejectedException e) {
                return new StepOutcome.Next("failed", "provider refused the notification (" + e.providerCode() + "): " + e.getMessage());
            }
        }
    }

    /** Reply from the number the customer used; otherwise the workspace's first number. */
    private static Optional<String> senderNumber(DomainEvent event, Workspace workspace) {
        if (event.businessNumber() != null && workspace.numbers().contains(event.businessNumber())) {
            return Optional.of(event.businessNumber());
        }
        return workspace.numbers().stream().findFirst();
    }
}
