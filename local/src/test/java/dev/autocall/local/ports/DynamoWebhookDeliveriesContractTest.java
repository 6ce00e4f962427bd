package dev.autocall.local.ports;

import dev.autocall.adapters.dynamodb.DynamoWebhookDeliveries;
import dev.autocall.domain.webhook.WebhookDelivery;
import dev.autocall.domain.webhook.WebhookDeliveryStore;
import dev.autocall.error.InvalidInputException;
import dev.autocall.local.TemplateTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The contract through the real DynamoDB client, on DynamoDB Local with the deliveries table as template.yaml defines it. */
class DynamoWebhookDeliveriesContractTest extends WebhookDeliveryStoreContract {
    private static TemplateTables tables;

    @BeforeAll
    static void start() throws Exception {
        tables = TemplateTables.start("WebhookDeliveriesTable");
    }

    @AfterAll
    static void stop() throws Exception {
        if (tables != null) {
            tables.close();
        }
    }

    @Override
    protected WebhookDeliveryStore newStore() {
        return new DynamoWebhookDeliveries(tables.client(), "WebhookDeliveriesTable");
    }

    @Test
    void aCursorFromAnotherWorkspaceOrAnotherStatusOrNoneAtAllIsRefused() {
        WebhookDeliveryStore store = newStore();
        Instant at = Instant.parse("2026-11-27T12:00:00Z");
        for (int i = 0; i < 3; i++) {
            store.create(WebhookDelivery.created("ws_cur_a", "evt_" + i, "t", "{}", at.plusSeconds(i)));
        }
        String next = store.list("ws_cur_a", null, 1, null).next();
        assertEquals("evt_1", store.list("ws_cur_a", null, 1, next).deliveries().getFirst().id());

        assertEquals("cursor", assertThrows(InvalidInputException.class, () -> store.list("ws_cur_b", null, 1, next)).field().orElseThrow());
        assertThrows(InvalidInputException.class, () -> store.list("ws_cur_a", WebhookDelivery.Status.PENDING, 1, next));
        assertThrows(InvalidInputException.class, () -> store.list("ws_cur_a", null, 1, "not-a-cursor"));
    }
}
