package dev.autocall.adapters.dynamodb;

import dev.autocall.domain.contact.ContactStore;
import dev.autocall.domain.contact.TagPage;
import dev.autocall.error.InvalidInputException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static dev.autocall.adapters.dynamodb.Attr.s;

/**
 * The contacts table's tag partitions: one item {ws}#TAG#{tag} / {phone} per tag a contact carries, written by
 * {@link DynamoContactStore} in the transaction of the profile write, so a tag's contacts are one query.
 */
final class TagMembers {
    /** One transaction holds at most 100 items: the profile and these. */
    static final int MAX_CHANGES = 99;

    private final DynamoDbClient dynamo;
    private final String table;

    TagMembers(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * The puts for the tags {@code after} carries that are not {@code listed}, and the deletes for those
     * {@code before} carried that {@code after} does not; empty when the write changes no tag.
     */
    List<TransactWriteItem> writes(String workspaceId, String phone, Collection<String> listed, Collection<String> before,
                                   Collection<String> after) {
        List<TransactWriteItem> writes = new ArrayList<>();
        for (String tag : after) {
            if (!listed.contains(tag)) {
                writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(key(workspaceId, tag, phone))).build());
            }
        }
        for (String tag : before) {
            if (!after.contains(tag)) {
                writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(workspaceId, tag, phone))).build());
            }
        }
        if (writes.size() > MAX_CHANGES) {
            throw new InvalidInputException("tags", "a contact's tags can change by at most " + MAX_CHANGES
                    + " in one write; change them in steps");
        }
        return writes;
    }

    /** Reads one more than asked, so that the last page says it is the last. */
    TagPage page(String workspaceId, String tag, String cursor, int limit) {
        if (limit < 1 || limit > ContactStore.MAX_TAG_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + ContactStore.MAX_TAG_PAGE + ", got " + limit);
        }
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(pk(workspaceId, tag))))
                .exclusiveStartKey(cursor == null ? null : key(workspaceId, tag, cursor))
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

    private static Map<String, AttributeValue> key(String workspaceId, String tag, String phone) {
        return Map.of("pk", s(pk(workspaceId, tag)), "sk", s(phone));
    }

    private static String pk(String workspaceId, String tag) {
        return workspaceId + "#TAG#" + tag;
    }
}
