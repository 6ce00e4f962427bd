package dev.autocall.domain.setup;

/** The workflows every workspace gets out of the box; each can be edited, re-published or disabled. */
public final class DefaultWorkflows {
    public static final String MISSED_CALL_TEXT_BACK_ID = "missed-call-text-back";

    /** Missed-call text-back: a personal SMS to the caller and a callback task for the staff. */
    public static final String MISSED_CALL_TEXT_BACK = """
            {
              "name": "Missed-call text-back",
              "trigger": "call.missed",
              "enabled": true,
              "steps": [
                {"type": "sendSms",
                 "body": "Hi {{contact.firstName | \\"there\\"}}, this is {{workspace.name}}. Sorry we missed your call! Reply here and we'll get right back to you."},
                {"type": "createTask", "title": "Call back {{contact.name | \\"new caller\\"}} ({{contact.phone}})", "dueInMinutes": 30}
              ]
            }
            """;

    private DefaultWorkflows() {
    }
}
