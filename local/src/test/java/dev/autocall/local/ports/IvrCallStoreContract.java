package dev.autocall.local.ports;

import dev.autocall.domain.ivr.IvrCall;
import dev.autocall.domain.ivr.IvrCallStore;
import dev.autocall.domain.ivr.IvrSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link IvrCallStore} does: one answer per turn stands, a reported call is reported once and then frozen. */
abstract class IvrCallStoreContract {
    private static final AtomicInteger IDS = new AtomicInteger();
    private IvrCallStore store;
    private String sid;

    protected abstract IvrCallStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
        sid = "CA" + String.format("%032d", IDS.incrementAndGet()) + System.nanoTime() % 1000;
    }

    private IvrCall call(int turn, List<IvrSession.KeyPress> keys, String answer) {
        IvrSession session = new IvrSession("confirm", 3, "menu", 1, Map.of("menu", 1), keys, Map.of("balance", "12.50"),
                null, false, turn, List.of(new IvrSession.PathEntry("menu", "gather", "Press 1", null)));
        return new IvrCall(sid, "ws_acme", "req_1", "outbound", "+14155550123", "+14155550100",
                Map.of("firstName", "Dana"), Map.of("name", "Acme"), Map.of("when", "Tuesday"), session, answer, Instant.parse("2026-11-02T15:00:00Z"), false);
    }

    @Test
    void save_should_keepEverythingTheNextTurnReads() {
        assertTrue(store.save(call(0, List.of(), "<Response/>"), -1));

        IvrCall found = store.find(sid).orElseThrow();

        assertEquals(call(0, List.of(), "<Response/>"), found);
    }

    @Test
    void save_should_letOneAnswerPerTurnStand_when_aCallbackIsRepeated() {
        store.save(call(0, List.of(), "first"), -1);
        assertFalse(store.save(call(0, List.of(), "again"), -1), "a second first turn");
        assertTrue(store.save(call(1, List.of(new IvrSession.KeyPress("menu", "1")), "turn 1"), 0));
        assertFalse(store.save(call(1, List.of(new IvrSession.KeyPress("menu", "2")), "turn 1 again"), 0), "a repeated turn");

        IvrCall found = store.find(sid).orElseThrow();

        assertEquals("turn 1", found.lastAnswer());
        assertEquals(List.of(new IvrSession.KeyPress("menu", "1")), found.session().keys());
    }

    @Test
    void save_should_letExactlyOneOfConcurrentAnswersStand() throws Exception {
        store.save(call(0, List.of(), "first"), -1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = pool.invokeAll(IntStream.range(0, 8)
                    .mapToObj(i -> (Callable<Boolean>) () -> store.save(call(1, List.of(), "answer " + i), 0)).toList());
            long won = 0;
            for (Future<Boolean> result : results) {
                won += result.get() ? 1 : 0;
            }
            assertEquals(1, won);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void markReported_should_reportOnce_and_freezeTheCall() {
        store.save(call(0, List.of(), "first"), -1);

        assertTrue(store.markReported(sid));
        assertFalse(store.markReported(sid), "reported twice");
        assertFalse(store.save(call(1, List.of(), "late"), 0), "a turn after the end was reported");
        assertTrue(store.find(sid).orElseThrow().reported());
        assertEquals("first", store.find(sid).orElseThrow().lastAnswer());
    }

    @Test
    void markReported_should_refuse_when_noCallIsStored() {
        assertFalse(store.markReported(sid));
        assertTrue(store.find(sid).isEmpty());
    }
}
