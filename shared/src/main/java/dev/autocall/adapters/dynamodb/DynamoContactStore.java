package dev.autocall.adapters.dynamodb;

import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.contact.ContactStore;
import dev.autocall.domain.contact.TagPage;
import dev.autocall.domain.contact.Task;
import dev.autocall.domain.contact.ThreadEntry;
import dev.autocall.error.InvalidInputException;
import dev.autocall.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import static dev.autocall.adapters.dynamodb.Attr.n;
import static dev.autocall.adapters.dynamodb.Attr.s;

/**
 * Contacts table. A contact's partition ({ws}#{phone}) holds its PROFILE and its thread entries
 * (T#{time}#{sid}), so the thread is one query in time order. Tasks live in the {ws}#TASKS partition.
 * The profile carries a version: a change is written only if the version is still the one read.
 *
 * <p>Tag membership: each tag a contact carries has an item {ws}#TAG#{tag} / {phone}, put and deleted in the
 * same transaction as the profile write that adds or removes the tag, so a campaign lists a tag's contacts with
 * one query instead of a scan (docs/decisions.md). A write that changes no tag stays a single conditional put.
 */
public final class DynamoContactStore implements ContactStore {
    private static final String PROFILE = "PROFILE";
    private static final String VERSION = "version";
    private static final String TAG_ITEMS = "tagItems";
    private static final int MAX_TAG_CHANGES = 99;
    /** Why a transaction is cancelled when another writer got there first: read again and retry. */
    private static final Set<String> LOST = Set.of("ConditionalCheckFailed", "TransactionConflict");
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoContactStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Contact> find(String workspaceId, String phone) {
        return read(workspaceId, phone).map(Versioned::contact);
    }

    /**
     * A stored contact and the version its next conditional write expects; null for an item saved before versions.
     * {@code tagItems}: whether its tag membership items are kept; false for an item saved before they were.
     */
    private record Versioned(Contact contact, Long version, boolean tagItems) {
    }

    private Optional<Versioned> read(String workspaceId, String phone) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(Map.of("pk", s(pk(workspaceId, phone)), "sk", s(PROFILE))).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Contact contact = Json.read(item.get("doc").s(), Contact.class)
                .withIdentity(phone, Attr.str(item, "source").orElse(null),
                        Attr.str(item, "createdAt").map(Instant::parse).orElse(null));
        boolean tagItems = item.containsKey(TAG_ITEMS) && Boolean.TRUE.equals(item.get(TAG_ITEMS).bool());
        return Optional.of(new Versioned(contact, Attr.num(item, VERSION).orElse(null), tagItems));
    }

    /**
     * Replaces whatever is stored. It reads first, for the tags whose membership items it must delete, and its
     * write still moves the version on, so that an update that read before it is retried.
     */
    @Override
    public void save(String workspaceId, Contact contact) {
        ConflictRetry.run("contact", () -> attempt(workspaceId, contact.phone(), contact, stored -> contact));
    }

    @Override
    public Optional<Contact> update(String workspaceId, String phone, UnaryOperator<Contact> change) {
        return ConflictRetry.run("contact", () -> attempt(workspaceId, phone, null, change));
    }

    @Override
    public Contact update(String workspaceId, Contact whenAbsent, UnaryOperator<Contact> change) {
        return ConflictRetry.run("contact", () -> attempt(workspaceId, whenAbsent.phone(), whenAbsent, change)).orElseThrow();
    }

    /** One read-change-write, its put conditional on the version read (or on there being no item). */
    private Optional<Contact> attempt(String workspaceId, String phone, Contact whenAbsent, UnaryOperator<Contact> change) {
        Optional<Versioned> stored = read(workspaceId, phone);
        if (stored.isEmpty() && whenAbsent == null) {
            return Optional.empty();
        }
        Contact before = stored.map(Versioned::contact).orElse(whenAbsent);
        Contact after = change.apply(before);
        if (stored.isPresent() && after.equals(before)) {
            return Optional.of(before);
        }
        Long version = stored.map(Versioned::version).orElse(null);
        Map<String, AttributeValue> item = profileItem(workspaceId, phone, after);
        item.put(VERSION, n(version == null ? 1 : version + 1));
        String condition = stored.isEmpty() ? "attribute_not_exists(pk)"
                : version == null ? "attribute_not_exists(#version)" : "#version = :version";
        Map<String, String> names = stored.isEmpty() ? null : Map.of("#version", VERSION);
        Map<String, AttributeValue> values = version == null ? null : Map.of(":version", n(version));
        List<TransactWriteItem> memberships = membershipWrites(workspaceId, phone, stored, after);
        try {
            if (memberships.isEmpty()) {
                dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression(condition)
                        .expressionAttributeNames(names).expressionAttributeValues(values));
            } else {
                List<TransactWriteItem> writes = new ArrayList<>();
                writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item).conditionExpression(condition)
                        .expressionAttributeNames(names).expressionAttributeValues(values)).build());
                writes.addAll(memberships);
                dynamo.transactWriteItems(t -> t.transactItems(writes));
            }
        } catch (ConditionalCheckFailedException | TransactionConflictException e) {
            throw new ConflictRetry.Lost();
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(r -> LOST.contains(r.code()))) {
                throw new ConflictRetry.Lost();
            }
            throw e;
        }
        return Optional.of(after.withIdentity(phone, after.source(), after.createdAt()));
    }

    /**
     * The membership items to put and delete for the tags the write adds and removes. A contact stored before
     * membership items were kept gets one for each of its tags, so its first change lists it under them all.
     */
    private List<TransactWriteItem> membershipWrites(String workspaceId, String phone, Optional<Versioned> stored, Contact after) {
        Set<String> listed = stored.filter(Versioned::tagItems).map(v -> Set.copyOf(v.contact().tags())).orElse(Set.of());
        Set<String> before = stored.map(v -> Set.copyOf(v.contact().tags())).orElse(Set.of());
        List<TransactWriteItem> writes = new ArrayList<>();
        for (String tag : after.tags()) {
            if (!listed.contains(tag)) {
                writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(membershipKey(workspaceId, tag, phone))).build());
            }
        }
        for (String tag : before) {
            if (!after.tags().contains(tag)) {
                writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(membershipKey(workspaceId, tag, phone))).build());
            }
        }
        if (writes.size() > MAX_TAG_CHANGES) {
            // One transaction holds at most 100 items: the profile and these.
            throw new InvalidInputException("tags", "a contact's tags can change by at most " + MAX_TAG_CHANGES
                    + " in one write; change them in steps");
        }
        return writes;
    }

    private static Map<String, AttributeValue> membershipKey(String workspaceId, String tag, String phone) {
        return Map.of("pk", s(tagPk(workspaceId, tag)), "sk", s(phone));
    }

    /** Reads one more than asked, so that the last page says it is the last. */
    @Override
    public TagPage phonesWithTag(String workspaceId, String tag, String cursor, int limit) {
        if (limit < 1 || limit > MAX_TAG_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_TAG_PAGE + ", got " + limit);
        }
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(tagPk(workspaceId, tag))))
                .exclusiveStartKey(cursor == null ? null : Map.of("pk", s(tagPk(workspaceId, tag)), "sk", s(cursor)))
                .consistentRead(true)
                .limit(limit + 1)
                .build();
        QueryResponse response = dynamo.query(query);
        List<String> phones = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            phones.add(item.get("sk").s());
        }
        if (phones.size() > limit) {
            List<String> page = phones.subList(0, limit);
            return new TagPage(page, page.getLast());
        }
        // A query also stops at 1 MB: then the page is short but not the last.
        boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() && !phones.isEmpty();
        return new TagPage(phones, more ? phones.getLast() : null);
    }

    private Map<String, AttributeValue> profileItem(String workspaceId, String phone, Contact contact) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(pk(workspaceId, phone)));
        item.put("sk", s(PROFILE));
        item.put("doc", s(Json.write(contact)));
        item.put(TAG_ITEMS, AttributeValue.fromBool(true));
        if (contact.source() != null) {
            item.put("source", s(contact.source()));
        }
        if (contact.createdAt() != null) {
            item.put("createdAt", s(contact.createdAt().toString()));
        }
        return item;
    }

    @Override
    public void recordThreadEntry(String workspaceId, String phone, ThreadEntry entry, int statusRank) {
        Map<String, AttributeValue> key = Map.of("pk", s(pk(workspaceId, phone)),
                "sk", s("T#" + Attr.sortable(entry.at()) + "#" + entry.id()));
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        set(sets, names, values, "id", entry.id());
        set(sets, names, values, "kind", entry.kind());
        set(sets, names, values, "direction", entry.direction());
        set(sets, names, values, "at", entry.at().toString());
        set(sets, names, values, "body", entry.body());
        if (entry.durationSeconds() != null) {
            set(sets, names, values, "durationSeconds", entry.durationSeconds());
        }
        if (entry.voicemail() != null) {
            // Separate attributes: the recording and its transcript arrive in separate callbacks, in any order.
            set(sets, names, values, "vmUrl", entry.voicemail().url());
            set(sets, names, values, "vmSeconds", entry.voicemail().durationSeconds());
            set(sets, names, values, "vmTranscript", entry.voicemail().transcript());
        }
        if (entry.status() != null) {
            // Status moves forward only: a late or repeated callback never undoes a later state. The usual case, a
            // new entry or a later status, is one write; an earlier status writes the other fields alone.
            Map<String, String> withStatusNames = new HashMap<>(names);
            Map<String, AttributeValue> withStatusValues = new HashMap<>(values);
            List<String> withStatus = new ArrayList<>(sets);
            withStatusNames.put("#status", "status");
            withStatusValues.put(":status", s(entry.status()));
            withStatusValues.put(":rank", n(statusRank));
            withStatus.add("#status = :status");
            withStatus.add("statusRank = :rank");
            try {
                dynamo.updateItem(u -> u.tableName(table).key(key).updateExpression("SET " + String.join(", ", withStatus))
                        .conditionExpression("attribute_not_exists(statusRank) OR statusRank < :rank")
                        .expressionAttributeNames(withStatusNames).expressionAttributeValues(withStatusValues));
                return;
            } catch (ConditionalCheckFailedException e) {
                // An equal or later status is already recorded: keep it.
            }
        }
        dynamo.updateItem(u -> u.tableName(table).key(key).updateExpression("SET " + String.join(", ", sets))
                .expressionAttributeNames(names).expressionAttributeValues(values));
    }

    private static void set(List<String> sets, Map<String, String> names, Map<String, AttributeValue> values,
                            String name, Object value) {
        if (value == null) {
            return;
        }
        names.put("#" + name, name);
        values.put(":" + name, value instanceof Integer i ? n(i) : s(value.toString()));
        sets.add("#" + name + " = :" + name);
    }

    @Override
    public List<ThreadEntry> thread(String workspaceId, String phone) {
        List<ThreadEntry> entries = new ArrayList<>();
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(pk(workspaceId, phone)), ":prefix", s("T#")))
                .build();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            entries.add(new ThreadEntry(item.get("id").s(), item.get("kind").s(),
                    Attr.str(item, "direction").orElse(null), Instant.parse(item.get("at").s()),
                    Attr.str(item, "status").orElse(null), Attr.str(item, "body").orElse(null),
                    Attr.num(item, "durationSeconds").map(Long::intValue).orElse(null),
                    voicemail(item)));
        }
        return entries;
    }

    private static ThreadEntry.Voicemail voicemail(Map<String, AttributeValue> item) {
        if (!item.containsKey("vmUrl") && !item.containsKey("vmTranscript")) {
            return null;
        }
        return new ThreadEntry.Voicemail(Attr.str(item, "vmUrl").orElse(null),
                Attr.num(item, "vmSeconds").map(Long::intValue).orElse(null),
                Attr.str(item, "vmTranscript").orElse(null));
    }

    @Override
    public void addTask(String workspaceId, Task task) {
        dynamo.putItem(p -> p.tableName(table).item(Map.of(
                "pk", s(workspaceId + "#TASKS"),
                "sk", s(Attr.sortable(task.createdAt()) + "#" + task.id()),
                "doc", s(Json.write(task)))));
    }

    @Override
    public List<Task> tasks(String workspaceId) {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(workspaceId + "#TASKS")))
                .build();
        List<Task> tasks = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            tasks.add(Json.read(item.get("doc").s(), Task.class));
        }
        return tasks;
    }

    private static String pk(String workspaceId, String phone) {
        return workspaceId + "#" + phone;
    }

    private static String tagPk(String workspaceId, String tag) {
        return workspaceId + "#TAG#" + tag;
    }
}
