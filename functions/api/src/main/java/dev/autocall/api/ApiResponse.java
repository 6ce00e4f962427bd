package dev.autocall.api;

import dev.autocall.json.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON response; errors are {"error": {"code", "message", "field"?}}.
 *
 * @param headers headers besides Content-Type, e.g. Allow on a 405
 */
public record ApiResponse(int status, String body, Map<String, String> headers) {
    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public ApiResponse(int status, String body) {
        this(status, body, Map.of());
    }

    static ApiResponse ok(Object value) {
        return new ApiResponse(200, Json.write(value));
    }

    static ApiResponse of(int status, Object value) {
        return new ApiResponse(status, Json.write(value));
    }

    static ApiResponse accepted(Object value) {
        return new ApiResponse(202, Json.write(value));
    }

    static ApiResponse error(int status, String code, String message, String field) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (field != null) {
            error.put("field", field);
        }
        return new ApiResponse(status, Json.write(Map.of("error", error)));
    }

    /** The answer to a failure nobody foresaw: the id lets an operator find the cause in the log. */
    public static ApiResponse internalError(String requestId) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", "internal");
        error.put("message", "something went wrong on our side; quote the requestId if you report it");
        error.put("requestId", requestId);
        return new ApiResponse(500, Json.write(Map.of("error", error)));
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(headers);
        next.put(name, value);
        return new ApiResponse(status, body, next);
    }

    /** A HEAD request gets the GET answer's status and headers, without its body. */
    ApiResponse withoutBody() {
        return new ApiResponse(status, "", headers);
    }
}
