package dev.autocall.local.ports;

import dev.autocall.adapters.dynamodb.DynamoCallRows;
import dev.autocall.domain.reporting.CallLogCursor;
import dev.autocall.domain.reporting.CallQuery;
import dev.autocall.domain.reporting.CallRow;
import dev.autocall.domain.reporting.CallRows;
import dev.autocall.error.InvalidInputException;
import dev.autocall.local.TemplateTables;
import dev.autocall.testing.Fuzz;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The call log's DynamoDB adapter on DynamoDB Local with the table as template.yaml defines it: generated rows of two
 * workspaces, every filter and random combinations of them checked against the same filter applied in memory, and
 * pages of random sizes that put together are exactly the whole list, newest first.
 */
class DynamoCallRowsTest {
    private static final String WS = "ws_a";
    private static final String OTHER = "ws_b";
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final List<String> STATUSES = List.of("queued", "deferred", "in_progress", "completed", "failed");
    private static final List<String> OUTCOMES = List.of("completed", "voicemail", "no_answer", "busy", "confirmed");
    private static final List<String> WORKFLOWS = List.of("wf-1", "wf-2");
    private static final List<String> CAMPAIGNS = List.of("camp-1", "camp-2");
    private static final List<String> FLOWS = List.of("menu", "survey");
    private static final List<String> CALLER_IDS = List.of("+14155550100", "+14155550101");

    private static TemplateTables tables;
    private static CallRows rows;
    private static final List<CallRow> MINE = new ArrayList<>();
    private static final List<CallRow> THEIRS = new ArrayList<>();
    /** The other workspace's rows, by id: its ids repeat, so a row is what all its writes merged into. */
    private static final java.util.Map<String, CallRow> THEIRS_BY_ID = new java.util.LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        tables = TemplateTables.start("CallLogTable");
        rows = new DynamoCallRows(tables.client(), "CallLogTable");
        Fuzz fuzz = new Fuzz(Fuzz.baseSeed());
        for (int i = 0; i < 400; i++) {
            boolean mine = fuzz.chance(0.7);
            // Ids shared by both workspaces: a row of one is never the other's.
            CallRow row = row(fuzz, "row-" + (mine ? i : i % 50));
            if (mine) {
                MINE.add(rows.record(WS, row));
            } else {
                THEIRS_BY_ID.put(row.id(), rows.record(OTHER, row));
            }
        }
        THEIRS.addAll(THEIRS_BY_ID.values());
    }

    @AfterAll
    static void stop() throws Exception {
        if (tables != null) {
            tables.close();
        }
    }

    private static CallRow row(Fuzz fuzz, String id) {
        // A few rows share a millisecond: the id orders them.
        Instant at = T0.plusMillis(fuzz.chance(0.1) ? 5_000 : fuzz.longBetween(0, 10L * 24 * 3600 * 1000));
        boolean outbound = fuzz.bool();
        return new CallRow(id, fuzz.orNull(0.3, () -> "CA" + fuzz.string(Fuzz.ALPHANUMERIC, 8, 8)), at,
                outbound ? CallRow.OUTBOUND : CallRow.INBOUND, "+1415555" + fuzz.string(Fuzz.DIGITS, 4, 4),
                fuzz.orNull(0.5, () -> fuzz.pick("Ada Lovelace", "Zoë, \"the\" boss", "line\nbreak", "=SUM(A1)")),
                pickOrNull(fuzz, WORKFLOWS), pickOrNull(fuzz, CAMPAIGNS), pickOrNull(fuzz, FLOWS),
                fuzz.pick(STATUSES), pickOrNull(fuzz, OUTCOMES), fuzz.orNull(0.8, () -> "OUTSIDE_WINDOW"),
                fuzz.orNull(0.5, () -> fuzz.intBetween(0, 3600)), fuzz.orNull(0.8, () -> "https://rec/" + id),
                fuzz.orNull(0.7, () -> "menu=" + fuzz.intBetween(0, 9)), pickOrNull(fuzz, CALLER_IDS),
                outbound ? fuzz.intBetween(1, 3) : null, fuzz.chance(0.2));
    }

    private static String pickOrNull(Fuzz fuzz, List<String> choices) {
        return fuzz.orNull(0.4, () -> fuzz.pick(choices));
    }

    private static Optional<String> maybe(Fuzz fuzz, Supplier<String> value) {
        return fuzz.chance(0.3) ? Optional.of(value.get()) : Optional.empty();
    }

    private static CallQuery query(Fuzz fuzz) {
        Optional<Instant> from = fuzz.chance(0.4) ? Optional.of(T0.plusMillis(fuzz.longBetween(0, 6L * 24 * 3600 * 1000))) : Optional.empty();
        Optional<Instant> to = fuzz.chance(0.4)
                ? Optional.of(from.orElse(T0).plusMillis(fuzz.longBetween(0, 6L * 24 * 3600 * 1000))) : Optional.empty();
        return new CallQuery(from, to, maybe(fuzz, () -> fuzz.pick(STATUSES)), maybe(fuzz, () -> fuzz.pick(OUTCOMES)),
                maybe(fuzz, () -> fuzz.pick(CallRow.INBOUND, CallRow.OUTBOUND)), maybe(fuzz, () -> fuzz.pick(WORKFLOWS)),
                maybe(fuzz, () -> fuzz.pick(CAMPAIGNS)), maybe(fuzz, () -> fuzz.pick(FLOWS)),
                maybe(fuzz, () -> fuzz.pick(CALLER_IDS)), fuzz.chance(0.3));
    }

    private static List<CallRow> expected(List<CallRow> all, CallQuery query) {
        return all.stream().filter(query::matches)
                .sorted(Comparator.comparing((CallRow r) -> CallLogCursor.sortKey(r.at(), r.id())).reversed()).toList();
    }

    private static List<CallRow> allPages(String ws, CallQuery query, Supplier<Integer> limit) {
        List<CallRow> found = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            CallRows.Page page = rows.query(ws, query, limit.get(), cursor);
            found.addAll(page.rows());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return found;
    }

    @Test
    void query_should_answerEveryFilterAndCombination_exactlyAsTheSameFilterInMemory() {
        Fuzz.forAll(60, DynamoCallRowsTest::query, query -> {
            assertEquals(expected(MINE, query), rows.query(WS, query, 500, Optional.empty()).rows(), query.toString());
            assertEquals(expected(THEIRS, query), rows.query(OTHER, query, 500, Optional.empty()).rows(), query.toString());
        });
    }

    @Test
    void eachFilterAlone_should_matchTheInMemoryFilter() {
        List<CallQuery> single = new ArrayList<>();
        CallQuery all = CallQuery.ALL_LIVE;
        single.add(all);
        single.add(new CallQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), true));
        single.add(new CallQuery(Optional.of(T0.plusSeconds(3 * 86400)), Optional.of(T0.plusSeconds(5 * 86400)), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false));
        STATUSES.forEach(s -> single.add(new CallQuery(Optional.empty(), Optional.empty(), Optional.of(s), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false)));
        OUTCOMES.forEach(o -> single.add(new CallQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(o),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false)));
        single.add(new CallQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("inbound"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false));
        single.add(new CallQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("wf-1"), Optional.empty(), Optional.empty(), Optional.empty(), false));
        single.add(new CallQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("camp-2"), Optional.empty(), Optional.empty(), false));
        single.add(new CallQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of("menu"), Optional.empty(), false));
        single.add(new CallQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("+14155550101"), false));
        Fuzz.forEach(single, query -> {
            List<CallRow> expected = expected(MINE, query);
            assertTrue(query.equals(CallQuery.ALL_LIVE) ? expected.size() > 100 : true);
            assertEquals(expected, rows.query(WS, query, 500, Optional.empty()).rows());
        });
    }

    @Test
    void pagesOfRandomSizes_should_putTogetherTheWholeListNewestFirst_andNeverTheOtherWorkspacesRows() {
        Fuzz.forAll(25, fuzz -> fuzz, fuzz -> {
            CallQuery query = fuzz.chance(0.5) ? CallQuery.ALL_LIVE : query(fuzz);
            int max = fuzz.intBetween(1, 60);
            assertEquals(expected(MINE, query), allPages(WS, query, () -> fuzz.intBetween(1, max)), query.toString());
        });
    }

    @Test
    void aCursor_should_beRefused_byAnotherWorkspace_andWithOtherFilters() {
        String cursor = rows.query(WS, CallQuery.ALL_LIVE, 1, Optional.empty()).nextCursor().orElseThrow();
        CallQuery other = new CallQuery(Optional.empty(), Optional.empty(), Optional.of("completed"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);

        InvalidInputException theirs = assertThrows(InvalidInputException.class,
                () -> rows.query(OTHER, CallQuery.ALL_LIVE, 10, Optional.of(cursor)));
        InvalidInputException filters = assertThrows(InvalidInputException.class,
                () -> rows.query(WS, other, 10, Optional.of(cursor)));
        InvalidInputException garbage = assertThrows(InvalidInputException.class,
                () -> rows.query(WS, CallQuery.ALL_LIVE, 10, Optional.of("not-a-cursor")));

        assertEquals(Optional.of("cursor"), theirs.field());
        assertEquals(Optional.of("cursor"), filters.field());
        assertEquals(Optional.of("cursor"), garbage.field());
    }

    @Test
    void record_should_moveOnlyForward_andKeepFieldsLearnedEarlier() {
        CallRow completed = new CallRow("merge-1", "CA1", T0, CallRow.OUTBOUND, "+14155550123", null, "wf-1", null, "menu",
                "completed", "confirmed", null, 30, null, "menu=1", "+14155550100", 1, false);
        CallRow deferred = new CallRow("merge-1", null, T0.minusSeconds(60), CallRow.OUTBOUND, "+14155550123", "Ada", "wf-1",
                null, null, "deferred", null, "OUTSIDE_WINDOW", null, null, null, null, 1, false);

        rows.record("ws_merge", completed);
        CallRow after = rows.record("ws_merge", deferred);

        assertEquals(new CallRow("merge-1", "CA1", T0, CallRow.OUTBOUND, "+14155550123", "Ada", "wf-1", null, "menu",
                "completed", "confirmed", null, 30, null, "menu=1", "+14155550100", 1, false), after);
        assertEquals(List.of(after), rows.query("ws_merge", CallQuery.ALL_LIVE, 10, Optional.empty()).rows());
    }
}
