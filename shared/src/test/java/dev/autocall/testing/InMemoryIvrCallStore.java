package dev.autocall.testing;

import dev.autocall.domain.ivr.IvrCall;
import dev.autocall.domain.ivr.IvrCallStore;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The IVR call store in memory, with the same conditional saves as DynamoDB's. */
public final class InMemoryIvrCallStore implements IvrCallStore {
    private final Map<String, IvrCall> calls = new ConcurrentHashMap<>();

    @Override
    public Optional<IvrCall> find(String callSid) {
        return Optional.ofNullable(calls.get(callSid));
    }

    @Override
    public synchronized boolean save(IvrCall call, int previousTurn) {
        IvrCall stored = calls.get(call.callSid());
        boolean expected = previousTurn < 0 ? stored == null
                : stored != null && !stored.reported() && stored.session().turn() == previousTurn;
        if (expected) {
            calls.put(call.callSid(), call);
        }
        return expected;
    }

    @Override
    public synchronized boolean markReported(String callSid) {
        IvrCall stored = calls.get(callSid);
        if (stored == null || stored.reported()) {
            return false;
        }
        calls.put(callSid, stored.asReported());
        return true;
    }
}
