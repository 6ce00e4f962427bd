package dev.autocall.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.autocall.json.Json;
import dev.autocall.phone.Redact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP gateway: one port on loopback that routes the template's HttpApi routes to the functions as
 * API Gateway HTTP API events (payload 2.0), and the local services (Twilio simulator, Secrets Manager
 * stand-in) by path prefix.
 */
final class Gateway implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Gateway.class.getName());

    /** A local service on the gateway, selected by path prefix. */
    interface Service {
        void handle(HttpExchange exchange, String path, byte[] body) throws IOException;
    }

    private record Route(String method, String path, LocalFunction function) {
        boolean matches(String requestMethod, String requestPath) {
            if (!method.equals("ANY") && !method.equals(requestMethod)) {
                return false;
            }
            if (path.endsWith("/{proxy+}")) {
                String prefix = path.substring(0, path.length() - "{proxy+}".length());
                return requestPath.startsWith(prefix) && requestPath.length() > prefix.length();
            }
            return path.equals(requestPath);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final List<BiConsumer<String, byte[]>> observers = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private volatile boolean closing;
    private volatile Route defaultRoute;

    Gateway(int port, Clock clock) throws IOException {
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
    }

    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    /** A route from the template; one without a path is HttpApi's $default, taken when no other matches. */
    void route(String method, String path, LocalFunction function) {
        if (path.isEmpty()) {
            defaultRoute = new Route("ANY", "$default", function);
        } else {
            routes.add(new Route(method, path, function));
        }
    }

    void service(String prefix, Service service) {
        services.put(prefix, service);
    }

    /** Told of every request as it arrives (path, body), before it is handled: used by benchmarks. */
    void observe(BiConsumer<String, byte[]> observer) {
        observers.add(observer);
    }

    private void dispatch(HttpExchange exchange) {
        String requestId = UUID.randomUUID().toString();
        try {
            String path = exchange.getRequestURI().getRawPath();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            observers.forEach(o -> o.accept(path, body));
            for (Map.Entry<String, Service> service : services.entrySet()) {
                if (path.startsWith(service.getKey())) {
                    service.getValue().handle(exchange, path, body);
                    return;
                }
            }
            String method = exchange.getRequestMethod();
            for (Route route : routes) {
                if (route.matches(method, path)) {
                    invoke(route, exchange, path, body, requestId);
                    return;
                }
            }
            if (defaultRoute != null) {
                invoke(defaultRoute, exchange, path, body, requestId);
                return;
            }
            send(exchange, 404, "application/json", error("not_found", "no route " + method + " " + path, null));
        } catch (RuntimeException | IOException e) {
            if (!closing) {
                LOG.log(Level.WARNING, () -> "request " + requestId + " failed: " + Redact.failure(e));
            }
            try {
                send(exchange, 500, "application/json", error("internal",
                        "something went wrong on our side; quote the requestId if you report it", requestId));
            } catch (IOException | RuntimeException alreadyAnswered) {
                // The status line was already sent: the client sees the response cut short, the log has the cause.
            }
        } finally {
            exchange.close();
        }
    }

    /** The management API's error shape, for answers the gateway gives itself. */
    static String error(String code, String message, String requestId) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (requestId != null) {
            error.put("requestId", requestId);
        }
        return Json.write(Map.of("error", error));
    }

    private void invoke(Route route, HttpExchange exchange, String path, byte[] body, String requestId) throws IOException {
        APIGatewayV2HTTPEvent event = toEvent(route, exchange, path, body, requestId);
        APIGatewayV2HTTPResponse response = (APIGatewayV2HTTPResponse) route.function().handler()
                .handleRequest(event, LambdaContext.of(route.function().logicalId()));
        String contentType = response.getHeaders() == null ? "application/json"
                : response.getHeaders().getOrDefault("Content-Type", "application/json");
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> {
                if (!name.equalsIgnoreCase("Content-Type")) {
                    exchange.getResponseHeaders().set(name, value);
                }
            });
        }
        send(exchange, response.getStatusCode(), contentType, response.getBody() == null ? "" : response.getBody());
    }

    private APIGatewayV2HTTPEvent toEvent(Route route, HttpExchange exchange, String path, byte[] body, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        headers.put("x-forwarded-proto", "http");
        headers.put("x-forwarded-port", Integer.toString(port()));
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = null;
        if (rawQuery != null && !rawQuery.isEmpty()) {
            query = new LinkedHashMap<>();
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.merge(name, value, (a, b) -> a + "," + b);
            }
        }
        long now = clock.millis();
        APIGatewayV2HTTPEvent.RequestContext.Http http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(exchange.getRequestMethod()).withPath(path).withProtocol("HTTP/1.1")
                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                .withUserAgent(headers.getOrDefault("user-agent", "")).build();
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withDomainName(headers.getOrDefault("host", "127.0.0.1:" + port()))
                .withDomainPrefix("127")
                .withStage("$default")
                .withRouteKey(route.method() + " " + route.path())
                .withRequestId(requestId)
                .withTimeEpoch(now)
                .withHttp(http)
                .build();
        Map<String, String> pathParameters = null;
        if (route.path().endsWith("/{proxy+}")) {
            pathParameters = Map.of("proxy", path.substring(route.path().length() - "{proxy+}".length()));
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.method() + " " + route.path())
                .withRawPath(path)
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withHeaders(headers)
                .withQueryStringParameters(query)
                .withPathParameters(pathParameters)
                .withRequestContext(context)
                .withBody(new String(body, StandardCharsets.UTF_8))
                .withIsBase64Encoded(false)
                .build();
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        server.stop(0);
        executor.shutdownNow();
    }
}
