package dev.autocall.testing;

import dev.autocall.domain.workspace.Workspace;

import java.util.List;

/** A business as the tests use it: Acme Plumbing, one number, a forwarding number, voicemail on. */
public final class SampleWorkspaces {
    public static final String WORKSPACE_ID = "ws_acme";
    public static final String BUSINESS_NUMBER = "+14155550100";
    public static final String FORWARDING_NUMBER = "+14155550111";
    public static final String ADMIN_NUMBER = "+14155550199";
    public static final String CALLER = "+14155550123";

    private SampleWorkspaces() {
    }

    public static Workspace acme() {
        return new Workspace(WORKSPACE_ID, "Acme Plumbing", List.of(BUSINESS_NUMBER),
                new Workspace.Forwarding(FORWARDING_NUMBER, 20),
                new Workspace.Voicemail(true, "Sorry we missed you, leave a message.", null, 120, false),
                false, 1, null, ADMIN_NUMBER, null, null);
    }

    public static Workspace acme(Workspace.Voicemail voicemail) {
        Workspace w = acme();
        return new Workspace(w.id(), w.name(), w.numbers(), w.forwarding(), voicemail, w.outboundEnabled(),
                w.callsPerSecond(), w.webhookUrl(), w.adminNumber(), w.helpText(), w.compliance());
    }

    public static Workspace acmeWithHelpText(String helpText) {
        Workspace w = acme();
        return new Workspace(w.id(), w.name(), w.numbers(), w.forwarding(), w.voicemail(), w.outboundEnabled(),
                w.callsPerSecond(), w.webhookUrl(), w.adminNumber(), helpText, w.compliance());
    }
}
