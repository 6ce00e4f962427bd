package dev.autocall.adapters.twilio;

import com.twilio.twiml.MessagingResponse;
import dev.autocall.domain.ivr.FlowInput;
import dev.autocall.domain.ivr.NodeType;
import dev.autocall.domain.outbound.CallOutcome;
import dev.autocall.domain.outbound.CallPlan;
import dev.autocall.domain.voice.Callback;
import dev.autocall.domain.voice.VoiceInstruction;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Twilio voice adapter: everything the product says to Twilio about calls and reads back from it. The domain
 * hands it provider-neutral instructions and gets neutral facts back (outcomes, keys, a dial's result), so the TwiML,
 * the callback URL layout, the machine-detection settings and Twilio's status words live here and nowhere else.
 */
public final class TwilioVoice {
    /** AnsweredBy values meaning a machine took the call (Enable reports machine_start, DetectMessageEnd the end kinds). */
    private static final Set<String> MACHINE = Set.of("machine_start", "machine_end_beep", "machine_end_silence",
            "machine_end_other", "fax");
    private static final Set<String> FINAL = Set.of("completed", "busy", "no-answer", "canceled", "failed");
    private static final Set<String> CONNECTED = Set.of("completed", "answered");

    private TwilioVoice() {
    }

    /** The instructions as a TwiML document; callbacks become absolute URLs under {@code baseUrl}. */
    public static String twiml(String baseUrl, List<VoiceInstruction> instructions) {
        return new TwimlRenderer(baseUrl).render(instructions);
    }

    /** Where Twilio reports a callback: {@code baseUrl} + the kind's path + its parameters as a query string. */
    public static String url(String baseUrl, Callback callback) {
        return TwilioCallbacks.url(baseUrl, callback);
    }

    /** The answer to an SMS webhook that replies nothing. */
    public static String emptyMessaging() {
        return new MessagingResponse.Builder().build().toXml();
    }

    /**
     * How a call ended, from its final CallStatus and, when machine detection ran, its AnsweredBy; empty while the call
     * is still going (queued, ringing, in-progress) or for a status Twilio does not send.
     */
    public static Optional<CallOutcome> outcome(String callStatus, String answeredBy) {
        return Optional.ofNullable(switch (callStatus == null ? "" : callStatus) {
            case "completed" -> answeredByMachine(answeredBy) ? CallOutcome.VOICEMAIL : CallOutcome.COMPLETED;
            case "busy" -> CallOutcome.BUSY;
            case "no-answer" -> CallOutcome.NO_ANSWER;
            case "canceled", "failed" -> CallOutcome.FAILED;
            default -> null;
        });
    }

    /** Whether the call has ended: its status will not change again. */
    public static boolean isFinal(String callStatus) {
        return callStatus != null && FINAL.contains(callStatus);
    }

    /** How a {@code <Dial>} ended, from its DialCallStatus; empty for a status Twilio does not send there. */
    public static Optional<CallOutcome> dialOutcome(String dialCallStatus) {
        if (connected(dialCallStatus)) {
            return Optional.of(CallOutcome.COMPLETED);
        }
        return outcome(dialCallStatus, null);
    }

    /** Whether a {@code <Dial>}'s called party answered, from its DialCallStatus. */
    public static boolean connected(String dialCallStatus) {
        return dialCallStatus != null && CONNECTED.contains(dialCallStatus);
    }

    /** Whether answering-machine detection found a machine (or a fax) rather than a person. */
    public static boolean answeredByMachine(String answeredBy) {
        return answeredBy != null && MACHINE.contains(answeredBy);
    }

    /**
     * What Twilio reports when it comes back to an IVR call: the dial's end (DialCallStatus), the recording's end
     * (RecordingUrl), the keys of a gather (Digits, empty when none were pressed), the caller's hang-up (a final
     * CallStatus with none of those), or else the redirect that asks for the next turn.
     */
    public static FlowInput flowInput(Map<String, String> params) {
        String dialStatus = params.get("DialCallStatus");
        if (dialStatus != null) {
            return new FlowInput.Dialed(connected(dialStatus), dialStatus);
        }
        String recording = params.get("RecordingUrl");
        if (recording != null) {
            return new FlowInput.Recorded(recording, seconds(params.get("RecordingDuration")));
        }
        String digits = params.get("Digits");
        if (digits != null) {
            return new FlowInput.Keys(digits);
        }
        return isFinal(params.get("CallStatus")) ? new FlowInput.CallerHungUp() : new FlowInput.Continue();
    }

    /**
     * The same, when the call is known to wait at a node of type {@code waitingAt}: a gather's action told of no input
     * is a gather with no keys, whether or not Twilio sends an empty Digits; a fetch's redirect is the go-ahead.
     */
    public static FlowInput flowInput(Map<String, String> params, NodeType waitingAt) {
        FlowInput input = flowInput(params);
        if (input instanceof FlowInput.CallerHungUp) {
            return input;
        }
        return switch (waitingAt) {
            case GATHER -> input instanceof FlowInput.Keys ? input : new FlowInput.Keys("");
            case FETCH -> new FlowInput.Continue();
            default -> input;
        };
    }

    /**
     * The answering-machine detection a call is placed with: a voicemail drop waits for the end of the greeting to
     * speak after the beep, an IVR call that leaves a machine message does too, any other IVR call only needs to
     * know a machine from a person; a makeCall rings the agent, who is a person.
     */
    public static Optional<String> machineDetection(CallPlan plan) {
        return switch (plan) {
            case CallPlan.Voicemail voicemail -> Optional.of("DetectMessageEnd");
            case CallPlan.Ivr ivr -> Optional.of(ivr.leavesMessage() ? "DetectMessageEnd" : "Enable");
            case CallPlan.Connect connect -> Optional.empty();
        };
    }

    private static int seconds(String value) {
        try {
            return value == null ? 0 : Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
