package dev.autocall.domain.call;

import java.time.Instant;
import java.util.Optional;

/** Port: the calls the product has seen, by provider CallSid, so later callbacks find their call. */
public interface CallLog {
    /** Records the call at its first webhook; a repeated webhook gets the first record back. */
    InboundCall recordInbound(InboundCall call);

    Optional<InboundCall> find(String callSid);

    /** Keeps the voicemail's recording on the call: for a withheld caller there is no contact thread to hold it. */
    void recordVoicemail(String callSid, String recordingSid, String recordingUrl);

    /**
     * @param from the caller as Twilio sent it: an E.164 number, or a withheld caller's "anonymous", "" or the like
     * @param to the business number called
     */
    record InboundCall(String callSid, String workspaceId, String from, String to, Instant startedAt) {
    }
}
