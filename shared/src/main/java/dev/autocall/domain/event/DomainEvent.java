package dev.autocall.domain.event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A normalized thing that happened, carried on the events queue. The id is deterministic
 * (derived from the provider's sid or the caller's event id), so a repeat is recognized as one event.
 *
 * @param contactPhone the customer's number in E.164 (the caller, or the contact an application event names)
 * @param businessNumber the workspace number involved, when there is one
 * @param data event payload: provider details for telephony events, the caller's data for application events
 * @param contact contact fields sent with an application event (firstName, lastName, ...), empty otherwise
 */
public record DomainEvent(
        String id,
        String type,
        String workspaceId,
        Instant occurredAt,
        String contactPhone,
        String businessNumber,
        Map<String, Object> data,
        Map<String, Object> contact) {

    public DomainEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        data = withoutNullValues(data);
        contact = withoutNullValues(contact);
    }

    /** A null value is "no value": dropped rather than refused by Map.copyOf, as a queue message would drop it. */
    private static Map<String, Object> withoutNullValues(Map<String, Object> map) {
        if (map == null) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (key != null && value != null) {
                copy.put(key, value);
            }
        });
        return Map.copyOf(copy);
    }

    public String dataString(String key) {
        Object value = data.get(key);
        return value == null ? null : value.toString();
    }
}
