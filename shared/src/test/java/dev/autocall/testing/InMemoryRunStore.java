package dev.autocall.testing;

import dev.autocall.domain.workflow.RunStore;
import dev.autocall.domain.workflow.WorkflowRun;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * In-memory {@link RunStore}: one record per run, saved conditionally on its revision, listed newest first; the port
 * contract in local's tests holds it to what DynamoRunStore does.
 */
public final class InMemoryRunStore implements RunStore {
    private final Map<String, Map<String, WorkflowRun>> runs = new LinkedHashMap<>();

    @Override
    public synchronized Optional<WorkflowRun> find(String workspaceId, String runId) {
        return Optional.ofNullable(runs.getOrDefault(workspaceId, Map.of()).get(runId));
    }

    @Override
    public synchronized boolean save(String workspaceId, WorkflowRun run) {
        if (run.revision() < 1) {
            throw new IllegalArgumentException("run " + run.runId() + " has revision " + run.revision() + ": its first save is 1");
        }
        WorkflowRun stored = runs.getOrDefault(workspaceId, Map.of()).get(run.runId());
        int storedRevision = stored == null ? 0 : stored.revision();
        if (run.revision() == 1 ? stored != null && stored.revision() > 0 : storedRevision != run.revision() - 1) {
            return false;
        }
        // Kept to the millisecond, as DynamoDB keeps it.
        Instant lease = run.leaseUntil() == null ? null : run.leaseUntil().truncatedTo(ChronoUnit.MILLIS);
        runs.computeIfAbsent(workspaceId, k -> new LinkedHashMap<>()).put(run.runId(),
                run.stored(run.status(), run.waitingFor(), run.heldBy(), lease, run.revision()));
        return true;
    }

    /** Test hook: a run as stored before runs had revisions (it reads as revision 0). */
    public synchronized void storeWithoutRevision(String workspaceId, WorkflowRun run) {
        runs.computeIfAbsent(workspaceId, k -> new LinkedHashMap<>()).put(run.runId(),
                run.stored(run.status(), run.waitingFor(), null, null, 0));
    }

    @Override
    public synchronized List<WorkflowRun> forWorkflow(String workspaceId, String workflowId, int limit) {
        return select(workspaceId, r -> r.workflowId().equals(workflowId), limit);
    }

    @Override
    public synchronized List<WorkflowRun> forContact(String workspaceId, String phone, int limit) {
        return select(workspaceId, r -> r.contactPhone().equals(phone), limit);
    }

    /** Every run of the workspace, newest first. */
    public synchronized List<WorkflowRun> all(String workspaceId) {
        return select(workspaceId, r -> true, Integer.MAX_VALUE);
    }

    private List<WorkflowRun> select(String workspaceId, Predicate<WorkflowRun> which, int limit) {
        return runs.getOrDefault(workspaceId, Map.of()).values().stream()
                .filter(which)
                // DynamoDB sorts by the start to the millisecond, then by run id.
                .sorted(Comparator.comparing((WorkflowRun r) -> r.startedAt().truncatedTo(ChronoUnit.MILLIS))
                        .thenComparing(WorkflowRun::runId).reversed())
                .limit(limit)
                .toList();
    }
}
