package dev.autocall.domain.campaign;

import dev.autocall.domain.campaign.CampaignStore.DueTarget;
import dev.autocall.domain.campaign.CampaignStore.RunState;
import dev.autocall.domain.campaign.CampaignStore.RunStatus;
import dev.autocall.domain.campaign.CampaignStore.TargetRef;
import dev.autocall.domain.compliance.CallingWindow;
import dev.autocall.domain.compliance.LocalWindows;
import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.contact.ContactStore;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventPublisher;
import dev.autocall.domain.event.EventTypes;
import dev.autocall.domain.outbound.CallPlan;
import dev.autocall.domain.outbound.CallRequest;
import dev.autocall.domain.outbound.CallRequestMessage;
import dev.autocall.domain.outbound.DeferredDelivery;
import dev.autocall.domain.outbound.MessageQueue;
import dev.autocall.domain.workflow.Template;
import dev.autocall.domain.workflow.TemplateContext;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.domain.workspace.WorkspaceStore;
import dev.autocall.error.ConflictException;
import dev.autocall.json.Json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The campaign function's domain: a run is dispatched by ticks, messages on the campaign queue. A tick reads the
 * campaign and its run (two reads), and claims, in one write, the targets due that the pace and maxConcurrent allow;
 * then it sends their call requests to the compliance gate (or their campaign.target events to the workflows) and
 * sends the next tick, delayed to when the pace allows the next call. One tick at a time carries the chain: the one
 * whose due time the run holds. A target that ends wakes the dispatcher when it had stopped for maxConcurrent.
 * Nothing loops inside a function, and nothing scans: targets are read through the due index, soonest first.
 */
public final class CampaignEngine {
    private static final Logger LOG = Logger.getLogger(CampaignEngine.class.getName());
    /** Targets claimed in one write (with their counter shards and the run: well under a transaction's 100 items). */
    static final int BATCH = 60;
    /** How often a running run's dispatcher looks again when nothing is due sooner (retries, imports, the end). */
    static final Duration IDLE = Duration.ofSeconds(10);
    /** A chain whose tick is this late is taken over by whichever tick comes (its carrier died). */
    static final Duration STALE_CHAIN = Duration.ofMinutes(3);
    /** When a tick that came before its hand-over comes again. */
    static final Duration EARLY_RETRY = Duration.ofSeconds(1);
    /** Later than any due time: the due index holds nothing at all when it lists nothing before this. */
    private static final Instant FAR_FUTURE = Instant.parse("2999-01-01T00:00:00Z");
    /** Audience copied into a run per message. */
    static final int AUDIENCE_PAGE = 500;

    /** Port: the phones carrying a tag, a page at a time. */
    public interface TagMembers {
        Page page(String workspaceId, String tag, String cursor, int limit);

        record Page(List<String> phones, String next) {
        }
    }

    /** The contacts' tag index as the engine reads it. */
    public static TagMembers tagsOf(ContactStore contacts) {
        return (workspaceId, tag, cursor, limit) -> {
            dev.autocall.domain.contact.TagPage page = contacts.phonesWithTag(workspaceId, tag, cursor, limit);
            return new TagMembers.Page(page.phones(), page.next());
        };
    }

    private final CampaignStore store;
    private final WorkspaceStore workspaces;
    private final ContactStore contacts;
    private final TagMembers tags;
    private final MessageQueue complianceQueue;
    private final EventPublisher events;
    private final DeferredDelivery campaignQueue;
    private final dev.autocall.domain.webhook.OutboundWebhooks webhooks;
    private final java.time.Clock clock;

    public CampaignEngine(CampaignStore store, WorkspaceStore workspaces, ContactStore contacts, TagMembers tags,
                          MessageQueue complianceQueue, EventPublisher events, DeferredDelivery campaignQueue, java.time.Clock clock) {
        this(store, workspaces, contacts, tags, complianceQueue, events, campaignQueue, clock,
                dev.autocall.domain.webhook.OutboundWebhooks.NONE);
    }

    /** @param webhooks where campaign.completed goes when a run's every target is final */
    public CampaignEngine(CampaignStore store, WorkspaceStore workspaces, ContactStore contacts, TagMembers tags,
                          MessageQueue complianceQueue, EventPublisher events, DeferredDelivery campaignQueue, java.time.Clock clock,
                          dev.autocall.domain.webhook.OutboundWebhooks webhooks) {
        this.webhooks = webhooks;
        this.store = store;
        this.workspaces = workspaces;
        this.contacts = contacts;
        this.tags = tags;
        this.complianceQueue = complianceQueue;
        this.events = events;
        this.campaignQueue = campaignQueue;
        this.clock = clock;
    }

    public void handle(CampaignMessage message) {
        switch (message.kind()) {
            case CampaignMessage.TICK -> tick(message);
            case CampaignMessage.START -> start(message);
            case CampaignMessage.MATERIALIZE -> materialize(message);
            default -> throw new IllegalArgumentException("unknown campaign message kind " + message.kind());
        }
    }

    // ------------------------------------------------------------------ starting a run

    /** startAt has come (a scheduled campaign), or the recurring schedule fired. */
    private void start(CampaignMessage message) {
        Optional<Campaign> found = store.find(message.workspaceId(), message.campaignId());
        if (found.isEmpty() || found.get().status() != CampaignStatus.SCHEDULED) {
            return;   // cancelled, paused or running: this firing starts nothing
        }
        Campaign campaign = found.get();
        Instant now = clock.instant();
        if (campaign.recurring().isPresent()) {
            Instant fired = message.fired() == null || message.fired().startsWith("<") ? now : Instant.parse(message.fired());
            Optional<RunState> last = campaign.run() == 0 ? Optional.empty()
                    : store.run(campaign.workspaceId(), campaign.id(), campaign.run());
            if (last.isPresent() && last.get().firedAt() != null && !last.get().firedAt().isBefore(fired)) {
                return;   // the same firing delivered twice
            }
            begin(campaign, campaign.run() + 1, fired);
        } else {
            Instant startAt = campaign.schedule().startAt();
            if (startAt != null && startAt.isAfter(now.plusSeconds(60))) {
                return;   // startAt was moved later: the message of the new time will come
            }
            begin(campaign, 1, null);
        }
    }

    /** Starts run {@code run} now and sends its first tick (and the copying of its audience, if it has one to copy). */
    public Campaign begin(Campaign campaign, int run, Instant fired) {
        boolean copiesAudience = campaign.recurring().isPresent() || campaign.audience().byTag().isPresent();
        Campaign started = store.startRun(campaign, run, clock.instant(), fired, !copiesAudience);
        if (copiesAudience) {
            send(CampaignMessage.materialize(campaign.workspaceId(), campaign.id(), run), "materialize", clock.instant());
        }
        kick(started, null);
        return started;
    }

    /** Starts a dispatch chain for the campaign's current run: after a start or a resume. */
    public void kick(Campaign campaign, Instant heldTick) {
        Instant now = clock.instant();
        send(CampaignMessage.tick(campaign.workspaceId(), campaign.id(), campaign.run(), now), "tick", now);
        store.handOverTick(campaign.workspaceId(), campaign.id(), campaign.run(), heldTick, now);
    }

    private void materialize(CampaignMessage message) {
        Optional<Campaign> campaign = store.find(message.workspaceId(), message.campaignId());
        Optional<RunState> run = store.run(message.workspaceId(), message.campaignId(), message.run());
        if (campaign.isEmpty() || run.isEmpty() || run.get().materialized() || run.get().status() == null
                || run.get().status() == RunStatus.CANCELLED || run.get().status() == RunStatus.COMPLETED) {
            return;
        }
        Campaign c = campaign.get();
        String after = run.get().materializedAfter();
        List<Target> page;
        String next;
        if (c.audience().byTag().isPresent()) {
            TagMembers.Page members = tags.page(c.workspaceId(), c.audience().tag(), after, AUDIENCE_PAGE);
            page = members.phones().stream().map(Target::of).toList();
            next = members.next();
        } else {
            page = store.audience(c.workspaceId(), c.id(), after, AUDIENCE_PAGE);
            next = page.size() < AUDIENCE_PAGE ? null : page.getLast().phone();
        }
        // A page copied twice (a redelivery) adds nothing the second time: each phone is one target.
        store.addTargets(c.workspaceId(), c.id(), message.run(), page, clock.instant());
        store.markMaterialized(c.workspaceId(), c.id(), message.run(), next);
        if (next != null) {
            send(message, "materialize", clock.instant());
        }
    }

    // ------------------------------------------------------------------ ticks

    private void tick(CampaignMessage message) {
        Optional<Campaign> found = store.find(message.workspaceId(), message.campaignId());
        if (found.isEmpty() || found.get().run() != message.run()) {
            return;
        }
        Campaign campaign = found.get();
        Optional<RunState> read = store.run(campaign.workspaceId(), campaign.id(), campaign.run());
        if (read.isEmpty()) {
            return;
        }
        RunState run = read.get();
        Instant now = clock.instant();
        if (!run.sending().isEmpty()) {
            // The dispatcher that claimed these died before it had sent them all: send them again (the gate takes a
            // request once, however often it comes).
            dispatch(campaign, run.run(), run.sending());
            store.sent(campaign.workspaceId(), campaign.id(), run.run(), run.claim());
        }
        if (run.status() != RunStatus.RUNNING) {
            return;   // paused, cancelled or completed: the chain ends here; resume starts another
        }
        boolean carrier = (message.at() != null && message.atInstant().equals(run.tickAt()))
                || run.tickAt() == null || run.tickAt().isBefore(now.minus(STALE_CHAIN));
        Instant endAt = campaign.schedule().endAt();
        if (endAt != null && !now.isBefore(endAt) && !run.expired()) {
            expire(campaign, run.run());
            run = store.run(campaign.workspaceId(), campaign.id(), campaign.run()).orElseThrow();
        }
        if (run.materialized() && run.progress().allFinal()) {
            complete(campaign, run);
            return;
        }
        Instant next;
        try {
            next = run.expired() ? now.plus(IDLE) : dispatchDue(campaign, run, now);
        } catch (RuntimeException e) {
            // A failed dispatch (a throttled or conflicting write) is done again by the next tick: the chain must not
            // wait for this message's redelivery, minutes away. Claimed targets not yet sent are on the run.
            LOG.warning(() -> "campaign " + campaign.id() + " run " + campaign.run() + ": dispatch failed, the next tick "
                    + "tries again: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            next = now.plusSeconds(1);
        }
        if (carrier) {
            // Sent before it is handed over: a dispatcher that dies in between leaves the chain with this message,
            // which comes again. A start or resume may have named this very tick the carrier meanwhile.
            send(CampaignMessage.tick(campaign.workspaceId(), campaign.id(), campaign.run(), next), "tick", next);
            if (!store.handOverTick(campaign.workspaceId(), campaign.id(), campaign.run(), run.tickAt(), next) && message.at() != null) {
                store.handOverTick(campaign.workspaceId(), campaign.id(), campaign.run(), message.atInstant(), next);
            }
        } else if (message.at() != null && run.tickAt() != null && message.atInstant().isAfter(run.tickAt())) {
            // Sent by the tick the run holds, which has not handed the chain over yet (it sends first, and under load
            // this one can come before the hand-over): come back, same due time, to carry the chain once it has. An
            // older tick (a redelivery) ends here; a chain whose holder died is taken over once stale.
            send(message, "tick", now.plus(EARLY_RETRY));
        }
    }

    /** Claims and sends what the pace and maxConcurrent allow now; returns when the next tick should come. */
    private Instant dispatchDue(Campaign campaign, RunState run, Instant now) {
        Campaign.Pace pace = campaign.pace();
        Duration interval = Duration.ofNanos(60_000_000_000L / pace.callsPerMinute());
        // A late tick (a slow dispatcher, a late message) catches up to ten seconds' worth of calls, no more, so the
        // long-run rate stays the pace without a flood after a pause.
        int burst = Math.max(2, (int) Math.ceil(pace.callsPerMinute() / 6.0));
        Instant paceAt = run.paceAt() == null ? now : run.paceAt();
        Instant earliest = now.minus(interval.multipliedBy(burst));
        if (paceAt.isBefore(earliest)) {
            paceAt = earliest;
        }
        boolean workflow = campaign.action() instanceof Campaign.Action.Workflow;
        long slots = workflow ? Long.MAX_VALUE : pace.maxConcurrent() - run.progress().holdingSlots();
        long tokens = paceAt.isAfter(now) ? 0 : Duration.between(paceAt, now).toNanos() / interval.toNanos() + 1;
        int wanted = (int) Math.min(Math.min(slots, tokens), BATCH);
        if (wanted <= 0) {
            return slots <= 0 ? now.plus(IDLE) : later(now, paceAt);
        }
        // Targets the due index lists (retries, targets added after the start, ones outside their hours) first, then
        // the run's partition in phone order from where the last claim stopped (targets imported before the start).
        List<DueTarget> due = store.due(campaign.workspaceId(), campaign.id(), run.run(), now, wanted + 5);
        List<DueTarget> chosen = new ArrayList<>();
        Optional<CallingWindow> hours = hours(campaign);
        for (DueTarget target : due) {
            if (chosen.size() < wanted && withinHours(campaign, run, hours, target, now)) {
                chosen.add(target);
            }
        }
        String cursor = null;
        boolean partitionRead = false;
        if (chosen.size() < wanted) {
            int limit = Math.max(10, 2 * (wanted - chosen.size()));
            List<CampaignStore.FreshTarget> fresh = store.fresh(campaign.workspaceId(), campaign.id(), run.run(), run.cursor(), limit);
            partitionRead = fresh.size() < limit;
            for (CampaignStore.FreshTarget target : fresh) {
                if (chosen.size() == wanted) {
                    partitionRead = false;
                    break;
                }
                cursor = target.target().phone();
                boolean alreadyChosen = chosen.stream().anyMatch(c -> c.phone().equals(target.target().phone()));
                if (target.state() == TargetState.PENDING && !alreadyChosen && withinHours(campaign, run, hours, target.target(), now)) {
                    chosen.add(target.target());
                }
            }
            if (chosen.isEmpty() && due.isEmpty() && partitionRead && run.cursor() != null && run.progress().count(TargetState.PENDING) > 0
                    && store.due(campaign.workspaceId(), campaign.id(), run.run(), FAR_FUTURE, 1).isEmpty()) {
                // Pending targets that neither source holds: written unqueued while the run was starting, behind the
                // cursor. Read the partition again from the start.
                store.rewind(campaign.workspaceId(), campaign.id(), run.run());
                return now.plusSeconds(1);
            }
        }
        if (chosen.isEmpty()) {
            if (cursor != null) {
                store.claim(run, List.of(), TargetState.IN_PROGRESS, paceAt, false, cursor);
            }
            return now.plus(IDLE);
        }
        Instant nextPace = paceAt.plus(interval.multipliedBy(chosen.size()));
        boolean full = !workflow && chosen.size() >= slots;
        List<DueTarget> claimed = store.claim(run, chosen,
                workflow ? TargetState.COMPLETED : TargetState.IN_PROGRESS, nextPace, full, cursor);
        if (claimed.isEmpty()) {
            return later(now, nextPace);
        }
        dispatch(campaign, run.run(), claimed);
        store.sent(campaign.workspaceId(), campaign.id(), run.run(), run.claim() + 1);
        if (full) {
            return now.plus(IDLE);
        }
        return claimed.size() < wanted && partitionRead ? now.plus(IDLE) : later(now, nextPace);
    }

    /** Within the campaign's hours in the callee's time; if not, the target waits in the due index for its opening. */
    private boolean withinHours(Campaign campaign, RunState run, Optional<CallingWindow> hours, DueTarget target, Instant now) {
        Optional<Instant> opening = hours.map(window -> LocalWindows.nextOpening(window, target.phone(),
                target.target().timeZone(), now).orElse(now.plus(Duration.ofDays(1))));
        if (opening.isPresent() && opening.get().isAfter(now)) {
            store.postpone(campaign.workspaceId(), campaign.id(), run.run(), target, opening.get());
            return false;
        }
        return true;
    }

    private static Instant later(Instant now, Instant at) {
        return at.isAfter(now) ? at : now.plusSeconds(1);
    }

    /** The campaign's own hours and days as a window in the callee's time; empty when it has none. */
    static Optional<CallingWindow> hours(Campaign campaign) {
        Campaign.Schedule schedule = campaign.schedule();
        if (schedule.hours() == null && schedule.days().isEmpty()) {
            return Optional.empty();
        }
        EnumSet<DayOfWeek> closed = EnumSet.allOf(DayOfWeek.class);
        if (schedule.days().isEmpty()) {
            closed.clear();
        } else {
            closed.removeAll(schedule.days());
        }
        return Optional.of(new CallingWindow(schedule.hours() == null ? java.time.LocalTime.MIN : schedule.hours().start(),
                schedule.hours() == null ? java.time.LocalTime.MAX : schedule.hours().end(), closed));
    }

    /** Sends what claimed targets get: a call request to the gate, or a campaign.target event. */
    private void dispatch(Campaign campaign, int run, List<DueTarget> targets) {
        Instant now = clock.instant();
        Workspace workspace = workspaces.find(campaign.workspaceId())
                .orElseThrow(() -> new IllegalStateException("workspace of campaign " + campaign.id() + " is gone"));
        List<String> requests = new ArrayList<>();
        Map<String, Optional<Contact>> contactsByPhone = keepContacts(campaign, targets, now);
        for (DueTarget target : targets) {
            Optional<Contact> contact = contactsByPhone.get(target.phone());
            if (campaign.action() instanceof Campaign.Action.Workflow workflow) {
                Map<String, Object> data = new LinkedHashMap<>(target.target().data());
                data.put("campaignId", campaign.id());
                data.put("campaignRun", run);
                data.put("workflow", workflow.workflowId());
                events.publish(new DomainEvent("campaign:" + campaign.id() + ":" + run + ":" + target.phone(),
                        EventTypes.CAMPAIGN_TARGET, campaign.workspaceId(), now, target.phone(), null, data, Map.of()));
                continue;
            }
            CallRequest request = new CallRequest(requestId(campaign, run, target), campaign.workspaceId(), target.phone(),
                    campaign.purpose(), plan(campaign, workspace, target, contact), null, null, 0, target.attempt(), false, now,
                    deadline(campaign, workspace, now), new CallRequest.CampaignRef(campaign.id(), run, campaign.callerId(),
                    campaign.retry().maxAttempts(), campaign.retry().interval(), campaign.retry().on().stream().sorted().toList()));
            requests.add(Json.write(CallRequestMessage.of(request)));
        }
        if (!requests.isEmpty()) {
            complianceQueue.sendAll(requests);
        }
    }

    /**
     * The claimed targets' contacts, each kept or read at once (they wait on DynamoDB, not the CPU): a row that says
     * something about the contact is kept on it; a flow's templates, or a message's placeholders, read it.
     */
    private Map<String, Optional<Contact>> keepContacts(Campaign campaign, List<DueTarget> targets, Instant now) {
        Map<String, Optional<Contact>> found = new java.util.concurrent.ConcurrentHashMap<>();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> work = new ArrayList<>();
            for (DueTarget target : targets) {
                work.add(threads.submit(() -> {
                    Optional<Contact> contact = keepContact(campaign.workspaceId(), target.target(), now);
                    if (contact.isEmpty() && needsContact(campaign)) {
                        contact = contacts.find(campaign.workspaceId(), target.phone());
                    }
                    found.put(target.phone(), contact);
                }));
            }
            for (java.util.concurrent.Future<?> each : work) {
                each.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while keeping contacts", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
        return found;
    }

    /** A row that says something about the contact (name, zone, consent, fields) is kept on the contact when dialed. */
    private Optional<Contact> keepContact(String workspaceId, Target target, Instant now) {
        if (!target.describesContact()) {
            return Optional.empty();
        }
        Contact absent = new Contact(target.phone(), null, null, List.of(), null, null, null, null, Map.of(), "import", now);
        return Optional.of(contacts.update(workspaceId, absent, contact -> TargetContacts.apply(contact, target)));
    }

    /** A flow's templates, or a message's placeholders, read the contact. */
    private static boolean needsContact(Campaign campaign) {
        return campaign.action() instanceof Campaign.Action.Flow
                || campaign.action() instanceof Campaign.Action.Message message && message.text().contains("{{");
    }

    private static CallPlan plan(Campaign campaign, Workspace workspace, DueTarget target, Optional<Contact> contact) {
        Map<String, Object> contactRoot = contact.map(TemplateContext::contactRoot).orElseGet(() -> {
            Map<String, Object> phoneOnly = new HashMap<>();
            phoneOnly.put("phone", target.phone());
            return phoneOnly;
        });
        return switch (campaign.action()) {
            case Campaign.Action.Flow flow -> new CallPlan.Ivr(flow.flowId(), "hangup", null,
                    new LinkedHashMap<>(target.target().data()), contactRoot);
            case Campaign.Action.Message message -> {
                Map<String, Object> roots = new HashMap<>();
                roots.put("contact", contactRoot);
                roots.put("workspace", Map.of("name", workspace.displayName()));
                roots.put("data", target.target().data());
                String text = Template.parse("action.message", message.text(), CampaignParser.MESSAGE_ROOTS)
                        .render(TemplateContext.of(roots));
                yield new CallPlan.Voicemail(text, message.voice(), null);
            }
            case Campaign.Action.Workflow workflow -> throw new IllegalStateException("a workflow action places no call itself");
        };
    }

    /** The gate gives up on a request deferred past the campaign's end, or past the workspace's longest deferral. */
    private static Instant deadline(Campaign campaign, Workspace workspace, Instant now) {
        Instant byWorkspace = now.plus(Duration.ofDays(workspace.compliance().maxDeferralDays()));
        Instant endAt = campaign.schedule().endAt();
        return endAt != null && endAt.isBefore(byWorkspace) ? endAt : byWorkspace;
    }

    /** The same for every delivery of one attempt of one target, and apart between workspaces. */
    static String requestId(Campaign campaign, int run, DueTarget target) {
        return "cmp_" + hash(campaign.workspaceId() + "|" + campaign.id() + "|" + run + "|" + target.phone() + "|" + target.attempt());
    }

    private static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ ending a run

    /** endAt has come: what is not dialed yet ends expired; calls in progress finish. */
    private void expire(Campaign campaign, int run) {
        if (store.markExpired(campaign.workspaceId(), campaign.id(), run)) {
            endWaiting(campaign, run, TargetState.EXPIRED);
        }
    }

    /** Ends the run's pending targets (in the counters) and its deferred ones (each) as {@code to}. */
    public void endWaiting(Campaign campaign, int run, TargetState to) {
        store.endPending(campaign.workspaceId(), campaign.id(), run, to);
        List<DueTarget> deferred;
        do {
            deferred = store.deferred(campaign.workspaceId(), campaign.id(), run, 100);
            for (DueTarget target : deferred) {
                store.move(new TargetRef(campaign.workspaceId(), campaign.id(), run, target.phone(), target.attempt()), to, null, null);
            }
        } while (deferred.size() == 100);
    }

    private void complete(Campaign campaign, RunState run) {
        if (run.status() == RunStatus.RUNNING) {
            // Before the status moves: a tick that dies after it would not come here again. The id is the run's, so a
            // second tick that also finds it final sends the same delivery, not another one.
            webhooks.send(campaign.workspaceId(), dev.autocall.domain.webhook.WebhookIds.of("campaign", campaign.workspaceId(),
                    campaign.id(), Integer.toString(run.run()), "completed"), "campaign.completed", clock.instant(),
                    completedData(campaign, run));
        }
        if (!store.setRunStatus(campaign.workspaceId(), campaign.id(), run.run(), RunStatus.RUNNING, RunStatus.COMPLETED, clock.instant())) {
            return;
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            Campaign current = store.find(campaign.workspaceId(), campaign.id()).orElseThrow();
            if (current.run() != run.run() || current.status() != CampaignStatus.RUNNING) {
                return;
            }
            try {
                store.save(current.withStatus(Lifecycle.next(current, Lifecycle.Command.RUN_FINISHED, clock.instant())),
                        Optional.empty());
                LOG.info(() -> "campaign " + campaign.id() + " run " + run.run() + " completed");
                return;
            } catch (ConflictException changed) {
                // A client wrote the campaign meanwhile (its pace, its name): read it again.
            }
        }
        throw new ConflictException("campaign " + campaign.id() + " kept changing while its run completed");
    }

    private static Map<String, Object> completedData(Campaign campaign, RunState run) {
        Map<String, Object> progress = new java.util.LinkedHashMap<>();
        progress.put("total", run.progress().total());
        for (TargetState state : TargetState.values()) {
            progress.put(state.wire(), run.progress().count(state));
        }
        progress.put("outcomes", run.progress().outcomes());
        progress.put("failures", run.progress().failures());
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("campaignId", campaign.id());
        data.put("run", run.run());
        data.put("progress", progress);
        return data;
    }

    private void send(CampaignMessage message, String what, Instant at) {
        String id = what + ":" + message.workspaceId() + ":" + message.campaignId() + ":" + message.run() + ":" + at.toEpochMilli();
        campaignQueue.deliverAt(Json.write(message), id, at);
    }
}
