package dev.autocall.domain.trigger;

import dev.autocall.domain.contact.CallProgress;
import dev.autocall.domain.contact.ContactStore;
import dev.autocall.domain.contact.ThreadEntry;
import dev.autocall.domain.messaging.OutboundSms;
import dev.autocall.domain.messaging.SmsSender;
import dev.autocall.phone.Redact;

import java.time.Clock;
import java.time.Instant;
import java.util.logging.Logger;

/** Sends SMS through the provider and keeps the contact's thread in step with what was sent. */
public final class Messenger {
    private static final Logger LOG = Logger.getLogger(Messenger.class.getName());
    private static final int THREAD_WRITE_ATTEMPTS = 3;

    private final SmsSender sender;
    private final ContactStore contacts;
    private final Clock clock;

    public Messenger(SmsSender sender, ContactStore contacts, Clock clock) {
        this.sender = sender;
        this.contacts = contacts;
        this.clock = clock;
    }

    /**
     * Sends to a contact and puts the message on the contact's thread; returns the message sid. Once the provider has
     * taken the message nothing here fails: a failure to write the thread entry would make the step fail and its
     * redelivery send the text again. The write is tried a few times; if it never lands, the message's status callback
     * (which names the same entry) puts it on the thread without its body, and the log says so.
     */
    public String sendToContact(String workspaceId, OutboundSms sms) {
        Instant at = clock.instant();
        String sid = sender.send(sms, at);
        ThreadEntry entry = new ThreadEntry(sid, ThreadEntry.SMS, "outbound", at, "queued", sms.body(), null, null);
        for (int attempt = 1; ; attempt++) {
            try {
                contacts.recordThreadEntry(workspaceId, sms.to(), entry, CallProgress.rank("queued"));
                return sid;
            } catch (RuntimeException e) {
                if (attempt == THREAD_WRITE_ATTEMPTS) {
                    LOG.warning(() -> "message " + sid + " was sent but its thread entry could not be written: "
                            + Redact.failure(e));
                    return sid;
                }
            }
        }
    }

    /** Sends to the business's own staff: not part of any contact's thread. */
    public String sendToStaff(OutboundSms sms) {
        return sender.send(sms, clock.instant());
    }
}
