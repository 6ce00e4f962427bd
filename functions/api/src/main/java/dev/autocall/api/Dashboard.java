package dev.autocall.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's static files, read from the function's own classpath (the charting library is copied
 * there at build time), so the page works the same locally and in AWS and loads nothing from elsewhere.
 * No API key is needed for them: the page asks for it and sends it with each data call.
 */
final class Dashboard {
    /**
     * Scripts only from this origin and never inline; data only from this origin. Inline styles are allowed
     * because ECharts positions its tooltips with style attributes.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; connect-src 'self'; "
            + "img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    private record Asset(String resource, String contentType, String cacheControl) {
    }

    // All text: the bodies travel as UTF-8 strings, no base64 needed.
    private static final Map<String, Asset> ASSETS = Map.of(
            "/dashboard", new Asset("dashboard/index.html", "text/html; charset=utf-8", "no-cache"),
            "/dashboard/app.js", new Asset("dashboard/app.js", "text/javascript; charset=utf-8", "no-cache"),
            "/dashboard/app.css", new Asset("dashboard/app.css", "text/css; charset=utf-8", "no-cache"),
            // Pinned at build time, so it only changes with a deployment.
            "/dashboard/echarts.min.js", new Asset("dashboard/vendor/echarts.min.js",
                    "text/javascript; charset=utf-8", "public, max-age=86400"),
            "/dashboard/echarts-LICENSE.txt", new Asset("dashboard/vendor/LICENSE",
                    "text/plain; charset=utf-8", "public, max-age=86400"));

    private final Map<String, String> loaded = new ConcurrentHashMap<>();

    static boolean owns(String path) {
        return path.equals("/dashboard") || path.startsWith("/dashboard/");
    }

    /** @param method the request's method, HEAD already read as GET */
    ApiResponse serve(String method, String path) {
        if (path.equals("/dashboard/")) {
            // Relative links on the page resolve against /dashboard, not /dashboard/.
            return new ApiResponse(308, "", Map.of("Location", "../dashboard", "Cache-Control", "no-cache"));
        }
        Asset asset = ASSETS.get(path);
        if (asset == null) {
            return ApiResponse.error(404, "not_found", "no dashboard file " + path, null);
        }
        if (!method.equals("GET")) {
            return ApiResponse.error(405, "method_not_allowed", method + " is not allowed on " + path
                    + "; allowed: GET, HEAD", null).withHeader("Allow", "GET, HEAD");
        }
        Optional<String> body = Optional.ofNullable(loaded.computeIfAbsent(asset.resource(), Dashboard::read));
        if (body.isEmpty()) {
            return ApiResponse.error(404, "not_found", "the dashboard is not bundled in this build (" + path + ")", null);
        }
        return new ApiResponse(200, body.get(), Map.of(
                "Content-Type", asset.contentType(),
                "Cache-Control", asset.cacheControl(),
                "Content-Security-Policy", CONTENT_SECURITY_POLICY,
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer"));
    }

    private static String read(String resource) {
        try (InputStream in = Dashboard.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
