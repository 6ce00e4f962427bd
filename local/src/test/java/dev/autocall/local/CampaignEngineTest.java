package dev.autocall.local;

import dev.autocall.adapters.dynamodb.DynamoCampaignStore;
import dev.autocall.domain.campaign.Campaign;
import dev.autocall.domain.campaign.CampaignCalls;
import dev.autocall.domain.campaign.CampaignEngine;
import dev.autocall.domain.campaign.CampaignMessage;
import dev.autocall.domain.campaign.CampaignParser;
import dev.autocall.domain.campaign.CampaignStatus;
import dev.autocall.domain.campaign.Campaigns;
import dev.autocall.domain.campaign.Progress;
import dev.autocall.domain.campaign.RecurringSchedules;
import dev.autocall.domain.campaign.Target;
import dev.autocall.domain.campaign.TargetState;
import dev.autocall.domain.outbound.CallRequest;
import dev.autocall.domain.outbound.CallRequestMessage;
import dev.autocall.json.Json;
import dev.autocall.testing.InMemoryContactStore;
import dev.autocall.testing.InMemoryWorkspaceStore;
import dev.autocall.testing.MutableClock;
import dev.autocall.testing.RecordingEventPublisher;
import dev.autocall.testing.RecordingQueues;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The campaign engine on the real campaigns table (DynamoDB Local, as template.yaml defines it) with recording
 * queues and a clock the test moves: the pace is kept exactly, maxConcurrent is never passed, and under concurrent
 * ticks, outcomes, pauses and cancels every target is claimed once and progress always adds up.
 */
class CampaignEngineTest {
    private static final Instant START = Instant.parse("2026-12-01T19:00:00Z");
    private static final AtomicInteger IDS = new AtomicInteger();
    private static TemplateTables tables;
    private static DynamoCampaignStore store;

    @BeforeAll
    static void start() throws Exception {
        tables = TemplateTables.start("CampaignsTable");
        store = new DynamoCampaignStore(tables.client(), "CampaignsTable");
    }

    @AfterAll
    static void stop() throws Exception {
        if (tables != null) {
            tables.close();
        }
    }

    private record Delivery(String body, Instant when) {
    }

    /** One campaign's world: the engine, its queues and a clock. */
    private static final class World {
        final MutableClock clock = new MutableClock(START);
        final RecordingQueues compliance = new RecordingQueues();
        /** The campaign queue: each message due as SQS would deliver it (a delay of whole seconds, rounded up). */
        final List<Delivery> inbox = new ArrayList<>();
        final dev.autocall.domain.outbound.DeferredDelivery campaignQueue = (body, id, when) -> {
            Instant now = clock.instant();
            Instant at = now.plusSeconds(dev.autocall.adapters.sqs.SqsTimer.delaySeconds(Duration.between(now, when)));
            synchronized (inbox) {
                inbox.add(new Delivery(body, at));
            }
        };
        final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
        /** What the engine sent to the workspace's webhook: {id, type, data}. */
        final List<Object[]> webhooks = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CampaignEngine engine;
        final Campaigns campaigns;
        final CampaignCalls calls;
        final String id = "c" + IDS.incrementAndGet();
        final String ws = SampleWorkspaces.WORKSPACE_ID;

        World() {
            workspaces.save(SampleWorkspaces.acme());
            engine = new CampaignEngine(store, workspaces, new InMemoryContactStore(), (w, t, c, l) -> new CampaignEngine.TagMembers.Page(List.of(), null),
                    compliance.queue, new RecordingEventPublisher(), campaignQueue, clock,
                    (w, hookId, type, at, data) -> webhooks.add(new Object[] {hookId, type, data}));
            RecurringSchedules none = new RecurringSchedules() {
                @Override
                public void arm(String name, String cron, ZoneId zone, String messageBody) {
                }

                @Override
                public void disarm(String name) {
                }
            };
            campaigns = new Campaigns(store, engine, none, campaignQueue, clock);
            calls = new CampaignCalls(store, campaignQueue, clock);
        }

        void create(int targets, int callsPerMinute, int maxConcurrent) {
            Campaign parsed = CampaignParser.parse(Json.tree("""
                    {"id": "%s", "name": "Test", "action": {"message": "Hello."},
                     "pace": {"callsPerMinute": %d, "maxConcurrent": %d}}""".formatted(id, callsPerMinute, maxConcurrent)),
                    Optional.empty(), ws, clock.instant());
            campaigns.create(workspaces.find(ws).orElseThrow(), parsed);
            List<Target> list = new ArrayList<>();
            for (int i = 0; i < targets; i++) {
                list.add(Target.of("+1312555%04d".formatted(i)));
            }
            campaigns.addTargets(ws, id, list);
        }

        /** Delivers the campaign queue's messages in due order until {@code until}, moving the clock to each. */
        void runUntil(Instant until) {
            while (true) {
                Optional<Delivery> next;
                synchronized (inbox) {
                    next = inbox.stream().min(Comparator.comparing(Delivery::when));
                    if (next.isEmpty() || next.get().when().isAfter(until)) {
                        return;
                    }
                    inbox.remove(next.get());
                }
                if (next.get().when().isAfter(clock.instant())) {
                    clock.set(next.get().when());
                }
                engine.handle(Json.read(next.get().body(), CampaignMessage.class));
                if (answerAtOnce) {
                    List<CallRequest> sent = dispatched();
                    sent.subList(answered, sent.size()).forEach(this::answer);
                    answered = sent.size();
                }
            }
        }

        /** Calls end the moment they are dispatched, so that only the pace holds dispatch back. */
        boolean answerAtOnce;
        private int answered;

        List<CallRequest> dispatched() {
            return compliance.sent().stream().map(body -> Json.read(body, CallRequestMessage.class).request()).toList();
        }

        Progress progress() {
            Progress progress = store.run(ws, id, 1).orElseThrow().progress();
            assertEquals(progress.total(), progress.states().values().stream().mapToLong(Long::longValue).sum());
            assertEquals(progress.count(TargetState.COMPLETED), progress.outcomes().values().stream().mapToLong(Long::longValue).sum(),
                    "completed = sum of outcomes: " + progress);
            assertEquals(progress.count(TargetState.FAILED), progress.failures().values().stream().mapToLong(Long::longValue).sum(),
                    "failed = sum of failures: " + progress);
            return progress;
        }

        void answer(CallRequest request) {
            calls.ended(ws, id, request.campaign().run(), request.to(), request.attempt(), "completed", null);
        }
    }

    @Test
    void thePace_isKeptExactly_overHalfAMinuteOfTicks() {
        World world = new World();
        world.create(500, 600, 100);
        world.answerAtOnce = true;
        world.campaigns.start(world.ws, world.id);

        world.runUntil(START.plusSeconds(30));

        int dispatched = world.dispatched().size();
        assertTrue(Math.abs(dispatched - 300) <= 6, "600 a minute for half a minute is 300 (±2 %), not " + dispatched);
        assertEquals(dispatched, new HashSet<>(world.dispatched().stream().map(CallRequest::id).toList()).size(), "each request once");
        assertEquals(dispatched, world.progress().count(TargetState.COMPLETED));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRunWhoseEveryTargetIsFinal_sendsCampaignCompletedWithItsProgress_underOneId() {
        World world = new World();
        world.create(5, 600, 5);
        world.answerAtOnce = true;
        world.campaigns.start(world.ws, world.id);

        world.runUntil(START.plusSeconds(60));

        List<Object[]> completed = world.webhooks.stream().filter(w -> w[1].equals("campaign.completed")).toList();
        assertTrue(!completed.isEmpty(), "campaign.completed sent");
        assertEquals(Set.of("campaign:" + world.ws + ":" + world.id + ":1:completed"),
                completed.stream().map(w -> (String) w[0]).collect(java.util.stream.Collectors.toSet()), "one delivery id");
        Map<String, Object> data = (Map<String, Object>) completed.getFirst()[2];
        assertEquals(world.id, data.get("campaignId"));
        assertEquals(1, data.get("run"));
        assertEquals(5L, ((Map<String, Object>) data.get("progress")).get("completed"));
        assertEquals(Map.of("completed", 5L), ((Map<String, Object>) data.get("progress")).get("outcomes"));
    }

    @Test
    void maxConcurrent_holdsBackTheRest_untilACallEnds() {
        World world = new World();
        world.create(10, 600, 3);
        world.campaigns.start(world.ws, world.id);
        world.runUntil(START.plusSeconds(30));
        assertEquals(3, world.dispatched().size(), "three calls in flight at most");

        world.answer(world.dispatched().get(0));
        world.runUntil(world.clock.instant().plusSeconds(2));
        assertEquals(4, world.dispatched().size(), "a call that ends frees its slot at once");
        assertEquals(3, world.progress().holdingSlots());
    }

    @Test
    void concurrentTicksAndOutcomes_claimEachTargetOnce_neverPassMaxConcurrent_andProgressAlwaysAddsUp() throws Exception {
        World world = new World();
        int targets = 120;
        int maxConcurrent = 6;
        world.create(targets, 600, maxConcurrent);
        world.campaigns.start(world.ws, world.id);
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        Set<String> answered = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (ExecutorService threads = Executors.newFixedThreadPool(10)) {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                work.add(threads.submit(() -> {
                    while (!done.get()) {
                        world.clock.advance(Duration.ofMillis(50));
                        world.engine.handle(CampaignMessage.tick(world.ws, world.id, 1, null));
                    }
                }));
            }
            for (int t = 0; t < 4; t++) {
                work.add(threads.submit(() -> {
                    while (!done.get()) {
                        for (CallRequest request : world.dispatched()) {
                            if (answered.add(request.id())) {
                                world.answer(request);
                            }
                        }
                    }
                }));
            }
            work.add(threads.submit(() -> {
                while (!done.get()) {
                    try {
                        Progress progress = world.progress();
                        if (progress.holdingSlots() > maxConcurrent) {
                            problems.add("in flight " + progress.holdingSlots() + " > " + maxConcurrent);
                        }
                        if (progress.total() != targets) {
                            problems.add("total " + progress.total());
                        }
                        if (progress.count(TargetState.COMPLETED) == targets) {
                            done.set(true);
                        }
                    } catch (AssertionError e) {
                        problems.add(e.getMessage());
                    }
                }
            }));
            Instant deadline = Instant.now().plusSeconds(120);
            while (!done.get() && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            done.set(true);
            for (Future<?> future : work) {
                future.get();
            }
        }
        assertEquals(List.of(), List.copyOf(problems));
        assertEquals(targets, world.progress().count(TargetState.COMPLETED), world.progress().toString());
        assertEquals(targets, new HashSet<>(world.dispatched().stream().map(CallRequest::id).toList()).size(),
                "one request per target (a resend repeats an id, never makes another)");
    }

    @Test
    void pauseAndCancel_duringConcurrentDispatch_stopEveryClaimAfterTheyAnswer() throws Exception {
        World world = new World();
        world.create(300, 600, 100);
        world.campaigns.start(world.ws, world.id);
        AtomicBoolean stop = new AtomicBoolean();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<?>> ticks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                ticks.add(threads.submit(() -> {
                    while (!stop.get()) {
                        world.clock.advance(Duration.ofMillis(100));
                        world.engine.handle(CampaignMessage.tick(world.ws, world.id, 1, null));
                    }
                }));
            }
            while (world.dispatched().size() < 20) {
                Thread.sleep(10);
            }
            world.campaigns.pause(world.ws, world.id);
            long claimedAtPause = world.progress().count(TargetState.IN_PROGRESS);
            Thread.sleep(300);
            assertEquals(claimedAtPause, world.progress().count(TargetState.IN_PROGRESS), "no claim after the pause answered");

            world.campaigns.resume(world.ws, world.id);
            Thread.sleep(300);
            world.campaigns.cancel(world.ws, world.id);
            long claimedAtCancel = world.progress().count(TargetState.IN_PROGRESS);
            Thread.sleep(300);
            stop.set(true);
            for (Future<?> tick : ticks) {
                tick.get();
            }
            Progress progress = world.progress();
            assertEquals(claimedAtCancel, progress.count(TargetState.IN_PROGRESS), "no claim after the cancel answered");
            assertEquals(300 - claimedAtCancel, progress.count(TargetState.CANCELLED), progress.toString());
            assertEquals(0, progress.count(TargetState.PENDING));
            assertEquals(claimedAtCancel, new HashSet<>(world.dispatched().stream().map(CallRequest::id).toList()).size(),
                    "every claimed target was sent, once each");
            assertEquals(CampaignStatus.CANCELLED, world.campaigns.find(world.ws, world.id).status());
        }
    }
}
