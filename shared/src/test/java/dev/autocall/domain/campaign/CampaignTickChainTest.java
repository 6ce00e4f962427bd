package dev.autocall.domain.campaign;

import dev.autocall.domain.campaign.CampaignStore.RunState;
import dev.autocall.domain.campaign.CampaignStore.RunStatus;
import dev.autocall.json.Json;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dispatch chain of a running campaign: a tick sends its successor and then hands the chain over to it; under
 * load the successor can come before that hand-over, and must not end the chain (the campaign would stop dialing).
 */
class CampaignTickChainTest {
    private static final Instant HELD = Instant.parse("2026-12-01T17:00:08.361Z");
    private final List<CampaignMessage> sent = new ArrayList<>();
    private final List<Instant> sentAt = new ArrayList<>();

    @Test
    void a_tick_that_comes_before_its_sender_handed_the_chain_over_comes_back_instead_of_ending_the_chain() {
        // GIVEN the run holds tick HELD, whose dispatcher has sent its successor (100 ms later) but not handed over yet
        Instant successor = HELD.plusMillis(100);
        Instant now = successor.plusMillis(800);
        CampaignEngine engine = engine(HELD, now);

        // WHEN the successor comes
        engine.handle(CampaignMessage.tick(CampaignParserTest.WORKSPACE, "flu", 1, successor));

        // THEN it comes again shortly, still the successor, so it carries the chain once the hand-over is done
        assertEquals(1, sent.size(), "messages sent: " + sent);
        assertEquals(successor, sent.getFirst().atInstant());
        assertTrue(!sentAt.getFirst().isBefore(now) && sentAt.getFirst().isBefore(now.plusSeconds(5)), "again at " + sentAt);
    }

    @Test
    void an_old_tick_that_comes_again_after_the_chain_moved_on_ends_there() {
        // GIVEN the run holds tick HELD
        Instant now = HELD.plusSeconds(2);
        CampaignEngine engine = engine(HELD, now);

        // WHEN an earlier tick is delivered again
        engine.handle(CampaignMessage.tick(CampaignParserTest.WORKSPACE, "flu", 1, HELD.minusSeconds(1)));

        // THEN it sends nothing: the chain is the held tick's
        assertEquals(List.of(), sent);
    }

    private CampaignEngine engine(Instant tickAt, Instant now) {
        Campaign parsed = CampaignParser.parse(CampaignParserTest.tree("""
                {"id": "flu", "name": "Flu shots", "action": {"message": "Hi"}, "pace": {"callsPerMinute": 600, "maxConcurrent": 100}}
                """), Optional.empty(), CampaignParserTest.WORKSPACE, CampaignParserTest.CREATED);
        Campaign running = new Campaign(parsed.id(), parsed.workspaceId(), parsed.name(), parsed.action(), parsed.purpose(),
                parsed.callerId(), parsed.audience(), parsed.schedule(), parsed.retry(), parsed.pace(), parsed.recurrence(),
                CampaignStatus.RUNNING, 1, parsed.createdAt(), 3);
        RunState run = new RunState(running.workspaceId(), running.id(), 1, RunStatus.RUNNING, HELD.minusSeconds(60), null, null,
                40, tickAt, List.of(), tickAt, false, false, null, true,
                new Progress(Map.of(TargetState.PENDING, 1000L), Map.of(), Map.of()));
        // Only what a tick with nothing due reads; anything else it did would fail the test.
        CampaignStore store = (CampaignStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{CampaignStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "find" -> Optional.of(running);
                    case "run" -> Optional.of(run);
                    case "due" -> List.of();
                    case "handOverTick" -> false;
                    default -> throw new AssertionError("unexpected " + method.getName());
                });
        return new CampaignEngine(store, null, null, null, null, null, (body, id, when) -> {
            sent.add(Json.read(body, CampaignMessage.class));
            sentAt.add(when);
        }, Clock.fixed(now, ZoneOffset.UTC));
    }
}
