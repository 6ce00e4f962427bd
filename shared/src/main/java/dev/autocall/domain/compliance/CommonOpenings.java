package dev.autocall.domain.compliance;

import dev.autocall.domain.compliance.CallingWindow.Opening;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds when a window is open in every one of the callee's zones at once, since a call must suit all of them. */
final class CommonOpenings {

    private CommonOpenings() {
    }

    /**
     * The earliest instant at or after {@code from}, and no later than {@code from + horizon}, that lies inside the
     * window in every zone; empty when there is none (no zone known, a window that never opens, or zones too far
     * apart to share an hour).
     */
    static Optional<Instant> firstAtOrAfter(CallingWindow window, List<ZoneId> zones, Instant from, Duration horizon) {
        if (zones.isEmpty()) {
            return Optional.empty();
        }
        Instant until = from.plus(horizon);
        List<Opening> common = null;
        for (ZoneId zone : zones) {
            // From the day before, so that a window still open from the previous local day is seen.
            List<Opening> inZone = window.openings(zone, from.atZone(zone).toLocalDate().minusDays(1),
                    until.atZone(zone).toLocalDate());
            common = common == null ? inZone : intersect(common, inZone);
        }
        return common.stream()
                .filter(opening -> opening.until().isAfter(from))
                .findFirst()
                .map(opening -> opening.from().isAfter(from) ? opening.from() : from)
                .filter(instant -> !instant.isAfter(until));
    }

    /** The stretches inside both lists; each list is in time order and its stretches do not overlap. */
    private static List<Opening> intersect(List<Opening> a, List<Opening> b) {
        List<Opening> both = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            Opening x = a.get(i);
            Opening y = b.get(j);
            Instant start = x.from().isAfter(y.from()) ? x.from() : y.from();
            Instant end = x.until().isBefore(y.until()) ? x.until() : y.until();
            if (start.isBefore(end)) {
                both.add(new Opening(start, end));
            }
            if (x.until().isBefore(y.until())) {
                i++;
            } else {
                j++;
            }
        }
        return both;
    }
}
