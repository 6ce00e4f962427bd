package dev.autocall.domain.outbound;

import dev.autocall.domain.voice.Callback;
import dev.autocall.domain.voice.VoiceInstruction;
import dev.autocall.domain.voice.VoiceInstruction.Dial;
import dev.autocall.domain.voice.VoiceInstruction.Hangup;
import dev.autocall.domain.voice.VoiceInstruction.Play;
import dev.autocall.domain.voice.VoiceInstruction.Say;

import java.util.ArrayList;
import java.util.List;

/** What a placed call does once answered, in no provider's terms. */
public final class OutboundPlans {
    private OutboundPlans() {
    }

    /**
     * A makeCall whispers to the agent, then dials the customer from the caller ID and reports the customer leg's
     * result; a voicemail drop speaks or plays its message (after the beep, when machine detection waits for the
     * end of the greeting). An IVR call's instructions come from its flow.
     *
     * @param customer         the number a makeCall connects the agent to
     * @param customerCallerId the number the customer sees
     * @param connectResult    where the customer leg's result is reported
     */
    public static List<VoiceInstruction> answered(CallPlan plan, String customer, String customerCallerId, Callback connectResult) {
        List<VoiceInstruction> instructions = new ArrayList<>();
        switch (plan) {
            case CallPlan.Connect connect -> {
                if (connect.whisper() != null && !connect.whisper().isBlank()) {
                    instructions.add(new Say(connect.whisper(), null, null));
                }
                instructions.add(new Dial(customer, customerCallerId, connect.timeoutSeconds(), connect.record(), null, null,
                        connectResult));
            }
            case CallPlan.Voicemail voicemail -> instructions.add(voicemail.audioUrl() != null && !voicemail.audioUrl().isBlank()
                    ? new Play(voicemail.audioUrl())
                    : new Say(voicemail.message(), voicemail.voice(), null));
            case CallPlan.Ivr ivr -> throw new IllegalArgumentException("an IVR call's instructions come from its flow, not its plan");
        }
        instructions.add(new Hangup());
        return List.copyOf(instructions);
    }

    /**
     * An IVR call a machine answered: the machine message after the beep when the step leaves one, else nothing
     * (a flow's menu is not played to a mailbox).
     */
    public static List<VoiceInstruction> answeredByMachine(CallPlan.Ivr ivr) {
        return ivr.leavesMessage() && ivr.machineMessage() != null && !ivr.machineMessage().isBlank()
                ? List.of(new Say(ivr.machineMessage(), null, null), new Hangup())
                : List.of(new Hangup());
    }
}
