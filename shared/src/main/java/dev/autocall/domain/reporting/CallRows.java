package dev.autocall.domain.reporting;

import java.util.List;
import java.util.Optional;

/**
 * Port: the call log, one row per call attempt or never-dialed request, per workspace, read newest first by time.
 */
public interface CallRows {
    /**
     * Applies a row to what is stored under its id, atomically: a row only moves forward (queued, deferred,
     * in_progress, then completed or failed); a repeat or an older state changes nothing, and fields learned later
     * are merged in (see {@link CallRowStates#merge}). Returns the row as stored afterwards.
     */
    CallRow record(String workspaceId, CallRow row);

    /**
     * Rows of the workspace matching the query, newest first, at most {@code limit}, after the cursor's row.
     *
     * @param cursor a page's {@code nextCursor}, empty for the first page
     * @throws dev.autocall.error.InvalidInputException naming {@code cursor} when it is not one of this workspace's,
     *                                                   or was made for other filters
     */
    Page query(String workspaceId, CallQuery query, int limit, Optional<String> cursor);

    /** A page of rows; {@code nextCursor} is empty on the last page. */
    record Page(List<CallRow> rows, Optional<String> nextCursor) {
        public Page {
            rows = List.copyOf(rows);
        }
    }
}
