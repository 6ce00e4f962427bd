package dev.autocall.testing;

import dev.autocall.domain.contact.CallProgress;
import dev.autocall.domain.contact.ThreadEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fake must keep the DynamoDB adapter's rules, or the domain tests that use it prove nothing. */
class InMemoryContactStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-02T15:00:00Z");
    private final InMemoryContactStore store = new InMemoryContactStore();

    private void record(ThreadEntry entry) {
        store.recordThreadEntry("ws", "+14155550123", entry, CallProgress.rank(entry.status()));
    }

    @Test
    void recordThreadEntry_should_applyAStatusOnlyWhenItRanksHigher() {
        // GIVEN
        record(new ThreadEntry("SM1", "sms", "outbound", T0, "queued", "Hi", null, null));
        record(new ThreadEntry("SM1", "sms", "outbound", T0, "delivered", null, null, null));

        // WHEN a late and an equal-rank status arrive
        record(new ThreadEntry("SM1", "sms", "outbound", T0, "sent", null, null, null));
        record(new ThreadEntry("SM1", "sms", "outbound", T0, "undelivered", null, null, null));

        // THEN
        assertEquals(List.of(new ThreadEntry("SM1", "sms", "outbound", T0, "delivered", "Hi", null, null)),
                store.thread("ws", "+14155550123"));
    }

    @Test
    void recordThreadEntry_should_keepStoredFields_when_anUpdateLeavesThemNull() {
        // GIVEN
        record(new ThreadEntry("CA1", "call", "inbound", T0, "voicemail", null, null,
                new ThreadEntry.Voicemail("https://r/RE1", 12, null)));

        // WHEN
        record(new ThreadEntry("CA1", "call", "inbound", T0, null, null, 40,
                new ThreadEntry.Voicemail(null, null, "Call me back")));

        // THEN
        assertEquals(List.of(new ThreadEntry("CA1", "call", "inbound", T0, "voicemail", null, 40,
                new ThreadEntry.Voicemail("https://r/RE1", 12, "Call me back"))), store.thread("ws", "+14155550123"));
    }

    @Test
    void thread_should_listEntriesInTimeOrder_whateverTheOrderTheyWereRecorded() {
        // GIVEN
        record(new ThreadEntry("SM2", "sms", "outbound", T0.plusSeconds(60), "queued", "b", null, null));
        record(new ThreadEntry("CA1", "call", "inbound", T0, "missed", null, null, null));
        record(new ThreadEntry("SM3", "sms", "inbound", T0.plusSeconds(5), "received", "a", null, null));

        // WHEN / THEN
        assertEquals(List.of("CA1", "SM3", "SM2"), store.thread("ws", "+14155550123").stream().map(ThreadEntry::id).toList());
    }
}
