package dev.autocall.local.ports;

import dev.autocall.domain.webhook.WebhookSecrets;
import dev.autocall.testing.InMemoryWebhookSecrets;

class InMemoryWebhookSecretsContractTest extends WebhookSecretsContract {
    @Override
    protected WebhookSecrets newSecrets() {
        return new InMemoryWebhookSecrets();
    }
}
