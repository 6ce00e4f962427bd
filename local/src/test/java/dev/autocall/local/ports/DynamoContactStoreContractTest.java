package dev.autocall.local.ports;

import dev.autocall.adapters.dynamodb.DynamoContactStore;
import dev.autocall.domain.contact.ContactStore;
import dev.autocall.local.TemplateTables;
import dev.autocall.domain.contact.Contact;
import dev.autocall.error.ConflictException;
import dev.autocall.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract through the real DynamoDB client, on DynamoDB Local with the Contacts table as template.yaml defines it. */
class DynamoContactStoreContractTest extends ContactStoreContract {
    private static TemplateTables tables;

    @BeforeAll
    static void start() throws Exception {
        tables = TemplateTables.start("ContactsTable");
    }

    @AfterAll
    static void stop() throws Exception {
        if (tables != null) {
            tables.close();
        }
    }

    @Override
    protected ContactStore newStore() {
        return new DynamoContactStore(tables.client(), "ContactsTable");
    }

    @Test
    void update_should_changeAContactStoredBeforeContactsHadAVersion() throws Exception {
        Contact old = Contact.newContact("+14155550170", "inbound_call", Instant.parse("2026-11-01T10:00:00Z"));
        tables.client().putItem(p -> p.tableName("ContactsTable").item(Map.of(
                "pk", AttributeValue.fromS("ws_legacy#+14155550170"), "sk", AttributeValue.fromS("PROFILE"),
                "doc", AttributeValue.fromS(Json.write(old)), "source", AttributeValue.fromS("inbound_call"),
                "createdAt", AttributeValue.fromS("2026-11-01T10:00:00Z"))));
        ContactStore store = newStore();

        Concurrently.run(4, i -> store.update("ws_legacy", "+14155550170", c -> c.withTag("t" + i, true)));

        assertEquals(4, store.find("ws_legacy", "+14155550170").orElseThrow().tags().size());
        for (int i = 0; i < 4; i++) {
            assertEquals(List.of("+14155550170"), store.phonesWithTag("ws_legacy", "t" + i, null, 10).phones());
        }
        assertEquals(old.withTag("x", true).withTag("x", false), store.find("ws_legacy", "+14155550170").orElseThrow()
                .withTag("t0", false).withTag("t1", false).withTag("t2", false).withTag("t3", false));
    }

    @Test
    void phonesWithTag_should_listAContactTaggedBeforeMembershipsWereKept_underEveryTag_afterItsNextChange() {
        Contact old = new Contact("+14155550173", null, null, List.of("lead", "vip"), null, null, null, null, null,
                "api", Instant.parse("2026-11-01T10:00:00Z"));
        tables.client().putItem(p -> p.tableName("ContactsTable").item(Map.of(
                "pk", AttributeValue.fromS("ws_untagged#+14155550173"), "sk", AttributeValue.fromS("PROFILE"),
                "doc", AttributeValue.fromS(Json.write(old)), "source", AttributeValue.fromS("api"),
                "createdAt", AttributeValue.fromS("2026-11-01T10:00:00Z"), "version", AttributeValue.fromN("3"))));
        ContactStore store = newStore();

        store.update("ws_untagged", "+14155550173", c -> c.mergedWith(Map.of("firstName", "Ana")));

        assertEquals(List.of("+14155550173"), store.phonesWithTag("ws_untagged", "lead", null, 10).phones());
        assertEquals(List.of("+14155550173"), store.phonesWithTag("ws_untagged", "vip", null, 10).phones());
    }

    @Test
    void update_should_leaveNoVersionInTheContactsJson() {
        ContactStore store = newStore();
        store.update("ws_json", Contact.newContact("+14155550171", "api", Instant.parse("2026-11-01T10:00:00Z")),
                c -> c.withTag("a", true));

        assertEquals(List.of("a"), store.find("ws_json", "+14155550171").orElseThrow().tags());
        assertEquals(false, Json.write(store.find("ws_json", "+14155550171").orElseThrow()).contains("version"));
    }

    @Test
    void update_should_failWithAConflict_afterBoundedAttempts_when_anotherWriterWinsEveryTime() {
        ContactStore store = newStore();
        Contact stored = Contact.newContact("+14155550172", "api", Instant.parse("2026-11-01T10:00:00Z"));
        store.save("ws_storm", stored);
        AtomicInteger attempts = new AtomicInteger();

        // Each attempt, another writer replaces the contact between this update's read and its write.
        ConflictException e = assertThrows(ConflictException.class, () -> store.update("ws_storm", "+14155550172", c -> {
            store.save("ws_storm", stored.withTag("other-" + attempts.incrementAndGet(), true));
            return c.withTag("mine", true);
        }));

        assertEquals(12, attempts.get());
        assertTrue(e.getMessage().contains("try again"), e.getMessage());
        assertEquals(List.of("other-12"), store.find("ws_storm", "+14155550172").orElseThrow().tags());
    }
}
