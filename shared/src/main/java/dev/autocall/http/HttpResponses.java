package dev.autocall.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.util.Map;

/** API Gateway HTTP API responses. */
public final class HttpResponses {
    private HttpResponses() {
    }

    public static APIGatewayV2HTTPResponse of(int status, String contentType, String body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", contentType, "Cache-Control", "no-store"))
                .withBody(body)
                .build();
    }

    public static APIGatewayV2HTTPResponse xml(String body) {
        return of(200, "application/xml", body);
    }

    public static APIGatewayV2HTTPResponse json(int status, String body) {
        return of(status, "application/json", body);
    }

    public static APIGatewayV2HTTPResponse text(int status, String body) {
        return of(status, "text/plain; charset=utf-8", body);
    }
}
