package dev.autocall.local.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A message the simulator carried: sent by the product (outbound-api) or by a simulated person (inbound). */
final class SimMessage {
    final String sid;
    final String direction;
    final String from;
    final String to;
    final String body;
    final Instant dateCreated;
    final String statusCallback;
    private final List<String> statuses = new ArrayList<>();
    private Instant dateUpdated;

    SimMessage(String sid, String direction, String from, String to, String body, Instant at, String statusCallback, String status) {
        this.sid = sid;
        this.direction = direction;
        this.from = from;
        this.to = to;
        this.body = body;
        this.dateCreated = at;
        this.dateUpdated = at;
        this.statusCallback = statusCallback;
        this.statuses.add(status);
    }

    synchronized void status(String status, Instant at) {
        statuses.add(status);
        dateUpdated = at;
    }

    synchronized String status() {
        return statuses.get(statuses.size() - 1);
    }

    synchronized Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sid", sid);
        view.put("direction", direction);
        view.put("from", from);
        view.put("to", to);
        view.put("body", body);
        view.put("status", status());
        view.put("statusHistory", List.copyOf(statuses));
        view.put("dateCreated", dateCreated.toString());
        view.put("dateUpdated", dateUpdated.toString());
        return view;
    }
}
