package dev.autocall.domain.event;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DomainEventTest {
    @Test
    void aNullValueInDataOrContact_isNoValue() {
        Map<String, Object> data = new HashMap<>();
        data.put("source", null);
        data.put("kept", 1);
        Map<String, Object> contact = new HashMap<>();
        contact.put("company", null);

        DomainEvent event = new DomainEvent("api:r1", "lead.created", "ws", Instant.EPOCH, "+14155550123", null, data, contact);

        assertEquals(Map.of("kept", 1), event.data());
        assertEquals(Map.of(), event.contact());
    }
}
