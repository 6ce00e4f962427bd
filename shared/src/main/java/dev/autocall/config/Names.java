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
    public static final String EVENTS_QUEUE_ARN = "EVENTS_QUEUE_ARN";
    public static final String CAPS_TABLE = "CAPS_TABLE";
    public static final String CAMPAIGNS_TABLE = "CAMPAIGNS_TABLE";
    /** Analytics counters per workspace, dimension and local day, and the markers of the rows counted. */
    public static final String ANALYTICS_TABLE = "ANALYTICS_TABLE";
    /** The call log: a row per call attempt and per request never dialed, with its time index. */
    public static final String CALL_LOG_TABLE = "CALL_LOG_TABLE";
    public static final String CAMPAIGN_QUEUE_URL = "CAMPAIGN_QUEUE_URL";
    public static final String CAMPAIGN_QUEUE_ARN = "CAMPAIGN_QUEUE_ARN";
    /** Outbound webhooks: the queue deliveries go through (URL for SQS, ARN for Scheduler) and their records. */
    public static final String WEBHOOK_QUEUE_URL = "WEBHOOK_QUEUE_URL";
    public static final String WEBHOOK_QUEUE_ARN = "WEBHOOK_QUEUE_ARN";
    public static final String WEBHOOK_DELIVERIES_TABLE = "WEBHOOK_DELIVERIES_TABLE";
    public static final String RECURRING_SCHEDULE_GROUP = "RECURRING_SCHEDULE_GROUP";
    /** Seconds a container keeps workspaces, API keys and live workflows it has read (0 = always read). */
    public static final String SETTINGS_CACHE_SECONDS = "SETTINGS_CACHE_SECONDS";
    public static final String DIAL_QUEUE_URL = "DIAL_QUEUE_URL";
    /** The dial queue's ARN: where Scheduler delivers the settle checks of placed calls. */
    public static final String DIAL_QUEUE_ARN = "DIAL_QUEUE_ARN";
    public static final String TWILIO_SECRET_ID = "TWILIO_SECRET_ID";
    /** The HTTP API's public base URL, for the status callbacks the trigger asks Twilio for. */
    public static final String WEBHOOK_BASE_URL = "WEBHOOK_BASE_URL";
    /** Optional: the public base URL when a custom domain fronts the HTTP API. */
    public static final String PUBLIC_BASE_URL = "PUBLIC_BASE_URL";
    /** The compliance queue, where deferred call requests go back when due (URL for SQS, ARN for Scheduler). */
    public static final String COMPLIANCE_QUEUE_URL = "COMPLIANCE_QUEUE_URL";
    public static final String COMPLIANCE_QUEUE_ARN = "COMPLIANCE_QUEUE_ARN";
    /** The stack's Scheduler group, the role Scheduler assumes to send to the queue, and its dead-letter queue. */
    public static final String SCHEDULE_GROUP = "SCHEDULE_GROUP";
    public static final String SCHEDULER_ROLE_ARN = "SCHEDULER_ROLE_ARN";
    public static final String SCHEDULER_DLQ_ARN = "SCHEDULER_DLQ_ARN";

    /**
     * Set to "true" by the local runtime only: the URLs a workspace gives (a flow's fetch) may then also be plain
     * http on loopback. Deployed functions never have it, so they call only https to public addresses.
     */
    public static final String ALLOW_LOOPBACK_HTTP = "AUTOCALL_ALLOW_LOOPBACK_HTTP";

    private Names() {
    }
}
