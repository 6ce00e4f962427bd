package dev.autocall.adapters.dynamodb;

import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.contact.ContactStore;
import dev.autocall.domain.contact.Task;
import dev.autocall.domain.contact.ThreadEntry;
import dev.autocall.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static dev.autocall.adapters.dynamodb.Attr.n;
import static dev.autocall.adapters.dynamodb.Attr.s;

/**
 * Contacts table. A contact's partition ({ws}#{phone}) holds its PROFILE and its thread entries
 * (T#{time}#{sid}), so the thread is one query in time order. Tasks live in the {ws}#TASKS partition.
 * The profile carries a version: a change is written only if the version is still the one read.
 */
public final class DynamoContactStore implements ContactStore {
    private static final String PROFILE = "PROFILE";
    private static final String VERSION = "version";
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

    /** A stored contact and the version its next conditional write expects; null for an item saved before versions. */
    private record Versioned(Contact contact, Long version) {
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
        return Optional.of(new Versioned(contact, Attr.num(item, VERSION).orElse(null)));
    }

    /** A blind replace that still moves the version on, so that an update that read before it is retried. */
    @Override
    public void save(String workspaceId, Contact contact) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":doc", s(Json.write(contact)));
        values.put(":one", n(1));
        List<String> sets = new ArrayList<>(List.of("doc = :doc"));
        List<String> removes = new ArrayList<>();
        if (contact.source() != null) {
            sets.add("#source = :source");
            values.put(":source", s(contact.source()));
        } else {
            removes.add("#source");
        }
        if (contact.createdAt() != null) {
            sets.add("createdAt = :createdAt");
            values.put(":createdAt", s(contact.createdAt().toString()));
        } else {
            removes.add("createdAt");
        }
        String expression = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes))
                + " ADD #version :one";
        dynamo.updateItem(u -> u.tableName(table).key(Map.of("pk", s(pk(workspaceId, contact.phone())), "sk", s(PROFILE)))
                .updateExpression(expression)
                .expressionAttributeNames(Map.of("#source", "source", "#version", VERSION))
                .expressionAttributeValues(values));
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
        try {
            dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression(condition)
                    .expressionAttributeNames(stored.isEmpty() ? null : Map.of("#version", VERSION))
                    .expressionAttributeValues(version == null ? null : Map.of(":version", n(version))));
        } catch (ConditionalCheckFailedException e) {
            throw new ConflictRetry.Lost();
        }
        return Optional.of(after.withIdentity(phone, after.source(), after.createdAt()));
    }

    private Map<String, AttributeValue> profileItem(String workspaceId, String phone, Contact contact) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(pk(workspaceId, phone)));
        item.put("sk", s(PROFILE));
        item.put("doc", s(Json.write(contact)));
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
}
