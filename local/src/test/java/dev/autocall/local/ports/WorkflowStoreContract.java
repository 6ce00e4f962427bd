package dev.autocall.local.ports;

import dev.autocall.domain.workflow.StoredWorkflow;
import dev.autocall.domain.workflow.WorkflowStore;
import dev.autocall.domain.workflow.WorkflowStore.PublishedWorkflow;
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

/** What every {@link WorkflowStore} does: drafts with revisions, frozen versions, one live version per trigger. */
abstract class WorkflowStoreContract {
    private static final AtomicInteger WORKSPACES = new AtomicInteger();
    private static final Instant T0 = Instant.parse("2026-11-02T15:00:00Z");

    private WorkflowStore store;
    private String ws;

    protected abstract WorkflowStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
        ws = "ws_workflows_" + WORKSPACES.incrementAndGet();
    }

    private static String definition(String body) {
        return "{\"trigger\":\"call.missed\",\"steps\":[{\"type\":\"sendSms\",\"body\":\"" + body + "\"}]}";
    }

    @Test
    void saveDraft_should_countRevisions_andLeaveTheWorkflowUnpublished() {
        StoredWorkflow first = store.saveDraft(ws, "text-back", definition("a"), T0);
        StoredWorkflow second = store.saveDraft(ws, "text-back", definition("b"), T0.plusSeconds(5));

        assertEquals(new StoredWorkflow("text-back", definition("a"), 1, 0, T0, null), first);
        assertEquals(new StoredWorkflow("text-back", definition("b"), 2, 0, T0.plusSeconds(5), null), second);
        assertEquals(Optional.of(second), store.find(ws, "text-back"));
    }

    @Test
    void list_should_listTheWorkspacesDraftsById_withoutTheirVersions() {
        store.saveDraft(ws, "b-flow", definition("b"), T0);
        store.saveDraft(ws, "a-flow", definition("a"), T0);
        store.publish(ws, "a-flow", "call.missed", T0);
        store.saveDraft(ws + "_other", "c-flow", definition("c"), T0);

        assertEquals(List.of("a-flow", "b-flow"), store.list(ws).stream().map(StoredWorkflow::id).toList());
        assertEquals(Optional.empty(), store.find(ws + "_other", "a-flow"));
    }

    @Test
    void publish_should_freezeTheDraft_asTheNextVersion_andMakeItLive() {
        store.saveDraft(ws, "text-back", definition("a"), T0);
        int first = store.publish(ws, "text-back", "call.missed", T0.plusSeconds(1));
        store.saveDraft(ws, "text-back", definition("b"), T0.plusSeconds(2));

        int second = store.publish(ws, "text-back", "call.missed", T0.plusSeconds(3));

        assertEquals(1, first);
        assertEquals(2, second);
        assertEquals(Optional.of(new PublishedWorkflow("text-back", 1, definition("a"))), store.version(ws, "text-back", 1));
        assertEquals(List.of(new PublishedWorkflow("text-back", 2, definition("b"))), store.live(ws, "call.missed"));
        assertEquals(new StoredWorkflow("text-back", definition("b"), 2, 2, T0.plusSeconds(2), T0.plusSeconds(3)),
                store.find(ws, "text-back").orElseThrow());
        assertEquals(Optional.empty(), store.version(ws, "text-back", 3));
    }

    @Test
    void saveDraft_should_leaveThePublishedVersionLive() {
        store.saveDraft(ws, "text-back", definition("a"), T0);
        store.publish(ws, "text-back", "call.missed", T0);

        StoredWorkflow draft = store.saveDraft(ws, "text-back", definition("b"), T0.plusSeconds(9));

        assertEquals(1, draft.publishedVersion());
        assertEquals(T0, draft.publishedAt());
        assertEquals(List.of(new PublishedWorkflow("text-back", 1, definition("a"))), store.live(ws, "call.missed"));
    }

    @Test
    void publish_should_moveTheLiveVersion_when_theTriggerChanges() {
        store.saveDraft(ws, "flow", definition("a"), T0);
        store.publish(ws, "flow", "call.missed", T0);
        store.saveDraft(ws, "other", definition("o"), T0);
        store.publish(ws, "other", "call.missed", T0);

        store.publish(ws, "flow", "sms.received", T0.plusSeconds(1));

        assertEquals(List.of("other"), store.live(ws, "call.missed").stream().map(PublishedWorkflow::workflowId).toList());
        assertEquals(List.of(new PublishedWorkflow("flow", 2, definition("a"))), store.live(ws, "sms.received"));
        assertEquals(List.of(), store.live(ws + "_other", "sms.received"));
    }

    @Test
    void publish_should_failAsNotFound_when_thereIsNoDraft() {
        assertThrows(NotFoundException.class, () -> store.publish(ws, "nothing", "call.missed", T0));
    }

    @Test
    void publish_should_neverGiveTwoPublishesOneVersion_norFreezeADraftNeverSaved_when_draftsAndPublishesRace() throws Exception {
        store.saveDraft(ws, "flow", definition("d0"), T0);

        List<Integer> versions = Concurrently.run(8, i -> {
            store.saveDraft(ws, "flow", definition("d" + (i + 1)), T0.plusSeconds(i));
            try {
                return store.publish(ws, "flow", "call.missed", T0.plusSeconds(i));
            } catch (ConflictException e) {
                return null; // the draft changed under the publish: the caller is told to publish again
            }
        });

        List<Integer> published = versions.stream().filter(Objects::nonNull).toList();
        assertEquals(published.size(), Set.copyOf(published).size(), "distinct versions: " + versions);
        Set<String> saved = IntStream.rangeClosed(0, 8).mapToObj(i -> definition("d" + i)).collect(Collectors.toSet());
        int latest = store.find(ws, "flow").orElseThrow().publishedVersion();
        for (int v = 1; v <= latest; v++) {
            assertTrue(saved.contains(store.version(ws, "flow", v).orElseThrow().definitionJson()), "version " + v);
        }
        assertEquals(List.of(store.version(ws, "flow", latest).orElseThrow()), store.live(ws, "call.missed"));
    }
}
