package dev.autocall.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import dev.autocall.json.Json;
import dev.autocall.local.faults.SimulatedCrash;
import dev.autocall.phone.Redact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP gateway: one port on loopback that routes the template's HttpApi routes to the functions as
 * API Gateway HTTP API events (payload 2.0), and the local services (Twilio simulator, Secrets Manager
 * stand-in) by path prefix. It runs on Jetty (already here for DynamoDB Local) rather than the JDK's
 * server, which answers a malformed URI with an HTML page before any handler sees it.
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

    /** A % not followed by two hex digits: the path cannot be decoded. */
    private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    private final Server server;
    private final ServerConnector connector;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final List<BiConsumer<String, byte[]>> observers = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<String, Long>> timers = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final InFlight requests = new InFlight();
    private volatile boolean closing;
    private volatile Route defaultRoute;

    Gateway(int port, Clock clock) throws IOException {
        this.clock = clock;
        QueuedThreadPool threads = new QueuedThreadPool(256);
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        threads.setName("gateway");
        this.server = new Server(threads);
        // Long query strings reach the API, which names the parameter that is too long (400), instead of Jetty's
        // bare 414 at 8 KB; API Gateway has its own limit in AWS.
        org.eclipse.jetty.server.HttpConfiguration http = new org.eclipse.jetty.server.HttpConfiguration();
        http.setRequestHeaderSize(64 * 1024);
        this.connector = new ServerConnector(server, new org.eclipse.jetty.server.HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        connector.open();
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                try (JettyExchange exchange = new JettyExchange(request, response)) {
                    String rawPath = request.getHttpURI().getPath();
                    if (rawPath == null || BAD_ESCAPE.matcher(rawPath).find()) {
                        answerQuietly(exchange, 400, error("invalid_input", "the path has a % not followed by two hex digits", null));
                    } else {
                        dispatch(exchange);
                    }
                }
                callback.succeeded();
                return true;
            }
        });
        // Jetty's own refusals (a URI it cannot parse, a header too large) in the API's error shape.
        server.setErrorHandler(new ErrorHandler() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Object status = request.getAttribute(ERROR_STATUS);
                int code = status instanceof Integer i ? i : 500;
                response.setStatus(code);
                response.getHeaders().put("Content-Type", "application/json");
                String errorCode = switch (code) {
                    case 400 -> "invalid_input";
                    case 404 -> "not_found";
                    case 413, 431 -> "too_large";
                    default -> "internal";
                };
                Object message = request.getAttribute(ERROR_MESSAGE);
                response.write(true, java.nio.ByteBuffer.wrap(error(errorCode,
                        message == null ? "the request could not be read" : message.toString(), null)
                        .getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
    }

    void start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("the gateway could not start on port " + connector.getPort(), e);
        }
    }

    int port() {
        return connector.getLocalPort();
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

    /** Told of every request a function answered: its path and the nanoseconds from its arrival to the answer sent. */
    void time(BiConsumer<String, Long> timer) {
        timers.add(timer);
    }

    /** The requests being handled now (method and path), for the runtime's quiet wait. */
    List<String> inFlight() {
        return requests.busy();
    }

    private void dispatch(HttpExchange exchange) {
        String requestId = UUID.randomUUID().toString();
        long arrived = System.nanoTime();
        try (InFlight.Work request = requests.start(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath())) {
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
                    long took = System.nanoTime() - arrived;
                    timers.forEach(t -> t.accept(path, took));
                    return;
                }
            }
            if (defaultRoute != null) {
                invoke(defaultRoute, exchange, path, body, requestId);
                return;
            }
            send(exchange, 404, "application/json", error("not_found", "no route " + method + " " + path, null));
        } catch (SimulatedCrash e) {
            // The function died: API Gateway's own answer, since the function gave none.
            LOG.warning("function crashed: " + e.getMessage());
            answerQuietly(exchange, 500, "{\"message\":\"Internal Server Error\"}");
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
        }
    }

    private static void answerQuietly(HttpExchange exchange, int status, String body) {
        try {
            send(exchange, status, "application/json", body);
        } catch (IOException e) {
            // The client went away.
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
        try {
            server.stop();
        } catch (Exception e) {
            LOG.log(Level.FINE, "gateway stop", e);
        }
    }
}
