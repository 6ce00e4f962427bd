package dev.autocall.testing;

import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.contact.ContactStore;
import dev.autocall.domain.contact.TagPage;
import dev.autocall.domain.contact.Task;
import dev.autocall.domain.contact.ThreadEntry;
import dev.autocall.error.InvalidInputException;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * In-memory {@link ContactStore} that behaves like DynamoContactStore: a thread entry is keyed by its time
 * (to the millisecond) and id, the thread reads back in time order, null fields of an update leave stored
 * ones alone, and a status is applied only when its rank is greater than the stored one. An update is atomic,
 * as the adapter's versioned write makes it, and so is a tag's listing with it: the phones carrying a tag read
 * back in phone order, a page at a time.
 */
public final class InMemoryContactStore implements ContactStore {
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Map<String, Contact> contacts = new HashMap<>();
    private final Map<String, TreeMap<String, StoredEntry>> threads = new HashMap<>();
    private final Map<String, TreeMap<String, Task>> tasks = new HashMap<>();
    private final Map<String, TreeSet<String>> tagged = new HashMap<>();

    @Override
    public synchronized Optional<Contact> find(String workspaceId, String phone) {
        return Optional.ofNullable(contacts.get(key(workspaceId, phone)));
    }

    @Override
    public synchronized void save(String workspaceId, Contact contact) {
        put(workspaceId, contact.phone(), contact);
    }

    @Override
    public synchronized Optional<Contact> update(String workspaceId, String phone, UnaryOperator<Contact> change) {
        Contact stored = contacts.get(key(workspaceId, phone));
        return stored == null ? Optional.empty() : Optional.of(change(workspaceId, phone, stored, change));
    }

    @Override
    public synchronized Contact update(String workspaceId, Contact whenAbsent, UnaryOperator<Contact> change) {
        Contact stored = contacts.get(key(workspaceId, whenAbsent.phone()));
        return change(workspaceId, whenAbsent.phone(), stored == null ? whenAbsent : stored, change);
    }

    private Contact change(String workspaceId, String phone, Contact before, UnaryOperator<Contact> change) {
        Contact after = change.apply(before);
        Contact stored = after.withIdentity(phone, after.source(), after.createdAt());
        put(workspaceId, phone, stored);
        return stored;
    }

    private void put(String workspaceId, String phone, Contact contact) {
        List<String> had = contacts.containsKey(key(workspaceId, phone)) ? contacts.get(key(workspaceId, phone)).tags() : List.of();
        long changes = contact.tags().stream().filter(t -> !had.contains(t)).count()
                + had.stream().filter(t -> !contact.tags().contains(t)).count();
        if (changes > 99) {
            // As the adapter: one transaction writes the profile and at most 99 tag memberships.
            throw new InvalidInputException("tags", "a contact's tags can change by at most 99 in one write; change them in steps");
        }
        Contact before = contacts.put(key(workspaceId, phone), contact);
        if (before != null) {
            before.tags().forEach(tag -> tagged.getOrDefault(key(workspaceId, tag), new TreeSet<>()).remove(phone));
        }
        contact.tags().forEach(tag -> tagged.computeIfAbsent(key(workspaceId, tag), k -> new TreeSet<>()).add(phone));
    }

    @Override
    public synchronized TagPage phonesWithTag(String workspaceId, String tag, String cursor, int limit) {
        if (limit < 1 || limit > MAX_TAG_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_TAG_PAGE + ", got " + limit);
        }
        TreeSet<String> phones = tagged.getOrDefault(key(workspaceId, tag), new TreeSet<>());
        List<String> page = (cursor == null ? phones : phones.tailSet(cursor, false)).stream().limit(limit + 1L).toList();
        return page.size() > limit ? new TagPage(page.subList(0, limit), page.get(limit - 1)) : new TagPage(page, null);
    }

    @Override
    public synchronized void recordThreadEntry(String workspaceId, String phone, ThreadEntry entry, int statusRank) {
        String sortKey = SORTABLE.format(entry.at()) + "#" + entry.id();
        StoredEntry stored = threads.computeIfAbsent(key(workspaceId, phone), k -> new TreeMap<>())
                .computeIfAbsent(sortKey, k -> new StoredEntry());
        stored.id = or(entry.id(), stored.id);
        stored.kind = or(entry.kind(), stored.kind);
        stored.direction = or(entry.direction(), stored.direction);
        stored.at = or(entry.at(), stored.at);
        stored.body = or(entry.body(), stored.body);
        stored.durationSeconds = or(entry.durationSeconds(), stored.durationSeconds);
        if (entry.voicemail() != null) {
            stored.vmUrl = or(entry.voicemail().url(), stored.vmUrl);
            stored.vmSeconds = or(entry.voicemail().durationSeconds(), stored.vmSeconds);
            stored.vmTranscript = or(entry.voicemail().transcript(), stored.vmTranscript);
        }
        if (entry.status() != null && (stored.statusRank == null || stored.statusRank < statusRank)) {
            stored.status = entry.status();
            stored.statusRank = statusRank;
        }
    }

    @Override
    public synchronized List<ThreadEntry> thread(String workspaceId, String phone) {
        List<ThreadEntry> entries = new ArrayList<>();
        for (StoredEntry s : threads.getOrDefault(key(workspaceId, phone), new TreeMap<>()).values()) {
            ThreadEntry.Voicemail voicemail = s.vmUrl == null && s.vmTranscript == null ? null
                    : new ThreadEntry.Voicemail(s.vmUrl, s.vmSeconds, s.vmTranscript);
            entries.add(new ThreadEntry(s.id, s.kind, s.direction, s.at, s.status, s.body, s.durationSeconds, voicemail));
        }
        return entries;
    }

    /** Keyed by creation time and id, as the adapter's sort key: the same task added again replaces itself. */
    @Override
    public synchronized void addTask(String workspaceId, Task task) {
        tasks.computeIfAbsent(workspaceId, k -> new TreeMap<>()).put(SORTABLE.format(task.createdAt()) + "#" + task.id(), task);
    }

    @Override
    public synchronized List<Task> tasks(String workspaceId) {
        return List.copyOf(tasks.getOrDefault(workspaceId, new TreeMap<>()).values());
    }

    private static String key(String workspaceId, String phone) {
        return workspaceId + "#" + phone;
    }

    private static <T> T or(T update, T stored) {
        return update != null ? update : stored;
    }

    private static final class StoredEntry {
        String id;
        String kind;
        String direction;
        Instant at;
        String status;
        Integer statusRank;
        String body;
        Integer durationSeconds;
        String vmUrl;
        Integer vmSeconds;
        String vmTranscript;
    }
}
