package dev.autocall.local.ports;

import dev.autocall.domain.webhook.WebhookDelivery;
import dev.autocall.domain.webhook.WebhookDelivery.Status;
import dev.autocall.domain.webhook.WebhookDeliveryStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link WebhookDeliveryStore} does: one record per id, attempts taken once and recorded in order, pages. */
abstract class WebhookDeliveryStoreContract {
    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    protected abstract WebhookDeliveryStore newStore();

    private static WebhookDelivery delivery(String ws, String id, int second) {
        return WebhookDelivery.created(ws, id, "run.completed", "{\"type\":\"run.completed\"}", T0.plusSeconds(second));
    }

    private static WebhookDelivery.Attempt attempt(int number, Integer status) {
        return new WebhookDelivery.Attempt(number, T0.plusSeconds(number), status, status != null && status < 300 ? null : "HTTP " + status, 7);
    }

    @Test
    void theSameIdIsCreatedOnce_perWorkspace() {
        WebhookDeliveryStore store = newStore();
        assertTrue(store.create(delivery("ws_c1", "evt_1", 0)));
        assertFalse(store.create(delivery("ws_c1", "evt_1", 5)));
        assertTrue(store.create(delivery("ws_c1_other", "evt_1", 0)));
        WebhookDelivery found = store.find("ws_c1", "evt_1").orElseThrow();
        assertEquals(Status.PENDING, found.status());
        assertEquals(T0, found.createdAt());
        assertEquals("{\"type\":\"run.completed\"}", found.body());
        assertTrue(store.find("ws_c1", "evt_2").isEmpty());
    }

    @Test
    void anAttemptIsTakenOnce_untilItsClaimIsStale_andRecordedInOrder() {
        WebhookDeliveryStore store = newStore();
        store.create(delivery("ws_c2", "evt_1", 0));
        assertFalse(store.claim("ws_c2", "evt_1", 2, T0, T0.minusSeconds(60)), "attempt 2 before attempt 1");
        assertTrue(store.claim("ws_c2", "evt_1", 1, T0, T0.minusSeconds(60)));
        assertFalse(store.claim("ws_c2", "evt_1", 1, T0.plusSeconds(10), T0.minusSeconds(50)), "taken a moment ago");
        assertTrue(store.claim("ws_c2", "evt_1", 1, T0.plusSeconds(61), T0.plusSeconds(1)), "stale after a minute");

        assertFalse(store.record("ws_c2", "evt_1", attempt(2, 500), Status.FAILED, T0.plusSeconds(5)));
        assertTrue(store.record("ws_c2", "evt_1", attempt(1, 500), Status.FAILED, T0.plusSeconds(5)));
        assertFalse(store.record("ws_c2", "evt_1", attempt(1, 500), Status.FAILED, T0.plusSeconds(5)), "recorded once");
        assertFalse(store.claim("ws_c2", "evt_1", 1, T0.plusSeconds(200), T0.plusSeconds(140)), "attempt 1 is made");
        assertTrue(store.claim("ws_c2", "evt_1", 2, T0.plusSeconds(5), T0.minusSeconds(55)));
        assertTrue(store.record("ws_c2", "evt_1", new WebhookDelivery.Attempt(2, T0.plusSeconds(5), null, "timeout", 10_000),
                Status.DELIVERED, null));

        WebhookDelivery found = store.find("ws_c2", "evt_1").orElseThrow();
        assertEquals(Status.DELIVERED, found.status());
        assertNull(found.nextAttemptAt());
        assertEquals(List.of(attempt(1, 500), new WebhookDelivery.Attempt(2, T0.plusSeconds(5), null, "timeout", 10_000)),
                found.attempts());
    }

    @Test
    void markPending_setsTheDueTime_andFailsForAnUnknownDelivery() {
        WebhookDeliveryStore store = newStore();
        store.create(delivery("ws_c3", "evt_1", 0));
        store.record("ws_c3", "evt_1", attempt(1, 500), Status.PARKED, null);
        assertTrue(store.markPending("ws_c3", "evt_1", T0.plusSeconds(100)));
        assertFalse(store.markPending("ws_c3", "evt_none", T0));
        WebhookDelivery found = store.find("ws_c3", "evt_1").orElseThrow();
        assertEquals(Status.PENDING, found.status());
        assertEquals(T0.plusSeconds(100), found.nextAttemptAt());
        assertEquals(1, found.attempts().size());
    }

    @Test
    void pages_listNewestFirst_byStatusToo_andNeverAnotherWorkspaces() {
        WebhookDeliveryStore store = newStore();
        for (int i = 0; i < 7; i++) {
            store.create(delivery("ws_c4", "evt_" + i, i));
            if (i % 2 == 0) {
                store.record("ws_c4", "evt_" + i, attempt(1, 200), Status.DELIVERED, null);
            }
        }
        store.create(delivery("ws_c4_other", "evt_x", 100));

        assertEquals(List.of("evt_6", "evt_5", "evt_4", "evt_3", "evt_2", "evt_1", "evt_0"), all(store, null, 3));
        assertEquals(List.of("evt_6", "evt_4", "evt_2", "evt_0"), all(store, Status.DELIVERED, 3));
        assertEquals(List.of("evt_5", "evt_3", "evt_1"), all(store, Status.PENDING, 2));
        assertEquals(List.of(), all(store, Status.PARKED, 2));
    }

    private static List<String> all(WebhookDeliveryStore store, Status status, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            WebhookDeliveryStore.Page page = store.list("ws_c4", status, limit, cursor);
            assertTrue(page.deliveries().size() <= limit);
            page.deliveries().forEach(d -> ids.add(d.id()));
            cursor = page.next();
        } while (cursor != null);
        return ids;
    }
}
