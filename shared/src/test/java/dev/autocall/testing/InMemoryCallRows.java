package dev.autocall.testing;

import dev.autocall.domain.reporting.CallLogCursor;
import dev.autocall.domain.reporting.CallQuery;
import dev.autocall.domain.reporting.CallRow;
import dev.autocall.domain.reporting.CallRowStates;
import dev.autocall.domain.reporting.CallRows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link CallRows}: rows merged as the DynamoDB adapter merges them, pages cut by the same cursor. */
public final class InMemoryCallRows implements CallRows {
    private final Map<String, Map<String, CallRow>> rows = new HashMap<>();
    /** How many times a stored row was written (a repeat that changes nothing writes nothing). */
    private int writes;

    @Override
    public synchronized CallRow record(String workspaceId, CallRow row) {
        Map<String, CallRow> ofWorkspace = rows.computeIfAbsent(workspaceId, w -> new HashMap<>());
        CallRow stored = ofWorkspace.get(row.id());
        CallRow merged = CallRowStates.merge(stored, row);
        if (!merged.equals(stored)) {
            ofWorkspace.put(row.id(), merged);
            writes++;
        }
        return merged;
    }

    @Override
    public synchronized Page query(String workspaceId, CallQuery query, int limit, Optional<String> cursor) {
        Optional<String> after = cursor.map(c -> CallLogCursor.position(c, workspaceId, query));
        List<CallRow> matching = rows.getOrDefault(workspaceId, Map.of()).values().stream()
                .filter(query::matches)
                .filter(r -> after.map(a -> CallLogCursor.sortKey(r.at(), r.id()).compareTo(a) < 0).orElse(true))
                .sorted(Comparator.comparing((CallRow r) -> CallLogCursor.sortKey(r.at(), r.id())).reversed())
                .toList();
        List<CallRow> page = new ArrayList<>(matching.subList(0, Math.min(limit, matching.size())));
        Optional<String> next = matching.size() > limit
                ? Optional.of(CallLogCursor.after(workspaceId, query, page.get(page.size() - 1))) : Optional.empty();
        return new Page(page, next);
    }

    public synchronized Optional<CallRow> find(String workspaceId, String id) {
        return Optional.ofNullable(rows.getOrDefault(workspaceId, Map.of()).get(id));
    }

    public synchronized int writes() {
        return writes;
    }
}
