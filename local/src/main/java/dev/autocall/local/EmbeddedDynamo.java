package dev.autocall.local;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

import java.net.URI;

/**
 * DynamoDB Local, in memory, in process. DynamoDB Local's own runner binds every interface and phones home;
 * this puts its request handler on a Jetty connector bound to loopback and sends nothing anywhere.
 */
final class EmbeddedDynamo implements AutoCloseable {
    private final Server server;
    private final LocalDynamoDBRequestHandler requests;
    private final URI endpoint;

    private EmbeddedDynamo(Server server, LocalDynamoDBRequestHandler requests, URI endpoint) {
        this.server = server;
        this.requests = requests;
        this.endpoint = endpoint;
    }

    static EmbeddedDynamo start() throws Exception {
        LocalDynamoDBRequestHandler requests = new LocalDynamoDBRequestHandler(0, true, null, true, false);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new LocalDynamoDBServerHandler(requests, null));
        server.start();
        return new EmbeddedDynamo(server, requests, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        server.stop();
        requests.shutdown();
    }
}
