package dev.autocall.local.ports;

import dev.autocall.domain.contact.CallProgress;
import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.contact.ContactStore;
import dev.autocall.domain.contact.TagPage;
import dev.autocall.domain.contact.Task;
import dev.autocall.domain.contact.ThreadEntry;
import dev.autocall.error.InvalidInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
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
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    /** Every page of the tag's phones, following the cursors. */
    private List<String> allWithTag(String workspace, String tag, int limit) {
        List<String> phones = new ArrayList<>();
        TagPage page = store.phonesWithTag(workspace, tag, null, limit);
        phones.addAll(page.phones());
        while (page.hasNext()) {
            page = store.phonesWithTag(workspace, tag, page.next(), limit);
            phones.addAll(page.phones());
        }
        return phones;
    }

    @Test
    void phonesWithTag_should_listAContact_when_aWriteGaveItTheTag() {
        store.save(ws, dana());
        store.update(ws, Contact.newContact("+14155550124", "api", T0), c -> c.withTag("vip", true));
        store.update(ws, DANA, c -> c.withTag("vip", true));
        store.createIfAbsent(ws, new Contact("+14155550125", null, null, List.of("vip"), null, null, null, null, null, "api", T0));

        assertEquals(new TagPage(List.of(DANA, "+14155550124", "+14155550125"), null), store.phonesWithTag(ws, "vip", null, 10));
        assertEquals(new TagPage(List.of(DANA), null), store.phonesWithTag(ws, "lead", null, 10));
        assertEquals(new TagPage(List.of(), null), store.phonesWithTag(ws, "nobody", null, 10));
    }

    @Test
    void phonesWithTag_should_notListAContact_when_aWriteTookTheTagAway() {
        store.save(ws, dana());
        store.save(ws, new Contact("+14155550124", null, null, List.of("lead"), null, null, null, null, null, "api", T0));

        store.update(ws, DANA, c -> c.withTag("lead", false));
        store.save(ws, new Contact("+14155550124", null, null, List.of("customer"), null, null, null, null, null, "api", T0));

        assertEquals(List.of(), store.phonesWithTag(ws, "lead", null, 10).phones());
        assertEquals(List.of("+14155550124"), store.phonesWithTag(ws, "customer", null, 10).phones());
    }

    @Test
    void phonesWithTag_should_listOnlyTheWorkspacesContacts() {
        store.save(ws, dana());
        store.save(ws + "_other", new Contact("+14155550124", null, null, List.of("lead"), null, null, null, null, null, "api", T0));

        assertEquals(List.of(DANA), store.phonesWithTag(ws, "lead", null, 10).phones());
        assertEquals(List.of("+14155550124"), store.phonesWithTag(ws + "_other", "lead", null, 10).phones());
    }

    @Test
    void phonesWithTag_should_giveEachPhoneOnce_inPhoneOrder_when_250ContactsArePagedAHundredAtATime() throws Exception {
        List<String> phones = IntStream.range(0, 250).mapToObj(i -> "+1415555" + (1000 + i * 7)).toList();
        Concurrently.run(10, t -> {
            for (int i = t; i < phones.size(); i += 10) {
                store.update(ws, Contact.newContact(phones.get(i), "api", T0), c -> c.withTag("flu-2026", true));
            }
            return null;
        });

        TagPage first = store.phonesWithTag(ws, "flu-2026", null, 100);
        TagPage second = store.phonesWithTag(ws, "flu-2026", first.next(), 100);
        TagPage third = store.phonesWithTag(ws, "flu-2026", second.next(), 100);

        assertEquals(List.of(100, 100, 50), List.of(first.phones().size(), second.phones().size(), third.phones().size()));
        assertFalse(third.hasNext(), "the last page has no next page");
        List<String> listed = new ArrayList<>(first.phones());
        listed.addAll(second.phones());
        listed.addAll(third.phones());
        assertEquals(phones.stream().sorted().toList(), listed);
    }

    @Test
    void phonesWithTag_should_endWithoutAnEmptyPage_when_thePhonesFillTheLastPageExactly() {
        for (int i = 0; i < 4; i++) {
            store.save(ws, new Contact("+1415555010" + i, null, null, List.of("pair"), null, null, null, null, null, "api", T0));
        }

        TagPage first = store.phonesWithTag(ws, "pair", null, 2);
        TagPage second = store.phonesWithTag(ws, "pair", first.next(), 2);

        assertEquals(List.of("+14155550100", "+14155550101"), first.phones());
        assertEquals(new TagPage(List.of("+14155550102", "+14155550103"), null), second);
    }

    @Test
    void phonesWithTag_should_listTheContactUnderEveryTag_when_tenWritersEachAddTheirOwnAtOnce() throws Exception {
        store.save(ws, dana());

        Concurrently.run(10, i -> store.update(ws, DANA, c -> c.withTag("t" + i, true)));

        for (int i = 0; i < 10; i++) {
            assertEquals(List.of(DANA), allWithTag(ws, "t" + i, 5), "listed under t" + i);
        }
        assertEquals(List.of(DANA), allWithTag(ws, "lead", 5));
    }

    @Test
    void phonesWithTag_should_listTheContactUnderTheTagsItEndsWith_when_tagsAreAddedAndRemovedAtOnce() throws Exception {
        store.save(ws, dana());

        Concurrently.run(6, i -> store.update(ws, DANA, switch (i) {
            case 0 -> c -> c.withTag("lead", false);
            case 1 -> c -> c.withTag("gone", true).withTag("gone", false);
            default -> c -> c.withTag("t" + i, true);
        }));

        Set<String> tags = Set.copyOf(store.find(ws, DANA).orElseThrow().tags());
        for (String tag : List.of("lead", "gone", "t2", "t3", "t4", "t5")) {
            assertEquals(tags.contains(tag) ? List.of(DANA) : List.of(), allWithTag(ws, tag, 5), "tag " + tag + " of " + tags);
        }
    }

    @Test
    void save_should_refuseNamingTheTags_when_theTagsWouldChangeByMoreThanATransactionHolds() {
        List<String> many = IntStream.range(0, 100).mapToObj(i -> "t" + i).toList();

        InvalidInputException e = assertThrows(InvalidInputException.class, () ->
                store.save(ws, new Contact(DANA, null, null, many, null, null, null, null, null, "api", T0)));

        assertEquals(Optional.of("tags"), e.field());
        assertEquals(Optional.empty(), store.find(ws, DANA));
        assertEquals(List.of(), store.phonesWithTag(ws, "t0", null, 10).phones());
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
