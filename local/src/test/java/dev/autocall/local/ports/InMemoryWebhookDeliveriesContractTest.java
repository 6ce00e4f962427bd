package dev.autocall.local.ports;

import dev.autocall.domain.webhook.WebhookDeliveryStore;
import dev.autocall.testing.InMemoryWebhookDeliveries;

/** The fake the domain tests use keeps the same contract as the DynamoDB store. */
class InMemoryWebhookDeliveriesContractTest extends WebhookDeliveryStoreContract {
    @Override
    protected WebhookDeliveryStore newStore() {
        return new InMemoryWebhookDeliveries();
    }
}
