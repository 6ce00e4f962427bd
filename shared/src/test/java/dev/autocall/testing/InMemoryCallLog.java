package dev.autocall.testing;

import dev.autocall.domain.call.CallLog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link CallLog}: the first record of a CallSid wins, as with the conditional put in DynamoDB. */
public final class InMemoryCallLog implements CallLog {
    private final Map<String, InboundCall> calls = new LinkedHashMap<>();
    private final Map<String, String> recordings = new LinkedHashMap<>();

    @Override
    public synchronized InboundCall recordInbound(InboundCall call) {
        return calls.computeIfAbsent(call.callSid(), k -> call);
    }

    @Override
    public synchronized Optional<InboundCall> find(String callSid) {
        return Optional.ofNullable(calls.get(callSid));
    }

    @Override
    public synchronized void recordVoicemail(String callSid, String recordingSid, String recordingUrl) {
        recordings.put(callSid, recordingUrl);
    }

    /** The recording URL kept on a call. */
    public synchronized Optional<String> recordingOf(String callSid) {
        return Optional.ofNullable(recordings.get(callSid));
    }

    /** Every call recorded, oldest first. */
    public synchronized List<InboundCall> all() {
        return List.copyOf(calls.values());
    }
}
