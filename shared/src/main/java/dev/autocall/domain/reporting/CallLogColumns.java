package dev.autocall.domain.reporting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A row's fields by their API names, in the order of the CSV export's columns. */
public final class CallLogColumns {
    public static final List<String> NAMES = List.of("id", "callSid", "at", "direction", "contact", "contactName",
            "workflow", "campaign", "flow", "status", "outcome", "reason", "durationSeconds", "recordingUrl", "keys",
            "callerId", "attempt", "test");

    private CallLogColumns() {
    }

    /** Every field, null where the row has no value: {@code at} as an ISO-8601 instant, numbers and test as such. */
    public static Map<String, Object> of(CallRow row) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", row.id());
        fields.put("callSid", row.callSid());
        fields.put("at", row.at().toString());
        fields.put("direction", row.direction());
        fields.put("contact", row.contact());
        fields.put("contactName", row.contactName());
        fields.put("workflow", row.workflow());
        fields.put("campaign", row.campaign());
        fields.put("flow", row.flow());
        fields.put("status", row.status());
        fields.put("outcome", row.outcome());
        fields.put("reason", row.reason());
        fields.put("durationSeconds", row.durationSeconds());
        fields.put("recordingUrl", row.recordingUrl());
        fields.put("keys", row.keys());
        fields.put("callerId", row.callerId());
        fields.put("attempt", row.attempt());
        fields.put("test", row.test());
        return fields;
    }
}
