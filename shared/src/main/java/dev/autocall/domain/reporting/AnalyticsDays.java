package dev.autocall.domain.reporting;

import java.time.LocalDate;
import java.util.List;

/** Port: the counters as kept, read one dimension's local days at a time. */
public interface AnalyticsDays {
    /** The days of {@code from}..{@code to} (both inclusive) that have counters, in order; days without calls are absent. */
    List<DayCounts> days(String workspaceId, Dimension dimension, LocalDate from, LocalDate to);
}
