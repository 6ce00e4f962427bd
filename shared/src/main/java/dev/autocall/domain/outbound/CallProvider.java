package dev.autocall.domain.outbound;

import java.time.Instant;
import java.util.Optional;

/** Port: the telephony provider's voice API. */
public interface CallProvider {
    /**
     * Places the call and returns the provider's call sid. Throttling and provider errors are retried with
     * backoff inside; what still fails is thrown, except a number the provider refuses for good.
     *
     * @throws InvalidCalleeException the provider refused the number (a 4xx such as 21211, 21217, 13224)
     */
    String placeCall(OutboundCall call);

    /** A call this account placed to {@code to} from {@code from} since {@code since}, if the provider has one. */
    Optional<String> findCall(String from, String to, Instant since);

    /** The call as the provider knows it now, or empty when it has no call with that sid. */
    Optional<ProviderCall> fetchCall(String callSid);

    /**
     * @param outcome how the call ended (the provider's status and machine detection, mapped by its adapter); empty
     *                while it is still queued, ringing or in progress
     */
    record ProviderCall(String sid, Optional<CallOutcome> outcome) {
    }

    /**
     * The adapter chooses from the plan how the call is placed: its answering-machine detection, and whether the
     * answer goes with the call or is fetched from the {@code answered} callback (always, for an IVR call, whose flow
     * runs live); the adapter turns the callbacks into its own URLs.
     *
     * @param answer   what the call does once answered, sent with the call when it fits (no webhook round trip)
     * @param answered where the provider asks what the call does when answered, when it is not sent with the call
     * @param status   where the provider reports the call's end
     */
    record OutboundCall(String requestId, String from, String to, Answer answer, dev.autocall.domain.voice.Callback answered,
                        dev.autocall.domain.voice.Callback status, int timeoutSeconds, boolean record) {
    }

    /**
     * @param customer the number a makeCall connects the agent to
     * @param customerCallerId the number the customer sees on a makeCall
     * @param connectResult where the customer leg's result is reported
     */
    record Answer(CallPlan plan, String customer, String customerCallerId, dev.autocall.domain.voice.Callback connectResult) {
    }

    /** The provider refused the number for good: the request's outcome is "invalid". */
    final class InvalidCalleeException extends RuntimeException {
        private final int providerCode;

        public InvalidCalleeException(int providerCode, String message) {
            super(message);
            this.providerCode = providerCode;
        }

        public int providerCode() {
            return providerCode;
        }
    }
}
