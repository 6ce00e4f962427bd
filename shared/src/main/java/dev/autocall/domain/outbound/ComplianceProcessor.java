package dev.autocall.domain.outbound;

import dev.autocall.domain.compliance.ComplianceDecision;
import dev.autocall.domain.compliance.ComplianceGate;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventPublisher;
import dev.autocall.domain.event.EventTypes;
import dev.autocall.domain.outbound.CallRequestStore.HistoryEntry;
import dev.autocall.domain.outbound.CallRequestStore.StoredCallRequest;
import dev.autocall.domain.workflow.RunStore;
import dev.autocall.json.Json;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The compliance function's domain: for each call request message, judge the request now. PASS goes to the
 * dial queue, DEFER comes back at its next allowed time (and is judged again then: the world may have
 * changed), FAIL is recorded and reported as a call.failed event. A crash between recording and sending is
 * mended by the message's redelivery: a READY request is sent to the dialer again, which dials once.
 */
public final class ComplianceProcessor {
    private static final Logger LOG = Logger.getLogger(ComplianceProcessor.class.getName());
    /** Why a campaign's request is not dialed: its run was cancelled or passed its end while the request waited. */
    static final String CAMPAIGN_STOPPED = dev.autocall.domain.campaign.CampaignCalls.STOPPED;

    private final CallRequestStore requests;
    private final ComplianceGate gate;
    private final MessageQueue dialQueue;
    private final DeferredDelivery deferred;
    private final EventPublisher events;
    private final CallReports reports;
    private final Clock clock;
    private final Optional<dev.autocall.domain.campaign.CampaignCalls> campaigns;

    public ComplianceProcessor(CallRequestStore requests, ComplianceGate gate, MessageQueue dialQueue,
                               DeferredDelivery deferred, EventPublisher events, RunStore runs, Clock clock) {
        this(requests, gate, dialQueue, deferred, events, runs, clock, Optional.empty());
    }

    /** @param campaigns where a campaign request's deferral is noted on its target, and asked whether it is still wanted */
    public ComplianceProcessor(CallRequestStore requests, ComplianceGate gate, MessageQueue dialQueue,
                               DeferredDelivery deferred, EventPublisher events, RunStore runs, Clock clock,
                               Optional<dev.autocall.domain.campaign.CampaignCalls> campaigns) {
        this.campaigns = campaigns;
        this.requests = requests;
        this.gate = gate;
        this.dialQueue = dialQueue;
        this.deferred = deferred;
        this.events = events;
        this.reports = new CallReports(requests, events, runs, clock);
        this.clock = clock;
    }

    public void process(CallRequestMessage message) {
        CallRequest request = message.request() != null ? message.request()
                : requests.find(message.workspaceId(), message.requestId()).map(StoredCallRequest::request)
                .orElseThrow(() -> new IllegalStateException("call request " + message.requestId() + " is not stored (yet)"));
        Instant now = clock.instant();
        if (request.campaign() != null && campaigns.isPresent()) {
            // Its campaign may have been paused, cancelled or ended since it was dispatched, or while it waited.
            switch (campaigns.get().admit(request, message.wasDeferred())) {
                case HOLD -> {
                    return;
                }
                case STOP -> {
                    if (requests.record(request, CallStatus.FAILED, new HistoryEntry(now, "FAIL", CAMPAIGN_STOPPED, null, null))) {
                        reports.failure(request, CAMPAIGN_STOPPED);
                    }
                    return;
                }
                case JUDGE -> { }
            }
        }
        ComplianceDecision decision = gate.decide(request);
        String body = Json.write(CallRequestMessage.of(request));
        // Each decision is recorded before it acts, and only on a request still undecided (or decided the same way):
        // a redelivered request that has moved on is not judged again.
        switch (decision) {
            case ComplianceDecision.Pass pass -> {
                // READY first, so the dialer finds it passed; a crash before the send is mended by redelivery.
                if (requests.record(request, CallStatus.READY, new HistoryEntry(now, "PASS", null, null, null))) {
                    dialQueue.send(body);
                } else {
                    resendIfReady(request, body);
                }
            }
            case ComplianceDecision.Defer defer -> {
                if (!requests.record(request, CallStatus.DEFERRED,
                        new HistoryEntry(now, "DEFER", defer.reason().name(), defer.nextAllowedAt(), null))) {
                    resendIfReady(request, body);
                    return;
                }
                deferred.deliverAt(Json.write(CallRequestMessage.afterDeferral(request)),
                        request.id() + "@" + defer.nextAllowedAt().toEpochMilli(), defer.nextAllowedAt());
                if (request.campaign() != null) {
                    campaigns.ifPresent(c -> c.deferred(request, defer.nextAllowedAt()));
                }
                if (request.runId() != null || request.campaign() != null) {
                    Map<String, Object> data = new HashMap<>(CallOutcomes.data(request, "deferred", null));
                    data.put("reason", defer.reason().name());
                    data.put("nextAllowedAt", defer.nextAllowedAt().toString());
                    events.publish(new DomainEvent("call:" + request.id() + ":deferred:" + defer.nextAllowedAt().toEpochMilli(),
                            EventTypes.CALL_DEFERRED, request.workspaceId(), now, request.to(), null, data, Map.of()));
                }
            }
            case ComplianceDecision.Fail fail -> {
                if (requests.record(request, CallStatus.FAILED, new HistoryEntry(now, "FAIL", fail.reason().name(), null, null))) {
                    reports.failure(request, fail.reason().name());
                } else {
                    resendIfReady(request, body);
                }
            }
        }
    }

    /**
     * A redelivered request that had passed before may have been lost on its way to the dialer: send it again. One that
     * failed may not have been reported (the function died in between): report it now.
     */
    private void resendIfReady(CallRequest request, String body) {
        Optional<StoredCallRequest> stored = requests.find(request.workspaceId(), request.id());
        if (stored.isPresent() && stored.get().status() == CallStatus.READY) {
            dialQueue.send(body);
        } else if (stored.isPresent() && reports.reportIfUnreported(stored.get())) {
            LOG.fine(() -> "call request " + request.id() + " had ended: reported");
        } else {
            LOG.fine(() -> "call request " + request.id() + " already " + stored.map(StoredCallRequest::status).orElse(null));
        }
    }

}
