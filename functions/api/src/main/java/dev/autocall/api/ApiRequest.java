package dev.autocall.api;

import java.util.Map;
import java.util.Optional;

/**
 * A management API request, already stripped of API Gateway details.
 *
 * @param path the route path without the stage, e.g. /v1/contacts/+14155550123
 */
public record ApiRequest(String method, String path, Map<String, String> query, Optional<String> bearerToken,
                         Optional<String> contentType, String body) {
}
