package dev.autocall.local.ports;

import dev.autocall.domain.ivr.FlowStore;
import dev.autocall.domain.ivr.FlowStore.StoredFlow;
import dev.autocall.error.ConflictException;
import dev.autocall.error.NotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link FlowStore} does: drafts with revisions and frozen, numbered versions, per workspace. */
abstract class FlowStoreContract {
    private static final AtomicInteger WORKSPACES = new AtomicInteger();
    private static final Instant T0 = Instant.parse("2026-11-02T15:00:00Z");

    private FlowStore store;
    private String ws;

    protected abstract FlowStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
        ws = "ws_flows_" + WORKSPACES.incrementAndGet();
    }

    private static String flow(String text) {
        return "{\"start\":\"a\",\"nodes\":{\"a\":{\"type\":\"hangup\",\"say\":\"" + text + "\"}}}";
    }

    @Test
    void saveDraft_should_countRevisions_andLeaveTheFlowUnpublished() {
        StoredFlow first = store.saveDraft(ws, "confirm", flow("a"), T0);
        StoredFlow second = store.saveDraft(ws, "confirm", flow("b"), T0.plusSeconds(5));

        assertEquals(new StoredFlow("confirm", flow("a"), 1, 0, T0, null), first);
        assertEquals(new StoredFlow("confirm", flow("b"), 2, 0, T0.plusSeconds(5), null), second);
        assertEquals(Optional.of(second), store.find(ws, "confirm"));
        assertEquals(Optional.empty(), store.version(ws, "confirm", 1));
    }

    @Test
    void publish_should_freezeTheDraft_asTheNextVersion() {
        store.saveDraft(ws, "confirm", flow("a"), T0);
        int first = store.publish(ws, "confirm", T0.plusSeconds(1));
        store.saveDraft(ws, "confirm", flow("b"), T0.plusSeconds(2));

        int second = store.publish(ws, "confirm", T0.plusSeconds(3));

        assertEquals(1, first);
        assertEquals(2, second);
        assertEquals(Optional.of(flow("a")), store.version(ws, "confirm", 1));
        assertEquals(Optional.of(flow("b")), store.version(ws, "confirm", 2));
        assertEquals(Optional.empty(), store.version(ws, "confirm", 3));
        assertEquals(new StoredFlow("confirm", flow("b"), 2, 2, T0.plusSeconds(2), T0.plusSeconds(3)),
                store.find(ws, "confirm").orElseThrow());
    }

    @Test
    void saveDraft_should_leaveThePublishedVersionAsItWas() {
        store.saveDraft(ws, "confirm", flow("a"), T0);
        store.publish(ws, "confirm", T0);

        StoredFlow draft = store.saveDraft(ws, "confirm", flow("b"), T0.plusSeconds(9));

        assertEquals(1, draft.publishedVersion());
        assertEquals(T0, draft.publishedAt());
        assertEquals(Optional.of(flow("a")), store.version(ws, "confirm", 1));
    }

    @Test
    void publish_should_failAsNotFound_when_thereIsNoDraft() {
        assertThrows(NotFoundException.class, () -> store.publish(ws, "nothing", T0));
    }

    @Test
    void list_should_listTheWorkspacesFlowsById_withoutTheirVersions() {
        store.saveDraft(ws, "b-flow", flow("b"), T0);
        store.saveDraft(ws, "a-flow", flow("a"), T0);
        store.publish(ws, "a-flow", T0);
        store.saveDraft(ws + "_other", "c-flow", flow("c"), T0);

        assertEquals(List.of("a-flow", "b-flow"), store.list(ws).stream().map(StoredFlow::id).toList());
    }

    @Test
    void twoWorkspaces_should_neverSeeEachOthersFlow_when_theyUseTheSameId() {
        store.saveDraft(ws, "confirm", flow("mine"), T0);
        store.publish(ws, "confirm", T0);
        store.saveDraft(ws + "_other", "confirm", flow("theirs"), T0);

        assertEquals(flow("mine"), store.find(ws, "confirm").orElseThrow().draftJson());
        assertEquals(flow("theirs"), store.find(ws + "_other", "confirm").orElseThrow().draftJson());
        assertEquals(0, store.find(ws + "_other", "confirm").orElseThrow().publishedVersion());
        assertEquals(Optional.empty(), store.version(ws + "_other", "confirm", 1));
    }

    @Test
    void publish_should_neverGiveTwoPublishesOneVersion_norFreezeADraftNeverSaved_when_draftsAndPublishesRace() throws Exception {
        store.saveDraft(ws, "flow", flow("d0"), T0);

        List<Integer> versions = Concurrently.run(8, i -> {
            store.saveDraft(ws, "flow", flow("d" + (i + 1)), T0.plusSeconds(i));
            try {
                return store.publish(ws, "flow", T0.plusSeconds(i));
            } catch (ConflictException e) {
                return null; // the draft changed under the publish: the caller is told to publish again
            }
        });

        List<Integer> published = versions.stream().filter(Objects::nonNull).toList();
        assertEquals(published.size(), Set.copyOf(published).size(), "distinct versions: " + versions);
        Set<String> saved = IntStream.rangeClosed(0, 8).mapToObj(i -> flow("d" + i)).collect(Collectors.toSet());
        int latest = store.find(ws, "flow").orElseThrow().publishedVersion();
        for (int v = 1; v <= latest; v++) {
            assertTrue(saved.contains(store.version(ws, "flow", v).orElseThrow()), "version " + v);
        }
    }
}
