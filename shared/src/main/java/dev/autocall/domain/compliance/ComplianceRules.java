package dev.autocall.domain.compliance;

import dev.autocall.domain.compliance.ComplianceDecision.Defer;
import dev.autocall.domain.compliance.ComplianceDecision.Fail;
import dev.autocall.domain.compliance.ComplianceDecision.Pass;
import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.workspace.Workspace;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The compliance gate (docs/workflows.md): the rules in their order, the first failure deciding, and for a deferral the
 * earliest instant at which every rule that can clear by waiting is clear. It reads and reserves nothing: callers
 * pass the cap usage in, so preflight and the dialer judge alike.
 */
public final class ComplianceRules {
    /** Each round moves strictly later; a handful settles any real policy, and the retry re-checks anyway. */
    private static final int MAX_SETTLING_ROUNDS = 16;

    private final CalleeZones zones;
    private final List<ComplianceRule> rules;

    public ComplianceRules() {
        this(StateRules.bundled());
    }

    public ComplianceRules(StateRules states) {
        this.zones = new CalleeZones();
        this.rules = List.of(
                new OutboundEnabledRule(),
                new ValidNumberRule(),
                new CountryAllowedRule(),
                new ConsentRule(),
                new DndRule(),
                new OptOutRule(),
                new CallingWindowRule(zones, states),
                new RateLimitRule(),
                new WorkspaceDailyCapRule(),
                new NumberDailyCapRule(zones),
                new NumberWindowCapRule());
    }

    public ComplianceDecision evaluate(CallCheck check) {
        Objects.requireNonNull(check.deadline(), "a call check needs a deadline (at + maxDeferralDays by default)");
        ComplianceDecision decision = firstObjection(check)
                .map(objection -> objection instanceof Defer defer ? settle(check, defer) : objection)
                .orElseGet(Pass::new);
        return expiredPastDeadline(check, decision);
    }

    /** The callee's zones: the contact's time zone if set, else the number's; empty when unknown. */
    public List<ZoneId> zonesFor(String e164, Optional<Contact> contact) {
        return zones.zonesFor(e164, contact);
    }

    /** The zone whose calendar day the per-number daily cap counts in: the first of {@link #zonesFor}, else UTC. */
    public ZoneId numberDayZone(String e164, Optional<Contact> contact) {
        return zones.dayZone(e164, contact);
    }

    /** The workspace's caps in the form the cap store reserves against. */
    public static CapStore.Limits limits(Workspace workspace) {
        Workspace.Caps caps = workspace.compliance().caps();
        return new CapStore.Limits(caps.perMinute(), caps.perDay(), caps.perNumberPerDay(), caps.perNumberPer14Days());
    }

    private Optional<ComplianceDecision> firstObjection(CallCheck check) {
        return rules.stream().map(rule -> rule.check(check)).flatMap(Optional::stream).findFirst();
    }

    /**
     * Keeps the first deferral's reason and moves its time on until no rule defers: take the latest instant any
     * rule defers to, judge every rule again there with the usage as it will then be, and repeat.
     */
    private Defer settle(CallCheck check, Defer first) {
        ZoneId dayZone = zones.dayZone(check.to(), check.contact());
        Instant candidate = check.at();
        for (int round = 0; round < MAX_SETTLING_ROUNDS; round++) {
            Optional<Instant> later = latestDeferral(checkAt(check, candidate, dayZone));
            if (later.isEmpty()) {
                return new Defer(first.reason(), candidate);
            }
            candidate = later.get();
        }
        return new Defer(first.reason(), candidate);
    }

    /** Only deferrals count here: a rule that fails later is judged again when the deferred request comes back. */
    private Optional<Instant> latestDeferral(CallCheck check) {
        return rules.stream()
                .map(rule -> rule.check(check))
                .flatMap(Optional::stream)
                .filter(Defer.class::isInstance)
                .map(decision -> ((Defer) decision).nextAllowedAt())
                .max(Instant::compareTo);
    }

    private static CallCheck checkAt(CallCheck check, Instant at, ZoneId dayZone) {
        return new CallCheck(check.workspace(), check.to(), check.contact(), check.purpose(), at,
                UsageProjection.at(check.usage(), check.at(), at, dayZone), check.deadline());
    }

    private static ComplianceDecision expiredPastDeadline(CallCheck check, ComplianceDecision decision) {
        boolean late = switch (decision) {
            case Fail fail -> false;
            case Pass pass -> check.at().isAfter(check.deadline());
            case Defer defer -> defer.nextAllowedAt().isAfter(check.deadline());
        };
        return late ? new Fail(ComplianceReason.EXPIRED) : decision;
    }
}
