package dev.autocall.domain.outbound;

import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.contact.ContactStore;
import dev.autocall.domain.event.EventPublisher;
import dev.autocall.domain.outbound.CallRequestStore.HistoryEntry;
import dev.autocall.domain.outbound.CallRequestStore.StoredCallRequest;
import dev.autocall.domain.voice.Callback;
import dev.autocall.domain.workflow.RunStore;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.domain.workspace.WorkspaceStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The dial function's domain: places exactly one provider call per call request. The request moves
 * READY → DIALING under a lease before the provider is called and records the call sid after; a redelivered
 * request that finds DIALING without a sid waits for the lease, then reconciles with what the provider and
 * its status callbacks know before it could ever dial again.
 */
public final class Dialer {
    public static final Duration LEASE = Duration.ofSeconds(60);
    private static final Logger LOG = Logger.getLogger(Dialer.class.getName());

    private final CallRequestStore requests;
    private final WorkspaceStore workspaces;
    private final ContactStore contacts;
    private final CallProvider provider;
    private final DialRateLimiter rateLimiter;
    private final CallReports reports;
    private final CallSettlement settlement;
    private final Clock clock;

    /**
     * @param dialQueueLater puts settle checks of placed calls back on the dial queue when due
     * @param ivrCalls       the IVR calls' records, where a settle check finds the outcome of a flow that ran
     */
    public Dialer(CallRequestStore requests, WorkspaceStore workspaces, ContactStore contacts, CallProvider provider,
                  DialRateLimiter rateLimiter, EventPublisher events, RunStore runs, DeferredDelivery dialQueueLater,
                  Optional<dev.autocall.domain.ivr.IvrCallStore> ivrCalls, Clock clock) {
        this.requests = requests;
        this.workspaces = workspaces;
        this.contacts = contacts;
        this.provider = provider;
        this.rateLimiter = rateLimiter;
        this.reports = new CallReports(requests, events, runs, clock);
        this.settlement = new CallSettlement(requests, workspaces, provider, dialQueueLater, reports,
                ivrCalls.map(calls -> new dev.autocall.domain.ivr.IvrEnds(calls, events, clock)), clock);
        this.clock = clock;
    }

    /** Thrown when another dialer holds the request's lease: the message comes back later. */
    public static final class DialInProgressException extends RuntimeException {
        public DialInProgressException(String requestId, Instant leaseUntil) {
            super("call request " + requestId + " is being dialed (lease until " + leaseUntil + ")");
        }
    }

    public void dial(CallRequestMessage message) {
        if (message.check() != null) {
            settlement.check(message);
            return;
        }
        Instant now = clock.instant();
        // The message carries the request: the common case, a READY request, is claimed without reading it first.
        if (message.request() != null && requests.claimIfReady(message.workspaceId(), message.requestId(), now, now.plus(LEASE))) {
            place(message.request());
            return;
        }
        StoredCallRequest stored = requests.find(message.workspaceId(), message.requestId())
                .orElseThrow(() -> new IllegalStateException("call request " + message.requestId() + " is not stored"));
        switch (stored.status()) {
            case DIALED -> {
                return;
            }
            case COMPLETED, FAILED -> {
                // Ended here before, maybe by a dialer that died before reporting it.
                reports.reportIfUnreported(stored);
                return;
            }
            case PENDING, DEFERRED -> throw new IllegalStateException("call request " + message.requestId()
                    + " reached the dialer before passing the compliance gate");
            case DIALING -> {
                if (stored.callSid().isPresent()) {
                    return;
                }
                Instant lease = stored.leaseUntil().orElse(Instant.EPOCH);
                if (now.isBefore(lease)) {
                    throw new DialInProgressException(message.requestId(), lease);
                }
                if (reconciled(stored, lease)) {
                    return;
                }
            }
            case READY -> { }
        }
        if (!requests.claimForDialing(message.workspaceId(), message.requestId(), now, now.plus(LEASE))) {
            throw new DialInProgressException(message.requestId(), now.plus(LEASE));
        }
        place(stored.request());
    }

    /** After a dialer died mid-way: did its call go out? The status callbacks or the provider's records say. */
    private boolean reconciled(StoredCallRequest stored, Instant lease) {
        CallRequest request = stored.request();
        Optional<String> known = requests.find(request.workspaceId(), request.id()).flatMap(StoredCallRequest::callSid)
                .or(() -> callerId(request).flatMap(from -> provider.findCall(from, dialedNumber(request), lease.minus(LEASE))));
        known.ifPresent(sid -> requests.recordCallSid(request.workspaceId(), request.id(), sid,
                new HistoryEntry(clock.instant(), "reconciled", null, null, "the provider had placed " + sid)));
        return known.isPresent();
    }

    private void place(CallRequest request) {
        Workspace workspace = workspaces.find(request.workspaceId())
                .orElseThrow(() -> new IllegalStateException("workspace " + request.workspaceId() + " not found"));
        // The contact may have opted out while the request waited: look again at the last moment.
        Optional<Contact> contact = contacts.find(request.workspaceId(), request.to());
        if (contact.isPresent() && contact.get().optOut().voice() != null) {
            fail(request, "OPTED_OUT");
            return;
        }
        if (contact.isPresent() && Boolean.TRUE.equals(contact.get().dnd().voice())) {
            fail(request, "DND");
            return;
        }
        Optional<String> from = chosenCallerId(workspace.numbers(), request);
        if (from.isEmpty()) {
            fail(request, "NO_CALLER_ID");
            return;
        }
        rateLimiter.acquire(workspace.id(), workspace.callsPerSecond());
        // The callbacks name the request and its workspace; the provider signs its callbacks, so neither can be forged.
        Map<String, String> named = Map.of("ws", request.workspaceId(), "req", request.id());
        // A makeCall's first leg is the agent's: its end is not the outcome, the customer leg's is.
        // An IVR call's end is its flow's outcome when the flow ran: its status callback looks for the flow's record.
        Map<String, String> status = switch (request.plan()) {
            case CallPlan.Connect c -> Map.of("ws", request.workspaceId(), "req", request.id(), "leg", "agent");
            case CallPlan.Ivr i -> Map.of("ws", request.workspaceId(), "req", request.id(), "leg", "ivr");
            case CallPlan.Voicemail v -> named;
        };
        CallProvider.Answer answer = new CallProvider.Answer(request.plan(), request.to(),
                // The customer sees a local number when the workspace has one in their area code.
                from.get(), new Callback(Callback.Kind.CONNECT_RESULT, named));
        CallProvider.OutboundCall call = new CallProvider.OutboundCall(request.id(), from.get(), dialedNumber(request), answer,
                new Callback(Callback.Kind.CALL_ANSWERED, named), new Callback(Callback.Kind.CALL_STATUS, status),
                request.plan() instanceof CallPlan.Connect c ? c.timeoutSeconds() : 30,
                request.plan() instanceof CallPlan.Connect c && c.record());
        try {
            String sid = provider.placeCall(call);
            // The sid is recorded with the outcome (the final status callback carries both); a dialer that finds this
            // request DIALING later reconciles with the provider before it could dial again.
            LOG.fine(() -> "call request " + request.id() + " dialed: " + sid);
            settlement.watch(request, sid);
        } catch (CallProvider.InvalidCalleeException e) {
            outcome(request, "invalid", "provider refused the number (" + e.providerCode() + ")");
        }
    }

    /** makeCall rings the agent first and connects the customer from there; a voicemail drop calls the customer. */
    private static String dialedNumber(CallRequest request) {
        return request.plan() instanceof CallPlan.Connect c && c.agentNumber() != null ? c.agentNumber() : request.to();
    }

    private Optional<String> callerId(CallRequest request) {
        return workspaces.find(request.workspaceId()).flatMap(w -> chosenCallerId(w.numbers(), request));
    }

    /** A campaign's own caller ID when it is still one of the workspace's numbers; else local presence. */
    private static Optional<String> chosenCallerId(java.util.List<String> numbers, CallRequest request) {
        if (request.campaign() != null && request.campaign().callerId() != null && numbers.contains(request.campaign().callerId())) {
            return Optional.of(request.campaign().callerId());
        }
        return CallerIdSelection.choose(numbers, request.to());
    }

    private void fail(CallRequest request, String reason) {
        LOG.info(() -> "call request " + request.id() + " stopped before dialing: " + reason);
        requests.transition(request.workspaceId(), request.id(), CallStatus.FAILED,
                new HistoryEntry(clock.instant(), "FAIL", reason, null, "re-checked before dialing"));
        reports.failure(request, reason);
    }

    private void outcome(CallRequest request, String outcome, String detail) {
        requests.transition(request.workspaceId(), request.id(), CallStatus.COMPLETED,
                new HistoryEntry(clock.instant(), outcome, null, null, detail));
        reports.outcome(request, outcome, null);
    }

}
