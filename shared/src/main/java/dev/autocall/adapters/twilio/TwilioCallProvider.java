package dev.autocall.adapters.twilio;

import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.CallCreator;
import com.twilio.type.PhoneNumber;
import dev.autocall.domain.outbound.CallPlan;
import dev.autocall.domain.outbound.CallProvider;
import dev.autocall.domain.outbound.OutboundPlans;

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
    private final String baseUrl;
    private final Sleeper sleeper;

    /** How the adapter waits between attempts; tests and benchmarks may shorten it. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Twilio's limit for the Twiml parameter. */
    private static final int MAX_INLINE_TWIML = 4000;

    /** @param baseUrl the product's public URL, under which the calls' callbacks are */
    public TwilioCallProvider(TwilioRestClient client, String baseUrl) {
        this(client, baseUrl, Thread::sleep);
    }

    public TwilioCallProvider(TwilioRestClient client, String baseUrl, Sleeper sleeper) {
        this.client = client;
        this.baseUrl = baseUrl;
        this.sleeper = sleeper;
    }

    @Override
    public String placeCall(OutboundCall call) {
        CallPlan plan = call.answer().plan();
        CallCreator creator = creator(call)
                .setStatusCallback(URI.create(TwilioVoice.url(baseUrl, call.status())))
                .setStatusCallbackMethod(HttpMethod.POST)
                // Only the final status: it carries the outcome and the call sid. Nothing reads the others, and each
                // callback costs a webhook and its requests.
                .setStatusCallbackEvent(List.of("completed"))
                .setTimeout(call.timeoutSeconds())
                .setRecord(call.record());
        // Synchronous detection: the request for the answer carries AnsweredBy, so a person and a machine get different ones.
        TwilioVoice.machineDetection(plan).ifPresent(creator::setMachineDetection);
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

    /**
     * Instructions sent with the call save the webhook Twilio would otherwise make when it is answered; an IVR call's
     * flow runs live (each turn depends on the last), so Twilio always asks for it.
     */
    private CallCreator creator(OutboundCall call) {
        PhoneNumber to = new PhoneNumber(call.to());
        PhoneNumber from = new PhoneNumber(call.from());
        if (call.answer().plan() instanceof CallPlan.Ivr) {
            return Call.creator(to, from, URI.create(TwilioVoice.url(baseUrl, call.answered())));
        }
        String twiml = TwilioVoice.twiml(baseUrl, OutboundPlans.answered(call.answer().plan(), call.answer().customer(),
                call.answer().customerCallerId(), call.answer().connectResult()));
        return twiml.length() <= MAX_INLINE_TWIML
                ? Call.creator(to, from, new com.twilio.type.Twiml(twiml))
                : Call.creator(to, from, URI.create(TwilioVoice.url(baseUrl, call.answered())));
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
            return Optional.of(new ProviderCall(call.getSid(), TwilioVoice.outcome(
                    call.getStatus() == null ? null : call.getStatus().toString(), call.getAnsweredBy())));
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
