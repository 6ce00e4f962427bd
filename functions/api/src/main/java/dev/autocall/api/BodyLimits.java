package dev.autocall.api;

import java.nio.charset.StandardCharsets;

/**
 * The largest body each request may send, well under what the stores take: a DynamoDB item is at most
 * 400 KB and an SQS message 256 KB, and an event is copied into every run it starts.
 */
final class BodyLimits {
    static final int WORKSPACE = 32 * 1024;
    static final int CONTACT = 32 * 1024;
    static final int WORKFLOW = 64 * 1024;
    static final int FLOW = 64 * 1024;
    static final int EVENT = 64 * 1024;
    static final int PREFLIGHT = 4 * 1024;
    static final int CAMPAIGN = 64 * 1024;
    /** Under Lambda's 6 MB request limit: 100,000 rows of a number and a name fit. */
    static final int TARGETS = 5_900_000;

    private BodyLimits() {
    }

    static void require(String body, int limit, String what) {
        if (body != null && body.length() > limit / 3 && body.getBytes(StandardCharsets.UTF_8).length > limit) {
            throw new TooLargeException(null, what + " is larger than " + limit / 1024 + " KB");
        }
    }

    static int size(String json) {
        return json.getBytes(StandardCharsets.UTF_8).length;
    }
}
