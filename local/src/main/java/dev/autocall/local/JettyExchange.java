package dev.autocall.local;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * A Jetty request seen as a JDK {@link HttpExchange}, so the gateway's local services keep their one
 * interface while Jetty, not the JDK server, parses requests (it lets the gateway answer a malformed
 * URI with JSON instead of the JDK server's own HTML page).
 */
final class JettyExchange extends HttpExchange {
    private final Request request;
    private final Response response;
    private final Headers requestHeaders = new Headers();
    private final Headers responseHeaders = new Headers();
    private final Map<String, Object> attributes = new HashMap<>();
    private InputStream in;
    private OutputStream out;
    private int status = -1;

    JettyExchange(Request request, Response response) {
        this.request = request;
        this.response = response;
        for (HttpField field : request.getHeaders()) {
            requestHeaders.add(field.getName(), field.getValue());
        }
    }

    @Override
    public Headers getRequestHeaders() {
        return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return URI.create(request.getHttpURI().getPathQuery());
    }

    @Override
    public String getRequestMethod() {
        return request.getMethod();
    }

    @Override
    public HttpContext getHttpContext() {
        return null;
    }

    @Override
    public void close() {
        try {
            if (status < 0) {
                sendResponseHeaders(500, -1);
            }
            if (in != null) {
                in.close();
            }
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            // The client went away; nothing is left to tell it.
        }
    }

    @Override
    public InputStream getRequestBody() {
        if (in == null) {
            in = Content.Source.asInputStream(request);
        }
        return in;
    }

    @Override
    public OutputStream getResponseBody() {
        if (out == null) {
            out = Content.Sink.asOutputStream(response);
        }
        return out;
    }

    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
        if (status >= 0) {
            throw new IOException("headers already sent");
        }
        status = code;
        response.setStatus(code);
        responseHeaders.forEach((name, values) -> values.forEach(value -> response.getHeaders().add(name, value)));
        if (length > 0) {
            response.getHeaders().put("Content-Length", Long.toString(length));
        } else if (length < 0) {
            response.getHeaders().put("Content-Length", "0");
        }
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return new InetSocketAddress(Request.getRemoteAddr(request), Request.getRemotePort(request));
    }

    @Override
    public int getResponseCode() {
        return status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return new InetSocketAddress(Request.getLocalAddr(request), Request.getLocalPort(request));
    }

    @Override
    public String getProtocol() {
        return request.getConnectionMetaData().getProtocol();
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
        throw new UnsupportedOperationException("filters are not used by the gateway");
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }
}
