package dev.autocall.domain.reporting;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The call log's filters: a time range ({@code from} inclusive, {@code to} exclusive, to the millisecond) and exact
 * matches on the row's fields; {@code test} picks test calls or live calls, never both.
 */
public record CallQuery(Optional<Instant> from, Optional<Instant> to, Optional<String> status, Optional<String> outcome,
                        Optional<String> direction, Optional<String> workflow, Optional<String> campaign,
                        Optional<String> flow, Optional<String> callerId, boolean test) {

    /** Live calls of any time. */
    public static final CallQuery ALL_LIVE = new CallQuery(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);

    public boolean matches(CallRow row) {
        long at = row.at().toEpochMilli();
        return from.map(f -> at >= f.toEpochMilli()).orElse(true)
                && to.map(t -> at < t.toEpochMilli()).orElse(true)
                && same(status, row.status()) && same(outcome, row.outcome()) && same(direction, row.direction())
                && same(workflow, row.workflow()) && same(campaign, row.campaign()) && same(flow, row.flow())
                && same(callerId, row.callerId()) && row.test() == test;
    }

    /** The filters in one string, so that a cursor can tell whether it is used with the filters it was made for. */
    public String key() {
        return String.join("\u001f", from.map(i -> Long.toString(i.toEpochMilli())).orElse(""),
                to.map(i -> Long.toString(i.toEpochMilli())).orElse(""), status.orElse(""), outcome.orElse(""),
                direction.orElse(""), workflow.orElse(""), campaign.orElse(""), flow.orElse(""), callerId.orElse(""),
                Boolean.toString(test));
    }

    private static boolean same(Optional<String> wanted, String actual) {
        return wanted.map(w -> Objects.equals(w, actual)).orElse(true);
    }
}
