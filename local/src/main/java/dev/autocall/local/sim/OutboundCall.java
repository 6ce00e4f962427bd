package dev.autocall.local.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One call the product created with the Calls API, played on its own thread as Twilio plays it: status
 * callbacks for the requested events (initiated, ringing, answered; the final one always), answering machine
 * detection, the TwiML from Url with the callee's script, and the final status with its duration. Times are
 * simulated (ringing and talking advance them; nobody waits), so a 60-second no-answer takes milliseconds.
 */
final class OutboundCall implements Runnable {
    /** How long a voicemail greeting plays before the beep that DetectMessageEnd waits for. */
    static final int GREETING_SECONDS = 12;

    /** The create request's parameters that decide how the call plays. */
    record Request(String to, String from, Optional<String> url, String method, Optional<String> twiml,
                   Optional<String> fallbackUrl, String fallbackMethod, Optional<String> statusCallback,
                   String statusCallbackMethod, Set<String> events, int timeoutSeconds, boolean record,
                   Optional<String> recordingStatusCallback, String recordingStatusCallbackMethod,
                   Optional<String> machineDetection) {

        static Request of(Map<String, List<String>> params) {
            Set<String> events = new LinkedHashSet<>();
            for (String value : params.getOrDefault("StatusCallbackEvent", List.of())) {
                for (String event : value.trim().split("[\\s,]+")) {
                    if (!event.isEmpty()) {
                        events.add(event.toLowerCase(Locale.ROOT));
                    }
                }
            }
            int timeout = one(params, "Timeout").map(t -> {
                try {
                    return Integer.parseInt(t);
                } catch (NumberFormatException e) {
                    return 60;
                }
            }).orElse(60);
            return new Request(one(params, "To").orElse(""), one(params, "From").orElse(""), one(params, "Url"),
                    method(params, "Method"), one(params, "Twiml"), one(params, "FallbackUrl"), method(params, "FallbackMethod"),
                    one(params, "StatusCallback"), method(params, "StatusCallbackMethod"), events,
                    Math.max(1, Math.min(600, timeout)), one(params, "Record").map("true"::equalsIgnoreCase).orElse(false),
                    one(params, "RecordingStatusCallback"), method(params, "RecordingStatusCallbackMethod"),
                    one(params, "MachineDetection"));
        }

        private static Optional<String> one(Map<String, List<String>> params, String name) {
            List<String> values = params.get(name);
            return values == null || values.isEmpty() || values.get(values.size() - 1).isBlank()
                    ? Optional.empty() : Optional.of(values.get(values.size() - 1));
        }

        private static String method(Map<String, List<String>> params, String name) {
            return one(params, name).filter("GET"::equalsIgnoreCase).isPresent() ? "GET" : "POST";
        }
    }

    private final SimCall call;
    private final Request request;
    private final CalleeScript callee;
    private final Function<String, CalleeScript> scripts;
    private final CallPlayer player;
    private final WebhookSender webhooks;
    private final Ids ids;
    private final List<Map<String, String>> heldBack = new ArrayList<>();
    private int sequence;
    private String detected;

    OutboundCall(SimCall call, Request request, CalleeScript callee, Function<String, CalleeScript> scripts,
                 CallPlayer player, WebhookSender webhooks, Ids ids) {
        this.call = call;
        this.request = request;
        this.callee = callee;
        this.scripts = scripts;
        this.player = player;
        this.webhooks = webhooks;
        this.ids = ids;
    }

    @Override
    public void run() {
        try {
            play();
        } catch (RuntimeException e) {
            // A simulator fault must not leave the call queued forever: it ends failed, and says why.
            call.played("Error", "simulator: " + e);
            if (call.endedAt() == null) {
                finish("failed", call.startedAt);
            }
        }
    }

    private void play() {
        // Twilio answers the create request before the call leaves its queue.
        pause(Duration.ofMillis(20));
        Instant start = call.startedAt;
        progress("initiated", "queued", start, Map.of());
        switch (callee.behavior()) {
            case "fail" -> finish("failed", start);
            case "busy" -> finish("busy", start.plusSeconds(1));
            case "no-answer" -> {
                ringing(start);
                finish("no-answer", start.plusSeconds(request.timeoutSeconds()));
            }
            default -> {
                ringing(start);
                if (!callee.picksUpWithin(request.timeoutSeconds())) {
                    finish("no-answer", start.plusSeconds(request.timeoutSeconds()));
                } else {
                    answered(start.plusSeconds(callee.ringSeconds()));
                }
            }
        }
    }

    private void ringing(Instant at) {
        call.status("ringing", at);
        progress("ringing", "ringing", at, Map.of());
    }

    /** Picked up: detection (when asked for), the TwiML played to its end, then the final status. */
    private void answered(Instant at) {
        boolean machine = callee.behavior().equals("voicemail");
        Optional<String> detection = request.machineDetection();
        detected = detection.map(mode -> !machine ? "human"
                : mode.equalsIgnoreCase("DetectMessageEnd") ? "machine_end_beep" : "machine_start").orElse(null);
        call.answered(machine ? "machine" : "human", detected, at);
        callee.hangupAfterSeconds().ifPresent(call::hangsUpAfter);
        Map<String, String> amd = new LinkedHashMap<>();
        if (detected != null) {
            amd.put("AnsweredBy", detected);
        }
        progress("answered", "in-progress", at, amd);
        if (machine && "machine_end_beep".equals(detected)) {
            // DetectMessageEnd waits through the greeting for the beep: the message goes onto the recording.
            call.talked(GREETING_SECONDS);
        }
        String recordingSid = request.record() ? ids.next("RE") : null;
        Map<String, String> params = player.base(call);
        params.put("CallStatus", "in-progress");
        if (detected != null) {
            params.put("AnsweredBy", detected);
            params.put("MachineDetectionDuration", machine && detected.equals("machine_end_beep")
                    ? Integer.toString(GREETING_SECONDS * 1000) : "2100");
        }
        String documentUrl = request.twiml().isPresent() ? null : request.url().orElse(null);
        String twiml = request.twiml().orElseGet(() -> webhooks.send(request.method(), request.url().orElseThrow(), params));
        if (twiml.isBlank() && request.fallbackUrl().isPresent()) {
            Map<String, String> fallback = new LinkedHashMap<>(params);
            fallback.put("ErrorCode", "11200");
            fallback.put("ErrorUrl", request.url().orElse(""));
            documentUrl = request.fallbackUrl().get();
            twiml = webhooks.send(request.fallbackMethod(), documentUrl, fallback);
        }
        player.play(call, new People.Callee(callee, machine, scripts), twiml, documentUrl);
        Map<String, String> extra = new LinkedHashMap<>(amd);
        if (recordingSid != null) {
            String recordingUrl = player.recordingUrl(recordingSid);
            call.recording(recordingUrl);
            extra.put("RecordingUrl", recordingUrl);
            extra.put("RecordingSid", recordingSid);
            extra.put("RecordingDuration", Integer.toString(call.duration()));
        }
        Instant end = at.plusSeconds(call.duration());
        finish("completed", end, extra);
        if (recordingSid != null && request.recordingStatusCallback().isPresent()) {
            player.recordingStatus(call, request.recordingStatusCallback().get(), request.recordingStatusCallbackMethod(),
                    recordingSid, call.duration(), "OutboundAPI");
        }
    }

    private void finish(String status, Instant at) {
        finish(status, at, Map.of());
    }

    /** The final status callback: sent whether or not "completed" was asked for, as Twilio does. */
    private void finish(String status, Instant at, Map<String, String> extra) {
        call.ended(status, at);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CallDuration", Integer.toString(call.duration()));
        params.putAll(extra);
        progress("completed", status, at, params);
    }

    /**
     * A status callback for one call progress event, when the request asked for it (the final one always).
     * A callee scripted outOfOrder gets the final callback first and the held-back earlier ones after it; one
     * scripted repeatCallbacks gets each twice.
     */
    private void progress(String event, String callStatus, Instant at, Map<String, String> extra) {
        boolean last = event.equals("completed");
        if (request.statusCallback().isEmpty() || (!last && !request.events().contains(event))) {
            return;
        }
        Map<String, String> params = player.base(call);
        params.put("CallStatus", callStatus);
        params.put("Timestamp", TwilioFormats.rfc2822(at));
        params.put("CallbackSource", "call-progress-events");
        params.put("SequenceNumber", Integer.toString(sequence++));
        params.putAll(extra);
        if (callee.outOfOrder() && !last) {
            heldBack.add(params);
            return;
        }
        deliver(params);
        if (last) {
            heldBack.forEach(this::deliver);
            heldBack.clear();
        }
    }

    private void deliver(Map<String, String> params) {
        for (int i = 0; i < (callee.repeatCallbacks() ? 2 : 1); i++) {
            webhooks.send(request.statusCallbackMethod(), request.statusCallback().orElseThrow(), params);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
