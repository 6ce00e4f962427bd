package dev.autocall.local.ports;

import dev.autocall.domain.contact.CallProgress;
import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.contact.ContactStore;
import dev.autocall.domain.contact.Task;
import dev.autocall.domain.contact.ThreadEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What every {@link ContactStore} does, run against the in-memory fake and the DynamoDB adapter alike: the
 * domain's tests use the fake, so the fake must keep the adapter's rules.
 */
abstract class ContactStoreContract {
    private static final AtomicInteger WORKSPACES = new AtomicInteger();
    private static final Instant T0 = Instant.parse("2026-11-02T15:00:00Z");
    private static final String DANA = "+14155550123";

    private ContactStore store;
    private String ws;

    protected abstract ContactStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
        ws = "ws_contacts_" + WORKSPACES.incrementAndGet();
    }

    private static Contact dana() {
        return new Contact(DANA, "Dana", "Reyes", List.of("lead"), "America/Chicago",
                new Contact.Consents(null, new Contact.Consent("form", false, T0)), new Contact.Channels<>(false, true),
                new Contact.Channels<>(null, T0.plusSeconds(60)), Map.of("plan", "gold", "visits", 3), "api", T0);
    }

    @Test
    void find_should_returnTheContactAsSaved() {
        store.save(ws, dana());

        assertEquals(Optional.of(dana()), store.find(ws, DANA));
    }

    @Test
    void find_should_beEmpty_forAnUnknownNumber_andForAnotherWorkspacesContact() {
        store.save(ws, dana());

        assertEquals(Optional.empty(), store.find(ws, "+14155550124"));
        assertEquals(Optional.empty(), store.find(ws + "_other", DANA));
    }

    @Test
    void update_should_applyTheChangeToTheStoredContact_keepingItsSourceAndCreation() {
        store.save(ws, dana());

        Contact updated = store.update(ws, DANA, c -> c.withTag("vip", true)).orElseThrow();

        assertEquals(List.of("lead", "vip"), updated.tags());
        assertEquals(Optional.of(updated), store.find(ws, DANA));
        assertEquals("api", updated.source());
        assertEquals(T0, updated.createdAt());
    }

    @Test
    void update_should_writeNothing_when_thereIsNoContact() {
        assertEquals(Optional.empty(), store.update(ws, DANA, c -> c.withTag("vip", true)));

        assertEquals(Optional.empty(), store.find(ws, DANA));
    }

    @Test
    void update_should_createTheContactWithTheChange_when_thereIsNoneAndOneIsGiven() {
        Contact created = store.update(ws, Contact.newContact(DANA, "inbound_sms", T0), c -> c.mergedWith(Map.of("firstName", "Dana")));

        assertEquals("Dana", created.firstName());
        assertEquals("inbound_sms", created.source());
        assertEquals(Optional.of(created), store.find(ws, DANA));
    }

    @Test
    void update_should_ignoreTheContactToCreate_when_oneIsStored() {
        store.save(ws, dana());

        Contact updated = store.update(ws, Contact.newContact(DANA, "inbound_call", T0.plusSeconds(600)), UnaryOperator.identity());

        assertEquals(dana(), updated);
        assertEquals(Optional.of(dana()), store.find(ws, DANA));
    }

    @Test
    void update_should_seeAContactReplacedBySave() {
        store.update(ws, Contact.newContact(DANA, "inbound_sms", T0), UnaryOperator.identity());
        store.save(ws, dana());

        store.update(ws, DANA, c -> c.withTag("vip", true));

        assertEquals(List.of("lead", "vip"), store.find(ws, DANA).orElseThrow().tags());
        assertEquals("Dana", store.find(ws, DANA).orElseThrow().firstName());
    }

    @Test
    void createIfAbsent_should_returnTheStoredContact_when_oneExists() {
        store.save(ws, dana());

        assertEquals(dana(), store.createIfAbsent(ws, Contact.newContact(DANA, "inbound_call", T0.plusSeconds(5))));
        assertEquals(Optional.of(dana()), store.find(ws, DANA));
    }

    @Test
    void update_should_keepEveryField_when_tenWritersEachMergeTheirOwnAtOnce() throws Exception {
        store.save(ws, dana());

        Concurrently.run(10, i -> store.update(ws, DANA, c -> c.mergedWith(Map.of("k" + i, "v" + i))));

        Map<String, Object> fields = store.find(ws, DANA).orElseThrow().fields();
        for (int i = 0; i < 10; i++) {
            assertEquals("v" + i, fields.get("k" + i), "field k" + i + " of " + fields);
        }
        assertEquals("gold", fields.get("plan"));
    }

    @Test
    void update_should_keepEveryTag_when_tenWritersEachAddTheirOwnAtOnce_toAContactNotYetStored() throws Exception {
        Concurrently.run(10, i -> store.update(ws, Contact.newContact(DANA, "inbound_call", T0), c -> c.withTag("t" + i, true)));

        Set<String> expected = IntStream.range(0, 10).mapToObj(i -> "t" + i).collect(Collectors.toSet());
        assertEquals(expected, Set.copyOf(store.find(ws, DANA).orElseThrow().tags()));
    }

    @Test
    void update_should_keepEveryOtherChange_when_tagsAreAddedAndRemovedAtOnce() throws Exception {
        store.save(ws, dana());

        Concurrently.run(10, i -> store.update(ws, DANA, i == 0 ? c -> c.withTag("lead", false) : c -> c.withTag("t" + i, true)));

        List<String> tags = store.find(ws, DANA).orElseThrow().tags();
        assertFalse(tags.contains("lead"), tags.toString());
        assertEquals(9, tags.size(), tags.toString());
    }

    private void record(String phone, ThreadEntry entry) {
        store.recordThreadEntry(ws, phone, entry, CallProgress.rank(entry.status()));
    }

    @Test
    void recordThreadEntry_should_moveAStatusForwardOnly() {
        record(DANA, new ThreadEntry("SM1", "sms", "outbound", T0, "queued", "Hi", null, null));
        record(DANA, new ThreadEntry("SM1", "sms", "outbound", T0, "delivered", null, null, null));

        record(DANA, new ThreadEntry("SM1", "sms", "outbound", T0, "sent", null, null, null));
        record(DANA, new ThreadEntry("SM1", "sms", "outbound", T0, "undelivered", null, null, null));

        assertEquals(List.of(new ThreadEntry("SM1", "sms", "outbound", T0, "delivered", "Hi", null, null)), store.thread(ws, DANA));
    }

    @Test
    void recordThreadEntry_should_keepTheHighestStatus_when_callbacksArriveAtOnce() throws Exception {
        List<String> statuses = List.of("queued", "sending", "sent", "delivered", "queued", "sent", "sending", "accepted");

        Concurrently.run(statuses.size(), i -> {
            record(DANA, new ThreadEntry("SM1", "sms", "outbound", T0, statuses.get(i), i == 0 ? "Hi" : null, null, null));
            return null;
        });

        assertEquals(List.of(new ThreadEntry("SM1", "sms", "outbound", T0, "delivered", "Hi", null, null)), store.thread(ws, DANA));
    }

    @Test
    void recordThreadEntry_should_keepStoredFields_when_anUpdateLeavesThemNull() {
        record(DANA, new ThreadEntry("CA1", "call", "inbound", T0, "voicemail", null, null,
                new ThreadEntry.Voicemail("https://r/RE1", 12, null)));

        record(DANA, new ThreadEntry("CA1", "call", "inbound", T0, null, null, 40, new ThreadEntry.Voicemail(null, null, "Call me back")));

        assertEquals(List.of(new ThreadEntry("CA1", "call", "inbound", T0, "voicemail", null, 40,
                new ThreadEntry.Voicemail("https://r/RE1", 12, "Call me back"))), store.thread(ws, DANA));
    }

    @Test
    void thread_should_listEntriesInTimeOrder_onlyForItsContact() {
        record(DANA, new ThreadEntry("SM2", "sms", "outbound", T0.plusSeconds(60), "queued", "b", null, null));
        record(DANA, new ThreadEntry("CA1", "call", "inbound", T0, "missed", null, null, null));
        record(DANA, new ThreadEntry("SM3", "sms", "inbound", T0.plusMillis(5), "received", "a", null, null));
        record("+14155550124", new ThreadEntry("SM4", "sms", "inbound", T0.plusSeconds(1), "received", "c", null, null));

        assertEquals(List.of("CA1", "SM3", "SM2"), store.thread(ws, DANA).stream().map(ThreadEntry::id).toList());
        assertEquals(List.of(), store.thread(ws + "_other", DANA));
    }

    private static Task task(String id, Instant at) {
        return new Task(id, "Call back Dana", DANA, at, at.plusSeconds(3600), "open", "missed-call", "run_1");
    }

    @Test
    void tasks_should_listTheWorkspacesTasksOldestFirst() {
        store.addTask(ws, task("task_b", T0.plusSeconds(30)));
        store.addTask(ws, task("task_a", T0));
        store.addTask(ws + "_other", task("task_c", T0));

        assertEquals(List.of(task("task_a", T0), task("task_b", T0.plusSeconds(30))), store.tasks(ws));
    }

    @Test
    void addTask_should_keepOneTask_when_theSameTaskIsAddedTwice() {
        // A redelivered step adds its task again, with the same id.
        store.addTask(ws, task("task_a", T0));
        store.addTask(ws, task("task_a", T0));

        assertEquals(List.of(task("task_a", T0)), store.tasks(ws));
    }
}
