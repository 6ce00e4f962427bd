package dev.autocall.adapters.twilio;

import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import dev.autocall.domain.outbound.CallProvider;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/** Places calls with Twilio's Calls API, retrying throttling and server errors with backoff. */
public final class TwilioCallProvider implements CallProvider {
    private static final Logger LOG = Logger.getLogger(TwilioCallProvider.class.getName());
    /** Twilio errors meaning this number cannot be called: invalid, unreachable, not allowed by geo permissions. */
    private static final Set<Integer> BAD_NUMBER = Set.of(21211, 21214, 21215, 21216, 21217, 21401, 21407, 13223, 13224);
    private static final int ATTEMPTS = 5;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

    private final TwilioRestClient client;
    private final Sleeper sleeper;

    /** How the adapter waits between attempts; tests and benchmarks may shorten it. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Twilio's limit for the Twiml parameter. */
    private static final int MAX_INLINE_TWIML = 4000;

    public TwilioCallProvider(TwilioRestClient client) {
        this(client, Thread::sleep);
    }

    public TwilioCallProvider(TwilioRestClient client, Sleeper sleeper) {
        this.client = client;
        this.sleeper = sleeper;
    }

    @Override
    public String placeCall(OutboundCall call) {
        String twiml = OutboundTwiml.render(call.answer().plan(), call.answer().customer(), call.answer().customerCallerId(),
                call.answer().connectStatusUrl());
        // Instructions sent with the call save the webhook Twilio would otherwise make when it is answered.
        var creator = (twiml.length() <= MAX_INLINE_TWIML
                ? Call.creator(new PhoneNumber(call.to()), new PhoneNumber(call.from()), new com.twilio.type.Twiml(twiml))
                : Call.creator(new PhoneNumber(call.to()), new PhoneNumber(call.from()), URI.create(call.twimlUrl())))
                .setStatusCallback(URI.create(call.statusCallbackUrl()))
                .setStatusCallbackMethod(HttpMethod.POST)
                // Only the final status: it carries the outcome and the call sid. Nothing reads the others, and each
                // callback costs a webhook and its requests.
                .setStatusCallbackEvent(List.of("completed"))
                .setTimeout(call.timeoutSeconds())
                .setRecord(call.record());
        call.machineDetection().ifPresent(creator::setMachineDetection);
        for (int attempt = 1; ; attempt++) {
            try {
                return creator.create(client).getSid();
            } catch (ApiException e) {
                int status = e.getStatusCode() == null ? 0 : e.getStatusCode();
                if (status >= 400 && status < 500 && status != 429) {
                    if (e.getCode() != null && BAD_NUMBER.contains(e.getCode())) {
                        throw new InvalidCalleeException(e.getCode(), e.getMessage());
                    }
                    throw e;
                }
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                Duration wait = FIRST_BACKOFF.multipliedBy(1L << (attempt - 1));
                int tried = attempt;
                LOG.info(() -> "Twilio answered " + status + " for call request " + call.requestId() + "; attempt " + tried
                        + " of " + ATTEMPTS + ", retrying in " + wait.toMillis() + " ms");
                pause(wait);
            }
        }
    }

    @Override
    public Optional<String> findCall(String from, String to, Instant since) {
        // On a whole minute the SDK writes "15:00Z", which Twilio's date-time format refuses: ask from a second earlier.
        Instant after = since.getNano() == 0 && since.getEpochSecond() % 60 == 0 ? since.minusSeconds(1) : since;
        for (Call call : Call.reader().setTo(new PhoneNumber(to)).setFrom(new PhoneNumber(from))
                .setStartTimeAfter(after.atZone(ZoneOffset.UTC)).limit(20).read(client)) {
            return Optional.of(call.getSid());
        }
        return Optional.empty();
    }

    @Override
    public Optional<ProviderCall> fetchCall(String callSid) {
        try {
            Call call = Call.fetcher(callSid).fetch(client);
            return Optional.of(new ProviderCall(call.getSid(), call.getStatus() == null ? null : call.getStatus().toString(),
                    call.getAnsweredBy() == null ? null : call.getAnsweredBy().toString()));
        } catch (ApiException e) {
            if (e.getStatusCode() != null && e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void pause(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
