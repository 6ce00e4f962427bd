package dev.autocall.domain.messaging;

import java.time.Instant;

/** Port: the telephony provider's messaging API. */
public interface SmsSender {
    /**
     * Sends and returns the provider's message sid.
     *
     * @param sentAt when the product sent it: carried back by the provider's status callbacks
     * @throws SmsRejectedException when the provider refuses the message for good (bad number, opted out)
     */
    String send(OutboundSms sms, Instant sentAt);
}
