package dev.autocall.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.autocall.error.InvalidInputException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads API Gateway HTTP API (payload 2.0) requests: body, form parameters, headers, the public URL. */
public final class HttpRequests {
    private HttpRequests() {
    }

    public static String body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return "";
        }
        return event.getIsBase64Encoded() ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
    }

    /**
     * application/x-www-form-urlencoded body → parameters (the last value wins for a repeated name).
     *
     * @throws InvalidInputException naming the body when a % escape is broken (Twilio never sends one)
     */
    public static Map<String, String> formParams(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return params;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // Not URLDecoder's message: it quotes the bad characters, half a surrogate pair among them.
            throw new InvalidInputException("body", "the form body has a broken % escape (a % not followed by two hex digits)");
        }
    }

    public static Optional<String> header(APIGatewayV2HTTPEvent event, String name) {
        if (event.getHeaders() == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> e : event.getHeaders().entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return Optional.ofNullable(e.getValue());
            }
        }
        return Optional.empty();
    }

    public static Optional<String> queryParam(APIGatewayV2HTTPEvent event, String name) {
        return Optional.ofNullable(event.getQueryStringParameters()).map(q -> q.get(name));
    }

    /**
     * The base URL the caller used, stage included: from PUBLIC_BASE_URL when a custom domain fronts the
     * API, else from the request's domain and scheme as API Gateway reports them.
     */
    public static String baseUrl(APIGatewayV2HTTPEvent event, Optional<String> configuredBase) {
        if (configuredBase.isPresent()) {
            String base = configuredBase.get();
            return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        }
        String scheme = header(event, "x-forwarded-proto").orElse("https").toLowerCase(Locale.ROOT);
        String host = Optional.ofNullable(event.getRequestContext()).map(APIGatewayV2HTTPEvent.RequestContext::getDomainName)
                .filter(d -> !d.isBlank())
                .or(() -> header(event, "host"))
                .orElseThrow(() -> new IllegalArgumentException("request has no domain name or Host header"));
        String stage = stage(event);
        return scheme + "://" + host + (stage.isEmpty() ? "" : "/" + stage);
    }

    /**
     * The exact URL Twilio requested, which is what Twilio signed: base URL, the route's path and the raw
     * query string. API Gateway's rawPath includes a named stage; the $default stage has none.
     */
    public static String requestUrl(APIGatewayV2HTTPEvent event, Optional<String> configuredBase) {
        String path = routePath(event);
        String query = event.getRawQueryString();
        return baseUrl(event, configuredBase) + path + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    /** The path without the stage prefix, e.g. /twilio/voice/inbound. */
    public static String routePath(APIGatewayV2HTTPEvent event) {
        String raw = event.getRawPath() == null ? "/" : event.getRawPath();
        String stage = stage(event);
        if (!stage.isEmpty() && raw.startsWith("/" + stage + "/")) {
            return raw.substring(stage.length() + 1);
        }
        return raw;
    }

    private static String stage(APIGatewayV2HTTPEvent event) {
        String stage = Optional.ofNullable(event.getRequestContext()).map(APIGatewayV2HTTPEvent.RequestContext::getStage).orElse("");
        return stage == null || stage.equals("$default") ? "" : stage;
    }
}
