package dev.autocall.domain.outbound;

import dev.autocall.domain.voice.Callback;
import dev.autocall.domain.voice.VoiceInstruction.Hangup;
import dev.autocall.domain.voice.VoiceInstruction.Say;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OutboundPlansTest {
    private static final Map<String, Object> NONE = Map.of();

    @Test
    void anIvrCallAnsweredByAMachine_leavesTheMachineMessage_whenTheStepSaysSo() {
        assertEquals(List.of(new Say("Please call us back.", null, null), new Hangup()),
                OutboundPlans.answeredByMachine(new CallPlan.Ivr("reminder", "message", "Please call us back.", NONE, NONE)));
    }

    @Test
    void anIvrCallAnsweredByAMachine_hangsUp_byDefault() {
        assertEquals(List.of(new Hangup()), OutboundPlans.answeredByMachine(new CallPlan.Ivr("reminder", null, null, NONE, NONE)));
        assertEquals(List.of(new Hangup()), OutboundPlans.answeredByMachine(new CallPlan.Ivr("reminder", "message", " ", NONE, NONE)),
                "a blank message is not read out");
    }

    @Test
    void anIvrCall_hasNoPlanOfItsOwn_itsFlowRunsLive() {
        assertThrows(IllegalArgumentException.class, () -> OutboundPlans.answered(new CallPlan.Ivr("reminder", null, null, NONE, NONE),
                "+14155550131", "+14155550100", Callback.of(Callback.Kind.CONNECT_RESULT)));
    }
}
