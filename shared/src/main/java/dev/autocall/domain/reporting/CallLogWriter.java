package dev.autocall.domain.reporting;

import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventTypes;
import dev.autocall.domain.webhook.OutboundWebhooks;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.domain.workspace.WorkspaceStore;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes the call log as calls end: turns call events into rows, and announces a row that has reached its final state
 * to the analytics counters and the workspace's webhooks. Events about one call come twice, late and out of order, and
 * some are processed without an idempotency claim, so everything here is idempotent by itself: the store merges rows
 * (a repeat changes nothing), and the counters and webhooks take each row id once. A repeat that finds its row final
 * announces it again: that mends a crash between the row's write and its announcement.
 */
public final class CallLogWriter {
    private final CallRows rows;
    private final WorkspaceStore workspaces;
    private final AnalyticsCounters counters;
    private final OutboundWebhooks webhooks;

    public CallLogWriter(CallRows rows, WorkspaceStore workspaces, AnalyticsCounters counters, OutboundWebhooks webhooks) {
        this.rows = rows;
        this.workspaces = workspaces;
        this.counters = counters;
        this.webhooks = webhooks;
    }

    /**
     * Records what the event says about a call, if it is a call event.
     *
     * @param contactName the contact's first and last name, when the caller has the contact at hand
     */
    public void record(DomainEvent event, Optional<String> contactName) {
        Optional<CallRow> row = rowOf(event, contactName.filter(n -> !n.isBlank()).orElse(null));
        if (row.isEmpty()) {
            return;
        }
        CallRow stored = rows.record(event.workspaceId(), row.get());
        announce(event.workspaceId(), stored, event.occurredAt());
    }

    private void announce(String workspaceId, CallRow row, Instant at) {
        String id = dev.autocall.domain.webhook.WebhookIds.of("call", row.id(), row.status());
        switch (row.status()) {
            case CallRowStates.COMPLETED, CallRowStates.FAILED -> {
                counters.count(workspaceId, row, zoneOf(workspaces.find(workspaceId).orElse(null)));
                webhooks.send(workspaceId, id, "call." + row.status(), at, CallLogColumns.of(row));
            }
            case CallRowStates.DEFERRED -> webhooks.send(workspaceId, id, "call.deferred", at, CallLogColumns.of(row));
            default -> { }
        }
    }

    /** The time zone a workspace's days are counted in (its own, else its numbers'; UTC for a workspace gone). */
    private static ZoneId zoneOf(Workspace workspace) {
        return workspace == null ? ZoneOffset.UTC : workspace.zone();
    }

    static Optional<CallRow> rowOf(DomainEvent event, String contactName) {
        return switch (event.type()) {
            case EventTypes.CALL_OUTCOME -> Optional.of(outbound(event, contactName, at(event, "startedAt"),
                    CallRowStates.COMPLETED, event.dataString("outcome"), null));
            case EventTypes.CALL_DEFERRED -> Optional.of(outbound(event, contactName, at(event, "requestedAt"),
                    CallRowStates.DEFERRED, null, event.dataString("reason")));
            case EventTypes.CALL_FAILED -> Optional.of(outbound(event, contactName, at(event, "requestedAt"),
                    CallRowStates.FAILED, null, event.dataString("reason")));
            case EventTypes.CALL_RECEIVED, EventTypes.CALL_ANSWERED -> inbound(event, contactName, CallRowStates.IN_PROGRESS, null);
            case EventTypes.CALL_MISSED -> inbound(event, contactName, CallRowStates.IN_PROGRESS, "missed");
            case EventTypes.VOICEMAIL_RECEIVED -> inbound(event, contactName, CallRowStates.IN_PROGRESS, "voicemail");
            case EventTypes.CALL_COMPLETED -> inbound(event, contactName, CallRowStates.COMPLETED, CallRowStates.COMPLETED);
            case EventTypes.IVR_COMPLETED -> "inbound".equals(event.dataString("direction"))
                    ? inbound(event, contactName, CallRowStates.COMPLETED, event.dataString("outcome")) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static CallRow outbound(DomainEvent event, String contactName, Instant at, String status, String outcome,
                                    String reason) {
        String id = event.dataString("requestId");
        if (id == null) {
            throw new IllegalStateException("event " + event.id() + " of a call request names no request");
        }
        return new CallRow(id, blankToNull(event.dataString("callSid")), at, CallRow.OUTBOUND, event.contactPhone(),
                contactName, event.dataString("workflowId"), event.dataString("campaignId"), event.dataString("flow"),
                status, outcome, reason, number(event, "durationSeconds"), null, keys(event),
                event.dataString("callerId"), number(event, "attempt"), "true".equals(event.dataString("test")));
    }

    private static Optional<CallRow> inbound(DomainEvent event, String contactName, String status, String outcome) {
        String sid = blankToNull(event.dataString("callSid"));
        if (sid == null) {
            return Optional.empty();
        }
        return Optional.of(new CallRow(sid, sid, at(event, "startedAt"), CallRow.INBOUND, event.contactPhone(),
                contactName, null, null, event.dataString("flow"), status, outcome, null,
                number(event, "durationSeconds"), blankToNull(event.dataString("recordingUrl")), keys(event),
                event.businessNumber(), null, false));
    }

    /** The event's own time field when it has one, else when the event happened. */
    private static Instant at(DomainEvent event, String field) {
        String text = event.dataString(field);
        if (text != null) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                // An unreadable time is the event's time: the row is still worth keeping.
            }
        }
        return event.occurredAt();
    }

    /** An IVR call's keys as "node=digits" in the order pressed, separated by spaces; null when none. */
    private static String keys(DomainEvent event) {
        if (!(event.data().get("keyPresses") instanceof List<?> presses) || presses.isEmpty()) {
            return null;
        }
        return presses.stream().filter(Map.class::isInstance).map(Map.class::cast)
                .map(p -> p.get("node") + "=" + p.get("keys")).collect(Collectors.joining(" "));
    }

    private static Integer number(DomainEvent event, String field) {
        String text = event.dataString(field);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
