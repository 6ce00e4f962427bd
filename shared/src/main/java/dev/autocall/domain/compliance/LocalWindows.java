package dev.autocall.domain.compliance;

import dev.autocall.domain.contact.Contact;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A window in the callee's local time, for rules on top of the gate (a campaign's hours and days): the same zones
 * and the same "open in every zone at once" rule as the gate's calling window.
 */
public final class LocalWindows {
    private static final CalleeZones ZONES = new CalleeZones();
    private static final Duration HORIZON = Duration.ofDays(14);

    private LocalWindows() {
    }

    /**
     * The earliest instant at or after {@code from} when the window is open for the callee (within 14 days); empty when
     * it never is, or the callee's zone is unknown.
     */
    public static Optional<Instant> nextOpening(CallingWindow window, String e164, String contactZone, Instant from) {
        List<ZoneId> zones = ZONES.zonesFor(e164, Optional.ofNullable(contactZone).map(LocalWindows::zoneOnly));
        return CommonOpenings.firstAtOrAfter(window, zones, from, HORIZON);
    }

    private static Contact zoneOnly(String zone) {
        return new Contact(null, null, null, List.of(), zone, null, null, null, null, null, null);
    }
}
