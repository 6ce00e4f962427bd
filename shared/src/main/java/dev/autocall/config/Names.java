package dev.autocall.config;

/** Environment variable names shared by the template, the functions and the local runtime. */
public final class Names {
    public static final String WORKSPACES_TABLE = "WORKSPACES_TABLE";
    public static final String CONTACTS_TABLE = "CONTACTS_TABLE";
    public static final String WORKFLOWS_TABLE = "WORKFLOWS_TABLE";
    public static final String RUNS_TABLE = "RUNS_TABLE";
    public static final String ACTIVITY_TABLE = "ACTIVITY_TABLE";
    public static final String IDEMPOTENCY_TABLE = "IDEMPOTENCY_TABLE";
    public static final String EVENTS_QUEUE_URL = "EVENTS_QUEUE_URL";
    public static final String CAPS_TABLE = "CAPS_TABLE";
    public static final String DIAL_QUEUE_URL = "DIAL_QUEUE_URL";
    public static final String TWILIO_SECRET_ID = "TWILIO_SECRET_ID";
    /** The HTTP API's public base URL, for the status callbacks the trigger asks Twilio for. */
    public static final String WEBHOOK_BASE_URL = "WEBHOOK_BASE_URL";
    /** Optional: the public base URL when a custom domain fronts the HTTP API. */
    public static final String PUBLIC_BASE_URL = "PUBLIC_BASE_URL";

    private Names() {
    }
}
