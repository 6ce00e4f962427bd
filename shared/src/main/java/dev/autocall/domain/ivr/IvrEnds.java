package dev.autocall.domain.ivr;

import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventPublisher;
import dev.autocall.domain.event.EventTypes;
import dev.autocall.phone.PhoneNumbers;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The end of an IVR call, reported once: a caller who hung up mid-flow ends it with the outcome the flow set (else
 * completed), and {@code ivr.completed} is published. The call's status callback ends it; when that callback never
 * comes, the call request's settle check does, from the same record.
 */
public final class IvrEnds {
    private final IvrCallStore calls;
    private final EventPublisher events;
    private final Clock clock;

    public IvrEnds(IvrCallStore calls, EventPublisher events, Clock clock) {
        this.calls = calls;
        this.events = events;
        this.clock = clock;
    }

    /** Ends the call if it ran a flow; returns it as it ended (empty: no flow ran on it, e.g. a machine answered). */
    public Optional<IvrCall> ended(String callSid) {
        Optional<IvrCall> stored = calls.find(callSid);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        IvrCall call = stored.get();
        if (!call.session().ended() && !call.reported()) {
            IvrCall hungUp = call.next(call.session().hungUp(), call.lastAnswer());
            call = calls.save(hungUp, call.session().turn()) ? hungUp : calls.find(callSid).orElse(call);
        }
        if (calls.markReported(callSid) && call.session().version() > 0) {
            events.publish(new DomainEvent("ivr:" + callSid + ":completed", EventTypes.IVR_COMPLETED, call.workspaceId(),
                    clock.instant(), contactPhone(call), call.business(), completedData(call), Map.of()));
        }
        return Optional.of(call);
    }

    /** The keys an outbound IVR call reports with its outcome, for the run and the thread. */
    public static Map<String, Object> keysData(IvrCall call) {
        Map<String, Object> data = new HashMap<>();
        data.put("keys", call.session().keys().stream().map(IvrSession.KeyPress::keys).toList());
        data.put("keyPresses", call.session().keys().stream().map(k -> Map.of("node", k.node(), "keys", k.keys())).toList());
        data.put("flow", call.session().flowId());
        data.put("flowVersion", call.session().version());
        return data;
    }

    /** A withheld caller has no contact: the flow runs, but nothing is texted, opted out or put on a thread. */
    public static String contactPhone(IvrCall call) {
        return PhoneNumbers.isE164(call.caller()) ? call.caller() : null;
    }

    private static Map<String, Object> completedData(IvrCall call) {
        Map<String, Object> data = keysData(call);
        data.put("version", call.session().version());
        data.put("outcome", call.session().finalOutcome());
        data.put("callSid", call.callSid());
        data.put("direction", call.direction());
        data.put("startedAt", call.startedAt().toString());
        if (call.requestId() != null) {
            data.put("requestId", call.requestId());
        }
        return data;
    }
}
