package dev.autocall.testing;

import dev.autocall.domain.outbound.CallRequest;
import dev.autocall.domain.outbound.CallRequestStore;
import dev.autocall.domain.outbound.CallStatus;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CallRequestStore in memory, with the same conditions as DynamoCallRequestStore (the port contract in local's tests
 * holds both to them); requests kept per workspace.
 */
public final class InMemoryCallRequestStore implements CallRequestStore {
    private final Map<String, StoredCallRequest> requests = new HashMap<>();

    /** Test hook: a request stored PENDING, as if a decision were about to be recorded. */
    public synchronized void create(CallRequest request, Instant at) {
        requests.putIfAbsent(key(request.workspaceId(), request.id()), new StoredCallRequest(request, CallStatus.PENDING,
                List.of(new HistoryEntry(at, "created", null, null, null)), Optional.empty(), Optional.empty()));
    }

    @Override
    public synchronized Optional<StoredCallRequest> find(String workspaceId, String requestId) {
        return Optional.ofNullable(requests.get(key(workspaceId, requestId)));
    }

    @Override
    public synchronized void transition(String workspaceId, String requestId, CallStatus status, HistoryEntry entry) {
        StoredCallRequest s = requests.get(key(workspaceId, requestId));
        if (s == null || s.status() == CallStatus.FAILED) {
            throw new IllegalStateException("cannot move " + requestId + " to " + status);
        }
        requests.put(key(workspaceId, requestId), new StoredCallRequest(s.request(), status, append(s, entry), s.callSid(), s.leaseUntil(), s.reported()));
    }

    @Override
    public synchronized boolean record(CallRequest request, CallStatus status, HistoryEntry entry) {
        StoredCallRequest s = requests.get(key(request.workspaceId(), request.id()));
        if (s == null) {
            requests.put(key(request.workspaceId(), request.id()), new StoredCallRequest(request, status, List.of(entry), Optional.empty(), Optional.empty()));
            return true;
        }
        boolean again = s.status() == status && status != CallStatus.FAILED;
        if (s.status() != CallStatus.PENDING && s.status() != CallStatus.DEFERRED && !again) {
            return false;
        }
        requests.put(key(request.workspaceId(), request.id()), new StoredCallRequest(s.request(), status, append(s, entry), s.callSid(), s.leaseUntil(), s.reported()));
        return true;
    }

    @Override
    public synchronized Optional<CallRequest> finish(String workspaceId, String requestId, CallStatus status, String callSid, HistoryEntry entry) {
        StoredCallRequest s = requests.get(key(workspaceId, requestId));
        if (s == null || s.status() == CallStatus.FAILED || s.status() == CallStatus.COMPLETED) {
            return Optional.empty();
        }
        Optional<String> sid = s.callSid().isPresent() || callSid == null || callSid.isBlank() ? s.callSid() : Optional.of(callSid);
        requests.put(key(workspaceId, requestId), new StoredCallRequest(s.request(), status, append(s, entry), sid, s.leaseUntil(), s.reported()));
        return Optional.of(s.request());
    }

    @Override
    public synchronized boolean claimForDialing(String workspaceId, String requestId, Instant now, Instant leaseUntil) {
        StoredCallRequest s = requests.get(key(workspaceId, requestId));
        boolean ready = s != null && s.status() == CallStatus.READY;
        boolean expired = s != null && s.status() == CallStatus.DIALING && s.callSid().isEmpty()
                && s.leaseUntil().map(l -> l.isBefore(now.truncatedTo(ChronoUnit.MILLIS))).orElse(true);
        if (!ready && !expired) {
            return false;
        }
        requests.put(key(workspaceId, requestId), new StoredCallRequest(s.request(), CallStatus.DIALING,
                append(s, new HistoryEntry(now, "dialing", null, null, null)), s.callSid(),
                Optional.of(leaseUntil.truncatedTo(ChronoUnit.MILLIS)), s.reported()));
        return true;
    }

    @Override
    public synchronized boolean claimIfReady(String workspaceId, String requestId, Instant now, Instant leaseUntil) {
        StoredCallRequest s = requests.get(key(workspaceId, requestId));
        return s != null && s.status() == CallStatus.READY && claimForDialing(workspaceId, requestId, now, leaseUntil);
    }

    @Override
    public synchronized void recordCallSid(String workspaceId, String requestId, String callSid, HistoryEntry entry) {
        StoredCallRequest s = requests.get(key(workspaceId, requestId));
        if (s == null || s.callSid().isPresent() || s.status() != CallStatus.DIALING) {
            return;
        }
        requests.put(key(workspaceId, requestId), new StoredCallRequest(s.request(), CallStatus.DIALED, append(s, entry), Optional.of(callSid),
                s.leaseUntil(), s.reported()));
    }

    @Override
    public synchronized void markReported(String workspaceId, String requestId) {
        StoredCallRequest s = requests.get(key(workspaceId, requestId));
        if (s == null) {
            throw new IllegalStateException("no request " + requestId);
        }
        requests.put(key(workspaceId, requestId), new StoredCallRequest(s.request(), s.status(), s.history(), s.callSid(),
                s.leaseUntil(), true));
    }

    /** Test hook: puts a request in a given state, e.g. a dialer that died after claiming it. */
    public synchronized void force(String workspaceId, String requestId, CallStatus status, Optional<Instant> leaseUntil) {
        StoredCallRequest s = requests.get(key(workspaceId, requestId));
        requests.put(key(workspaceId, requestId), new StoredCallRequest(s.request(), status, s.history(), s.callSid(), leaseUntil));
    }

    private static String key(String workspaceId, String requestId) {
        return workspaceId + "#" + requestId;
    }

    private static List<HistoryEntry> append(StoredCallRequest s, HistoryEntry entry) {
        List<HistoryEntry> history = new ArrayList<>(s.history());
        history.add(entry);
        return history;
    }
}
