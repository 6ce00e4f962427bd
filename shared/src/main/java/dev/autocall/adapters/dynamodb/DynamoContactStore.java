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

import static dev.autocall.adapters.dynamodb.Attr.n;
import static dev.autocall.adapters.dynamodb.Attr.s;

/**
 * Contacts table. A contact's partition ({ws}#{phone}) holds its PROFILE and its thread entries
 * (T#{time}#{sid}), so the thread is one query in time order. Tasks live in the {ws}#TASKS partition.
 */
public final class DynamoContactStore implements ContactStore {
    private static final String PROFILE = "PROFILE";
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoContactStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Contact> find(String workspaceId, String phone) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(Map.of("pk", s(pk(workspaceId, phone)), "sk", s(PROFILE))).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Json.read(item.get("doc").s(), Contact.class)
                .withIdentity(phone, Attr.str(item, "source").orElse(null),
                        Attr.str(item, "createdAt").map(Instant::parse).orElse(null)));
    }

    @Override
    public void save(String workspaceId, Contact contact) {
        dynamo.putItem(p -> p.tableName(table).item(profileItem(workspaceId, contact)));
    }

    @Override
    public Contact createIfAbsent(String workspaceId, Contact contact) {
        // Most events are from known contacts: a read settles them without a failed conditional write.
        Optional<Contact> known = find(workspaceId, contact.phone());
        if (known.isPresent()) {
            return known.get();
        }
        try {
            dynamo.putItem(p -> p.tableName(table).item(profileItem(workspaceId, contact))
                    .conditionExpression("attribute_not_exists(pk)"));
            return contact;
        } catch (ConditionalCheckFailedException e) {
            return find(workspaceId, contact.phone()).orElseThrow();
        }
    }

    private Map<String, AttributeValue> profileItem(String workspaceId, Contact contact) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(pk(workspaceId, contact.phone())));
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
