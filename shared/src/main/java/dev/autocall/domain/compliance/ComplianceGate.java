package dev.autocall.domain.compliance;

import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.contact.ContactStore;
import dev.autocall.domain.outbound.CallRequest;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.domain.workspace.WorkspaceStore;
import dev.autocall.error.NotFoundException;
import dev.autocall.phone.PhoneNumbers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The compliance gate (docs/workflows.md): judges a call against the rules with the caps' current usage, and for a
 * real call request reserves the caps atomically when it passes.
 */
public final class ComplianceGate {
    private static final int ATTEMPTS = 3;
    private final WorkspaceStore workspaces;
    private final ContactStore contacts;
    private final CapStore caps;
    private final ComplianceRules rules;
    private final Clock clock;

    public ComplianceGate(WorkspaceStore workspaces, ContactStore contacts, CapStore caps, ComplianceRules rules, Clock clock) {
        this.workspaces = workspaces;
        this.contacts = contacts;
        this.caps = caps;
        this.rules = rules;
        this.clock = clock;
    }

    /** "Could I call this number at this time, and if not, why and when?" Reserves nothing. */
    public ComplianceDecision preflight(String workspaceId, String to, Optional<Instant> at, String purpose) {
        Workspace workspace = workspace(workspaceId);
        Instant when = at.orElseGet(clock::instant);
        return evaluate(workspace, to, contact(workspace, to), purpose, when,
                when.plus(Duration.ofDays(workspace.compliance().maxDeferralDays())));
    }

    /** Judges a call request now; on PASS its caps are reserved, exactly once however often it is asked. */
    public ComplianceDecision decide(CallRequest request) {
        Workspace workspace = workspace(request.workspaceId());
        ComplianceDecision decision = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            Optional<Contact> contact = contact(workspace, request.to());
            // A redelivered request that reserved its caps before is not judged against its own reservation.
            CapUsage usage = PhoneNumbers.isE164(request.to())
                    ? caps.usageFor(request.id(), workspace.id(), request.to(), now, rules.numberDayZone(request.to(), contact))
                    : CapUsage.NONE;
            decision = rules.evaluate(new CallCheck(workspace, request.to(), contact, request.purpose(), now, usage, request.deadline()));
            if (!(decision instanceof ComplianceDecision.Pass)) {
                return decision;
            }
            CapStore.Reservation reservation = caps.reserve(request.id(), workspace.id(), request.to(), now,
                    rules.numberDayZone(request.to(), contact), ComplianceRules.limits(workspace));
            if (!(reservation instanceof CapStore.Reservation.CapReached)) {
                return decision;
            }
            // Another request took the last slot between our read and our reservation: judge again.
        }
        return decision;
    }

    private ComplianceDecision evaluate(Workspace workspace, String to, Optional<Contact> contact, String purpose,
                                        Instant at, Instant deadline) {
        CapUsage usage = PhoneNumbers.isE164(to) ? caps.usage(workspace.id(), to, at, rules.numberDayZone(to, contact)) : CapUsage.NONE;
        return rules.evaluate(new CallCheck(workspace, to, contact, purpose == null ? "transactional" : purpose, at, usage, deadline));
    }

    private Optional<Contact> contact(Workspace workspace, String to) {
        return PhoneNumbers.isE164(to) ? contacts.find(workspace.id(), to) : Optional.empty();
    }

    private Workspace workspace(String workspaceId) {
        return workspaces.find(workspaceId).orElseThrow(() -> new NotFoundException("workspace " + workspaceId + " not found"));
    }
}
