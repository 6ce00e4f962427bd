package dev.autocall.domain.ivr;

import java.time.Duration;

/** Port: a fetch node's signed POST to the business's server. */
public interface Fetcher {
    /**
     * POSTs {@code json} to {@code url}, signed with the workspace's webhook secret, waiting at most {@code timeout}.
     * Never throws for what the server or the network does: a timeout, a refused connection or an address that may
     * not be called come back as a {@link Response} with status 0 and the error.
     */
    Response post(String workspaceId, String url, String json, Duration timeout);

    /** @param error null when the server answered (any status) */
    record Response(int status, String body, String error) {
        public boolean ok() {
            return error == null && status >= 200 && status < 300;
        }
    }
}
