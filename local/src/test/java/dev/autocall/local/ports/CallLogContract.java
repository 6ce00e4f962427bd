package dev.autocall.local.ports;

import dev.autocall.domain.call.CallLog;
import dev.autocall.domain.call.CallLog.InboundCall;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What every {@link CallLog} does: a call is recorded once, by its CallSid, and the first record wins. */
abstract class CallLogContract {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final Instant T0 = Instant.parse("2026-11-02T15:00:00Z");

    private CallLog log;
    private String sid;

    protected abstract CallLog newLog();

    @BeforeEach
    void setUp() {
        log = newLog();
        sid = "CA" + String.format("%032d", IDS.incrementAndGet());
    }

    private InboundCall call(String from, Instant at) {
        return new InboundCall(sid, "ws_acme", from, "+14155550100", at);
    }

    @Test
    void recordInbound_should_keepTheFirstRecord_when_aWebhookIsRepeated() {
        InboundCall first = log.recordInbound(call("+14155550123", T0));

        InboundCall again = log.recordInbound(call("+14155550999", T0.plusSeconds(3)));

        assertEquals(call("+14155550123", T0), first);
        assertEquals(first, again);
        assertEquals(Optional.of(first), log.find(sid));
    }

    @Test
    void find_should_beEmpty_forAnUnknownCall() {
        assertEquals(Optional.empty(), log.find(sid));
    }

    @Test
    void recordInbound_should_answerEveryConcurrentWebhookWithTheSameRecord() throws Exception {
        List<InboundCall> answers = Concurrently.run(8, i -> log.recordInbound(call("+1415555010" + i, T0.plusMillis(i))));

        assertEquals(1, Set.copyOf(answers).size(), answers.toString());
        assertEquals(Optional.of(answers.get(0)), log.find(sid));
    }
}
