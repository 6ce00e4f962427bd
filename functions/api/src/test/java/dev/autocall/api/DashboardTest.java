package dev.autocall.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's files as the API function answers them (the browser test drives the page itself). */
class DashboardTest {
    private final ApiHandler handler = new ApiHandler(new ApiFixture().api);

    private APIGatewayV2HTTPResponse get(String method, String path) {
        return handler.handleRequest(APIGatewayV2HTTPEvent.builder()
                .withRawPath(path)
                .withHeaders(Map.of())
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .build())
                .build(), null);
    }

    @Test
    void the_page_is_served_without_a_key_as_html_under_a_strict_content_security_policy() {
        APIGatewayV2HTTPResponse page = get("GET", "/dashboard");

        assertEquals(200, page.getStatusCode());
        assertEquals("text/html; charset=utf-8", page.getHeaders().get("Content-Type"));
        assertEquals("no-cache", page.getHeaders().get("Cache-Control"));
        String csp = page.getHeaders().get("Content-Security-Policy");
        assertTrue(csp.startsWith("default-src 'self'; script-src 'self'; connect-src 'self'"), csp);
        assertTrue(!csp.split("script-src")[1].split(";")[0].contains("unsafe"), "scripts only from files: " + csp);
        assertTrue(page.getBody().contains("<script src=\"dashboard/app.js\""), "the page loads its script by a relative URL");
        assertTrue(!page.getBody().contains("<script>"), "no inline script");
    }

    @Test
    void the_bundled_charting_library_and_the_page_script_are_served_as_javascript() {
        APIGatewayV2HTTPResponse echarts = get("GET", "/dashboard/echarts.min.js");
        APIGatewayV2HTTPResponse app = get("GET", "/dashboard/app.js");
        APIGatewayV2HTTPResponse css = get("GET", "/dashboard/app.css");
        APIGatewayV2HTTPResponse license = get("GET", "/dashboard/echarts-LICENSE.txt");

        assertEquals(200, echarts.getStatusCode());
        assertEquals("text/javascript; charset=utf-8", echarts.getHeaders().get("Content-Type"));
        assertEquals("public, max-age=86400", echarts.getHeaders().get("Cache-Control"));
        assertTrue(echarts.getBody().length() > 500_000, "the whole minified library");
        assertTrue(echarts.getBody().contains("5.3.1"), "the pinned version");
        assertEquals("text/javascript; charset=utf-8", app.getHeaders().get("Content-Type"));
        assertEquals("text/css; charset=utf-8", css.getHeaders().get("Content-Type"));
        assertTrue(license.getBody().contains("Apache License"));
        assertEquals("nosniff", app.getHeaders().get("X-Content-Type-Options"));
    }

    @Test
    void head_answers_without_a_body_and_other_methods_are_refused() {
        APIGatewayV2HTTPResponse head = get("HEAD", "/dashboard");
        APIGatewayV2HTTPResponse post = get("POST", "/dashboard");

        assertEquals(200, head.getStatusCode());
        assertEquals("", head.getBody());
        assertEquals(405, post.getStatusCode());
        assertEquals("GET, HEAD", post.getHeaders().get("Allow"));
    }

    @Test
    void an_unknown_dashboard_file_is_a_404_and_the_trailing_slash_redirects_to_the_page() {
        APIGatewayV2HTTPResponse missing = get("GET", "/dashboard/../v1/workspace");
        APIGatewayV2HTTPResponse slash = get("GET", "/dashboard/");

        assertEquals(404, missing.getStatusCode());
        assertTrue(missing.getBody().contains("not_found"));
        assertEquals(308, slash.getStatusCode());
        assertEquals("../dashboard", slash.getHeaders().get("Location"));
    }

    @Test
    void the_data_calls_still_need_the_key() {
        ApiResponse calls = new ApiFixture().api.handle(new ApiRequest("GET", "/v1/workspace", Map.of(),
                Optional.empty(), Optional.empty(), ""));

        assertEquals(401, calls.status());
    }
}
