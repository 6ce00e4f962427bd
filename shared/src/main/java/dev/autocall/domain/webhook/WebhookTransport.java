package dev.autocall.domain.webhook;

import java.util.Map;

/** Port: one signed POST to a receiver, whatever happens coming back as a {@link Result}, never as an exception. */
public interface WebhookTransport {

    Result post(String url, Map<String, String> headers, String body);

    /**
     * @param status the HTTP status, null when none came (refused, timeout, network error)
     * @param error  null when a status came; a redirect's status comes with no error but is not a success
     */
    record Result(Integer status, String error, long durationMs) {
        public static Result failed(String error, long durationMs) {
            return new Result(null, error, durationMs);
        }
    }
}
