package dev.autocall.domain.voice;

import dev.autocall.domain.voice.VoiceInstruction.Dial;
import dev.autocall.domain.voice.VoiceInstruction.Hangup;
import dev.autocall.domain.voice.VoiceInstruction.Play;
import dev.autocall.domain.voice.VoiceInstruction.Record;
import dev.autocall.domain.voice.VoiceInstruction.Say;
import dev.autocall.domain.workspace.Workspace;

import java.util.ArrayList;
import java.util.List;

/** What an inbound call to a workspace's number does, in no provider's terms: ring the forwarding line, take a voicemail. */
public final class InboundPlans {
    private InboundPlans() {
    }

    /**
     * Rings the forwarding number; the caller hears ringing until it answers. Its answer and the dial's end are
     * reported: an unanswered forward is a missed call.
     */
    public static List<VoiceInstruction> ringForwarding(Workspace workspace) {
        return List.of(new Dial(workspace.forwarding().number(), null, workspace.forwarding().ringSeconds(), false, null,
                Callback.of(Callback.Kind.FORWARD_ANSWERED), Callback.of(Callback.Kind.FORWARD_RESULT), true));
    }

    /** The greeting (spoken or played), then a recording after the beep; or a polite goodbye when voicemail is off. */
    public static List<VoiceInstruction> voicemail(Workspace workspace) {
        Workspace.Voicemail settings = workspace.voicemail();
        if (!settings.enabled()) {
            return List.of(say("Sorry, nobody at " + workspace.displayName()
                    + " can take your call right now. We will call you back. Goodbye."), new Hangup());
        }
        List<VoiceInstruction> plan = new ArrayList<>();
        plan.add(settings.audioUrl() != null && !settings.audioUrl().isBlank()
                ? new Play(settings.audioUrl())
                : say(settings.greetingText(workspace.displayName())));
        plan.add(new Record(settings.maxSeconds(), settings.transcribe(), Callback.of(Callback.Kind.VOICEMAIL_DONE),
                Callback.of(Callback.Kind.VOICEMAIL_STORED),
                settings.transcribe() ? Callback.of(Callback.Kind.VOICEMAIL_TRANSCRIBED) : null));
        plan.add(new Hangup());
        return List.copyOf(plan);
    }

    /** A call to a number no workspace owns. */
    public static List<VoiceInstruction> notInService() {
        return List.of(say("Sorry, this number is not in service."), new Hangup());
    }

    public static List<VoiceInstruction> hangup() {
        return List.of(new Hangup());
    }

    /** The answer to a callback that reports and asks for nothing (the call goes on as it was). */
    public static List<VoiceInstruction> nothing() {
        return List.of();
    }

    private static Say say(String text) {
        return new Say(text, null, null);
    }
}
