package dev.autocall.adapters.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.TwilioRestClient;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpHost;

import java.net.URI;
import java.util.Optional;

/**
 * Builds the Twilio REST client. Twilio's SDK has no base-URL setting, so for the local simulator a route
 * planner sends every request for *.twilio.com to the local endpoint; URLs, auth and payloads stay exactly
 * what the SDK sends to Twilio.
 */
public final class TwilioClients {
    private TwilioClients() {
    }

    public static TwilioRestClient restClient(TwilioCredentials credentials, Optional<URI> localEndpoint) {
        TwilioRestClient.Builder builder = new TwilioRestClient.Builder(credentials.accountSid(), credentials.authToken());
        localEndpoint.ifPresent(endpoint -> {
            HttpHost local = new HttpHost(endpoint.getScheme(), endpoint.getHost(), endpoint.getPort());
            HttpClientBuilder http = HttpClientBuilder.create()
                    .setRoutePlanner((target, context) -> new HttpRoute(local));
            builder.httpClient(new NetworkHttpClient(http));
        });
        return builder.build();
    }
}
