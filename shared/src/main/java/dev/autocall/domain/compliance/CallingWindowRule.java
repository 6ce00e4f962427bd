package dev.autocall.domain.compliance;

import java.time.Instant;
import java.util.Optional;

/**
 * Calls start only inside the workspace's window in the callee's local time, in every zone the callee may be in,
 * narrowed by the state's rules for marketing calls.
 *
 * <p>When no instant in the search horizon suits every zone (the local time is unknown, or the zones are too far
 * apart, as for toll-free numbers that map to every NANP zone) the rule fails: waiting would not help, and calling
 * at a guessed hour is what the rule exists to prevent. A contact's time zone settles it.
 */
final class CallingWindowRule implements ComplianceRule {
    private final CalleeZones zones;
    private final StateRules states;

    CallingWindowRule(CalleeZones zones, StateRules states) {
        this.zones = zones;
        this.states = states;
    }

    @Override
    public Optional<ComplianceDecision> check(CallCheck check) {
        Optional<Instant> opening = CommonOpenings.firstAtOrAfter(windowFor(check), zones.zonesFor(check.to(), check.contact()),
                check.at(), ComplianceDefaults.WINDOW_SEARCH_HORIZON);
        if (opening.isEmpty()) {
            return Optional.of(new ComplianceDecision.Fail(ComplianceReason.OUTSIDE_WINDOW));
        }
        return opening.get().equals(check.at()) ? Optional.empty()
                : Optional.of(new ComplianceDecision.Defer(ComplianceReason.OUTSIDE_WINDOW, opening.get()));
    }

    private CallingWindow windowFor(CallCheck check) {
        CallingWindow workspace = CallingWindow.of(check.workspace().compliance().window());
        if (!ComplianceDefaults.MARKETING.equals(check.purpose())) {
            return workspace;
        }
        return states.marketingWindowFor(check.to()).map(workspace::narrowedBy).orElse(workspace);
    }
}
