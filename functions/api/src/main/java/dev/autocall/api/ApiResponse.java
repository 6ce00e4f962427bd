package dev.autocall.api;

import dev.autocall.json.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/** A JSON response; errors follow SPEC §4.2: {"error": {"code", "message", "field"?}}. */
public record ApiResponse(int status, String body) {
    static ApiResponse ok(Object value) {
        return new ApiResponse(200, Json.write(value));
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
}
