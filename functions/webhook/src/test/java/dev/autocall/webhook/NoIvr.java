package dev.autocall.webhook;

import dev.autocall.domain.ivr.Fetcher;
import dev.autocall.testing.InMemoryContactStore;
import dev.autocall.testing.InMemoryFlowStore;
import dev.autocall.testing.InMemoryIvrCallStore;

/** IVR wiring for tests of the other webhooks: no flows, and a fetch that never reaches a server. */
final class NoIvr {
    private NoIvr() {
    }

    static TwilioWebhooks.Ivr wiring() {
        return new TwilioWebhooks.Ivr(new InMemoryFlowStore(), new InMemoryIvrCallStore(), new InMemoryContactStore(),
                (workspaceId, url, json, timeout) -> new Fetcher.Response(0, null, "no server in this test"));
    }
}
