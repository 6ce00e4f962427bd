package dev.autocall.local.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A call the simulator played through the product's TwiML: an inbound call a simulated person made, or an
 * outbound call the product created with the Calls API. Its times are simulated: ringing and talking advance
 * them without anyone waiting.
 */
final class SimCall {
    private static final Map<String, String> SUBRESOURCES = subresources();

    final String sid;
    final String direction;
    final String from;
    final String to;
    final Instant startedAt;
    private final List<String> verbs = new ArrayList<>();
    private final List<Map<String, String>> played = new ArrayList<>();
    private final List<String> statusHistory = new ArrayList<>();
    private final StringBuilder digits = new StringBuilder();
    private final List<Map<String, String>> keys = new ArrayList<>();
    private final List<Map<String, String>> said = new ArrayList<>();
    private String status;
    private String answeredBy;
    private String machineDetection;
    private String recordingUrl;
    private Instant answeredAt;
    private Instant endedAt;
    private Instant updatedAt;
    private int durationSeconds;
    private Integer hangupAt;
    private boolean hungUp;
    private int documents;

    SimCall(String sid, String direction, String from, String to, Instant startedAt) {
        this(sid, direction, from, to, startedAt, "ringing");
    }

    SimCall(String sid, String direction, String from, String to, Instant startedAt, String initialStatus) {
        this.sid = sid;
        this.direction = direction;
        this.from = from;
        this.to = to;
        this.startedAt = startedAt;
        this.updatedAt = startedAt;
        this.status = initialStatus;
        this.statusHistory.add(initialStatus);
    }

    synchronized void played(String verb, String detail) {
        played(verb, detail, null);
    }

    /**
     * @param outcome what came of the verb, e.g. the dialed number's DialCallStatus, or null
     * @return the entry, for an outcome known only later ({@link #outcome})
     */
    synchronized Map<String, String> played(String verb, String detail, String outcome) {
        verbs.add(verb);
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("verb", verb);
        if (detail != null) {
            entry.put("detail", detail);
        }
        if (outcome != null) {
            entry.put("outcome", outcome);
        }
        played.add(entry);
        return entry;
    }

    /** What came of a verb played earlier (a Gather's keys once its prompt has played). */
    synchronized void outcome(Map<String, String> entry, String outcome) {
        entry.put("outcome", outcome);
    }

    /** An inbound call connected to the party it was forwarded to. */
    synchronized void answeredBy(String who) {
        this.answeredBy = who;
        status("in-progress", updatedAt);
    }

    synchronized String answeredBy() {
        return answeredBy;
    }

    /** An outbound call picked up, by a person or a machine, at a simulated instant. */
    synchronized void answered(String who, String detected, Instant at) {
        this.answeredBy = who;
        this.machineDetection = detected;
        this.answeredAt = at;
        status("in-progress", at);
    }

    synchronized void status(String newStatus, Instant at) {
        if (!newStatus.equals(status)) {
            status = newStatus;
            statusHistory.add(newStatus);
        }
        updatedAt = at;
    }

    synchronized String status() {
        return status;
    }

    synchronized Instant answeredAt() {
        return answeredAt;
    }

    synchronized void recording(String url) {
        this.recordingUrl = url;
    }

    /** Keys pressed at a Gather, at the call's simulated time now. */
    synchronized void pressed(String pressed) {
        digits.append(pressed);
        keys.add(Map.of("keys", pressed, "at", now().toString()));
    }

    /** A text spoken on the call, to the {@code callee} (whoever is on this call's far end) or to a {@code dialed} party. */
    synchronized void said(String to, String text) {
        said.add(Map.of("to", to, "text", text));
    }

    /** The person on the line hangs up {@code seconds} of talk from now (0: at once). */
    synchronized void hangsUpAfter(int seconds) {
        hangupAt = durationSeconds + seconds;
        hungUp = seconds <= 0;
    }

    /** Talk time passes; when the person's patience runs out on the way, the call ends there. */
    synchronized void talked(int seconds) {
        durationSeconds += seconds;
        if (hangupAt != null && durationSeconds >= hangupAt) {
            durationSeconds = hangupAt;
            hungUp = true;
        }
    }

    /** The person on the line hung up (their hangupAfterSeconds ran out): nothing more plays and no action is requested. */
    synchronized boolean hungUp() {
        return hungUp;
    }

    /** Counts a TwiML document the call fetches: false once it would be more than {@code max}. */
    synchronized boolean document(int max) {
        if (documents >= max) {
            return false;
        }
        documents++;
        return true;
    }

    /** The call's simulated time now: its pick-up (or start, inbound) plus the talk so far. */
    private Instant now() {
        return (answeredAt != null ? answeredAt : startedAt).plusSeconds(durationSeconds);
    }

    synchronized int duration() {
        return durationSeconds;
    }

    synchronized void ended(String finalStatus, Instant at) {
        status(finalStatus, at);
        this.endedAt = at;
    }

    synchronized Instant endedAt() {
        return endedAt;
    }

    /** What /_sim/calls shows. */
    synchronized Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sid", sid);
        view.put("direction", direction);
        view.put("from", from);
        view.put("to", to);
        view.put("status", status);
        view.put("statusHistory", List.copyOf(statusHistory));
        view.put("answeredBy", machineDetection != null ? machineDetection : answeredBy);
        view.put("digits", digits.toString());
        view.put("keys", List.copyOf(keys));
        view.put("said", List.copyOf(said));
        view.put("hungUpBy", hungUp ? "callee" : null);
        view.put("verbs", List.copyOf(verbs));
        view.put("played", played.stream().map(LinkedHashMap::new).toList());
        view.put("recordingUrl", recordingUrl);
        view.put("durationSeconds", durationSeconds);
        view.put("startedAt", startedAt.toString());
        view.put("answeredAt", answeredAt == null ? null : answeredAt.toString());
        view.put("endedAt", endedAt == null ? null : endedAt.toString());
        return view;
    }

    /** The call as Twilio's Calls API shows it (schema api.v2010.account.call). */
    synchronized Map<String, Object> resource(String accountSid) {
        String uri = "/2010-04-01/Accounts/" + accountSid + "/Calls/" + sid;
        boolean queued = status.equals("queued");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("sid", sid);
        r.put("date_created", TwilioFormats.rfc2822(startedAt));
        r.put("date_updated", TwilioFormats.rfc2822(updatedAt));
        r.put("parent_call_sid", null);
        r.put("account_sid", accountSid);
        r.put("to", to);
        r.put("to_formatted", TwilioFormats.formatted(to));
        r.put("from", from);
        r.put("from_formatted", TwilioFormats.formatted(from));
        r.put("phone_number_sid", null);
        r.put("status", status);
        r.put("start_time", queued ? null : TwilioFormats.rfc2822(startedAt));
        r.put("end_time", TwilioFormats.rfc2822(endedAt));
        r.put("duration", endedAt == null ? null : Integer.toString(durationSeconds));
        r.put("price", null);
        r.put("price_unit", "USD");
        r.put("direction", direction);
        r.put("answered_by", machineDetection);
        r.put("api_version", "2010-04-01");
        r.put("forwarded_from", null);
        r.put("group_sid", null);
        r.put("caller_name", null);
        r.put("queue_time", "0");
        r.put("trunk_sid", null);
        r.put("uri", uri + ".json");
        Map<String, String> sub = new LinkedHashMap<>();
        SUBRESOURCES.forEach((name, path) -> sub.put(name, uri + "/" + path + ".json"));
        r.put("subresource_uris", sub);
        return r;
    }

    private static Map<String, String> subresources() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("notifications", "Notifications");
        names.put("recordings", "Recordings");
        names.put("payments", "Payments");
        names.put("events", "Events");
        names.put("siprec", "Siprec");
        names.put("streams", "Streams");
        names.put("transcriptions", "Transcriptions");
        names.put("user_defined_message_subscriptions", "UserDefinedMessageSubscriptions");
        names.put("user_defined_messages", "UserDefinedMessages");
        return names;
    }
}
