package dev.autocall.local.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A call the simulator played through the product's TwiML. */
final class SimCall {
    final String sid;
    final String direction;
    final String from;
    final String to;
    final Instant startedAt;
    private final List<String> verbs = new ArrayList<>();
    private final List<Map<String, String>> played = new ArrayList<>();
    private final StringBuilder digits = new StringBuilder();
    private String status = "ringing";
    private String answeredBy;
    private String recordingUrl;
    private Instant endedAt;
    private int durationSeconds;

    SimCall(String sid, String direction, String from, String to, Instant startedAt) {
        this.sid = sid;
        this.direction = direction;
        this.from = from;
        this.to = to;
        this.startedAt = startedAt;
    }

    synchronized void played(String verb, String detail) {
        verbs.add(verb);
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("verb", verb);
        if (detail != null) {
            entry.put("detail", detail);
        }
        played.add(entry);
    }

    synchronized void answeredBy(String who) {
        this.answeredBy = who;
        this.status = "in-progress";
    }

    synchronized void recording(String url) {
        this.recordingUrl = url;
    }

    synchronized void pressed(String keys) {
        digits.append(keys);
    }

    synchronized void talked(int seconds) {
        durationSeconds += seconds;
    }

    synchronized int duration() {
        return durationSeconds;
    }

    synchronized void ended(String finalStatus, Instant at) {
        this.status = finalStatus;
        this.endedAt = at;
    }

    synchronized Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sid", sid);
        view.put("direction", direction);
        view.put("from", from);
        view.put("to", to);
        view.put("status", status);
        view.put("answeredBy", answeredBy);
        view.put("digits", digits.toString());
        view.put("verbs", List.copyOf(verbs));
        view.put("played", List.copyOf(played));
        view.put("recordingUrl", recordingUrl);
        view.put("durationSeconds", durationSeconds);
        view.put("startedAt", startedAt.toString());
        view.put("endedAt", endedAt == null ? null : endedAt.toString());
        return view;
    }
}
