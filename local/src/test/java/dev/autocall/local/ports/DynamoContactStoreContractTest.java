package dev.autocall.local.ports;

import dev.autocall.adapters.dynamodb.DynamoContactStore;
import dev.autocall.domain.contact.ContactStore;
import dev.autocall.local.TemplateTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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
}
