package dev.autocall.domain.compliance;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The compliance policy a workspace gets when it says nothing (docs/api.md, the workspace), in one place a reviewer can check. */
public final class ComplianceDefaults {
    public static final String WINDOW = "strict";
    public static final List<String> ALLOWED_COUNTRIES = List.of("US");
    public static final CapStore.Limits CAPS = new CapStore.Limits(1, 100, 1, 4);
    public static final int MAX_DEFERRAL_DAYS = 7;
    public static final String PURPOSE = "transactional";
    public static final String MARKETING = "marketing";

    /** The named window profiles; each is read in the callee's local time. */
    public static final Map<String, CallingWindow> PROFILES = Map.of(
            "strict", hours("10:00", "18:00"),
            "tcpa", hours("08:00", "21:00"),
            "trai", hours("09:00", "21:00"));

    /** The rolling period of the per-number cap: a call made exactly this long ago no longer counts. */
    public static final Duration NUMBER_CAP_PERIOD = Duration.ofDays(14);

    /** Windows repeat weekly, so a week and a day sees every opening there will be (DST aside). */
    public static final Duration WINDOW_SEARCH_HORIZON = Duration.ofDays(8);

    private ComplianceDefaults() {
    }

    private static CallingWindow hours(String start, String end) {
        return new CallingWindow(LocalTime.parse(start), LocalTime.parse(end), Set.of());
    }
}
