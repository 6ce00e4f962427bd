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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The compliance gate (SPEC §2.5): judges a call against the rules with the caps' current usage, and for a
 * real call request reserves the caps atomically when it passes.
 */
public final class ComplianceGate {
    private static final int ATTEMPTS = 3;
    private final WorkspaceStore workspaces;
    private final ContactStore contacts;
    private final CapStore caps;
    private final Function<CallCheck, ComplianceDecision> rules;
    private final BiFunction<String, Optional<Contact>, List<ZoneId>> zones;
    private final Clock clock;

    public ComplianceGate(WorkspaceStore workspaces, ContactStore contacts, CapStore caps,
                          Function<CallCheck, ComplianceDecision> rules,
                          BiFunction<String, Optional<Contact>, List<ZoneId>> zones, Clock clock) {
        this.workspaces = workspaces;
        this.contacts = contacts;
        this.caps = caps;
        this.rules = rules;
        this.zones = zones;
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
            decision = evaluate(workspace, request.to(), contact, request.purpose(), now, request.deadline());
            if (!(decision instanceof ComplianceDecision.Pass)) {
                return decision;
            }
            Workspace.Caps limits = workspace.compliance().caps();
            CapStore.Reservation reservation = caps.reserve(request.id(), workspace.id(), request.to(), now, zone(request.to(), contact),
                    new CapStore.Limits(limits.perMinute(), limits.perDay(), limits.perNumberPerDay(), limits.perNumberPer14Days()));
            if (!(reservation instanceof CapStore.Reservation.CapReached)) {
                return decision;
            }
            // Another request took the last slot between our read and our reservation: judge again.
        }
        return decision;
    }

    private ComplianceDecision evaluate(Workspace workspace, String to, Optional<Contact> contact, String purpose,
                                        Instant at, Instant deadline) {
        CapUsage usage = PhoneNumbers.isE164(to) ? caps.usage(workspace.id(), to, at, zone(to, contact)) : CapUsage.NONE;
        return rules.apply(new CallCheck(workspace, to, contact, purpose == null ? "transactional" : purpose, at, usage, deadline));
    }

    private Optional<Contact> contact(Workspace workspace, String to) {
        return PhoneNumbers.isE164(to) ? contacts.find(workspace.id(), to) : Optional.empty();
    }

    private ZoneId zone(String to, Optional<Contact> contact) {
        return zones.apply(to, contact).stream().findFirst().orElse(ZoneOffset.UTC);
    }

    private Workspace workspace(String workspaceId) {
        return workspaces.find(workspaceId).orElseThrow(() -> new NotFoundException("workspace " + workspaceId + " not found"));
    }
}
