package dev.autocall.domain.trigger;

import dev.autocall.domain.contact.CallProgress;
import dev.autocall.domain.contact.ContactStore;
import dev.autocall.domain.contact.ThreadEntry;
import dev.autocall.domain.messaging.OutboundSms;
import dev.autocall.domain.messaging.SmsSender;

import java.time.Clock;
import java.time.Instant;

/** Sends SMS through the provider and keeps the contact's thread in step with what was sent. */
public final class Messenger {
    private final SmsSender sender;
    private final ContactStore contacts;
    private final Clock clock;

    public Messenger(SmsSender sender, ContactStore contacts, Clock clock) {
        this.sender = sender;
        this.contacts = contacts;
        this.clock = clock;
    }

    /** Sends to a contact and puts the message on the contact's thread; returns the message sid. */
    public String sendToContact(String workspaceId, OutboundSms sms) {
        Instant at = clock.instant();
        String sid = sender.send(sms, at);
        contacts.recordThreadEntry(workspaceId, sms.to(),
                new ThreadEntry(sid, ThreadEntry.SMS, "outbound", at, "queued", sms.body(), null, null),
                CallProgress.rank("queued"));
        return sid;
    }

    /** Sends to the business's own staff: not part of any contact's thread. */
    public String sendToStaff(OutboundSms sms) {
        return sender.send(sms, clock.instant());
    }
}
