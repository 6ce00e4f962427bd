package dev.autocall.adapters.twilio;

import dev.autocall.domain.voice.Callback;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The URL layout of the product's voice callbacks. The paths are what Twilio numbers and calls in progress are set up
 * with: they never change. Parameters go in the query string, the workspace first, then by name, so one callback is
 * always one URL (Twilio signs the exact URL it calls).
 */
final class TwilioCallbacks {
    private static final Comparator<Map.Entry<String, String>> WORKSPACE_FIRST = Comparator
            .comparing((Map.Entry<String, String> e) -> !e.getKey().equals("ws"))
            .thenComparing(Map.Entry::getKey);

    private TwilioCallbacks() {
    }

    static String path(Callback.Kind kind) {
        return switch (kind) {
            case FORWARD_RESULT -> "/twilio/voice/dial-status";
            case FORWARD_ANSWERED -> "/twilio/voice/forward-status";
            case VOICEMAIL_DONE -> "/twilio/voice/recording";
            case VOICEMAIL_STORED -> "/twilio/voice/recording-status";
            case VOICEMAIL_TRANSCRIBED -> "/twilio/voice/transcription";
            case CONNECT_RESULT -> "/twilio/voice/connect-status";
            case IVR -> "/twilio/voice/ivr";
            case IVR_WHISPER -> "/twilio/voice/ivr-whisper";
            case CALL_ANSWERED -> "/twilio/voice/outbound";
            case CALL_STATUS -> "/twilio/voice/status";
        };
    }

    static String url(String baseUrl, Callback callback) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        String query = callback.params().entrySet().stream().sorted(WORKSPACE_FIRST)
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return base + path(callback.kind()) + (query.isEmpty() ? "" : "?" + query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
