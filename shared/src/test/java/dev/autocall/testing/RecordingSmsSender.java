package dev.autocall.testing;

import dev.autocall.domain.messaging.OutboundSms;
import dev.autocall.domain.messaging.SmsRejectedException;
import dev.autocall.domain.messaging.SmsSender;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An {@link SmsSender} that records what was accepted and answers sids SM000001, SM000002, ... It can be
 * told to refuse a number for good ({@link SmsRejectedException}) or to fail with an outage.
 */
public final class RecordingSmsSender implements SmsSender {
    private final List<OutboundSms> sent = new ArrayList<>();
    private final Map<String, Supplier<RuntimeException>> failures = new HashMap<>();
    private int attempts;

    @Override
    public synchronized String send(OutboundSms sms, Instant sentAt) {
        attempts++;
        Supplier<RuntimeException> failure = failures.get(sms.to());
        if (failure != null) {
            throw failure.get();
        }
        sent.add(sms);
        return String.format("SM%06d", sent.size());
    }

    /** The provider refuses messages to this number, as Twilio does for an unsubscribed or invalid one. */
    public synchronized void rejectTo(String number, int providerCode) {
        failures.put(number, () -> new SmsRejectedException(providerCode, "message to this number refused"));
    }

    /** Sending to this number fails with a transient error, e.g. the provider is down. */
    public synchronized void failTo(String number, RuntimeException failure) {
        failures.put(number, () -> failure);
    }

    /**
     * Sending to this number kills the function where it stands, as a timeout or an out-of-memory would: an Error,
     * which nothing in the product catches, so nothing is given back on the way out.
     */
    public synchronized void dieTo(String number) {
        failures.put(number, () -> {
            throw new SimulatedCrash();
        });
    }

    /** A function dying mid-way, without the chance to clean up. */
    public static final class SimulatedCrash extends Error {
        public SimulatedCrash() {
            super("the function died here");
        }
    }

    /** The provider works again for every number. */
    public synchronized void recover() {
        failures.clear();
    }

    /** Messages the provider accepted, oldest first. */
    public synchronized List<OutboundSms> sent() {
        return List.copyOf(sent);
    }

    public synchronized List<OutboundSms> sentTo(String number) {
        return sent.stream().filter(s -> s.to().equals(number)).toList();
    }

    /** Every call to send, accepted or not. */
    public synchronized int attempts() {
        return attempts;
    }
}
