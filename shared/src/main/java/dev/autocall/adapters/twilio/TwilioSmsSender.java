package dev.autocall.adapters.twilio;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import dev.autocall.domain.messaging.OutboundSms;
import dev.autocall.domain.messaging.SmsRejectedException;
import dev.autocall.domain.messaging.SmsSender;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Sends SMS with Twilio's Messages API, asking for status callbacks that carry the send time. */
public final class TwilioSmsSender implements SmsSender {
    /** Twilio error codes that no retry can fix: invalid or unreachable number, unsubscribed recipient. */
    private static final Set<Integer> PERMANENT = Set.of(21211, 21212, 21214, 21408, 21610, 21612, 21614, 21659);

    private final TwilioRestClient client;
    private final Optional<String> publicBaseUrl;

    public TwilioSmsSender(TwilioRestClient client, Optional<String> publicBaseUrl) {
        this.client = client;
        this.publicBaseUrl = publicBaseUrl.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
    }

    @Override
    public String send(OutboundSms sms, Instant sentAt) {
        var creator = Message.creator(new PhoneNumber(sms.to()), new PhoneNumber(sms.from()), sms.body());
        publicBaseUrl.ifPresent(base -> creator.setStatusCallback(
                URI.create(base + "/twilio/sms/status?at=" + sentAt.toEpochMilli())));
        try {
            return creator.create(client).getSid();
        } catch (ApiException e) {
            Integer status = e.getStatusCode();
            if (status != null && status >= 400 && status < 500 && status != 429
                    && (e.getCode() == null || PERMANENT.contains(e.getCode()) || status == 400)) {
                throw new SmsRejectedException(e.getCode() == null ? status : e.getCode(), e.getMessage());
            }
            throw e;
        }
    }
}
