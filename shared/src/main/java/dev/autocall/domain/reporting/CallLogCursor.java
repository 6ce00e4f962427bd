package dev.autocall.domain.reporting;

import dev.autocall.error.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The call log's opaque cursor: the position after a row (its time and id, as the rows sort), the workspace and the
 * filters it was made for. A cursor shown to another workspace, or sent with other filters, is refused: it would
 * otherwise page through a list it was not made for.
 */
public final class CallLogCursor {
    private static final char SEP = '\u001e';

    private CallLogCursor() {
    }

    /** Where a row sorts: newest first is this key descending; ids break ties between rows of one millisecond. */
    public static String sortKey(Instant at, String id) {
        return String.format("%013d#%s", at.toEpochMilli(), id);
    }

    public static String after(String workspaceId, CallQuery query, CallRow row) {
        String text = workspaceId + SEP + query.key() + SEP + sortKey(row.at(), row.id());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key of the row the cursor follows. */
    public static String position(String cursor, String workspaceId, CallQuery query) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw notOurs();
        }
        String[] parts = text.split(String.valueOf(SEP), -1);
        if (parts.length != 3 || !parts[2].matches("\\d{13}#.+")) {
            throw notOurs();
        }
        if (!parts[0].equals(workspaceId)) {
            throw new InvalidInputException("cursor", "this cursor belongs to another workspace");
        }
        if (!parts[1].equals(query.key())) {
            throw new InvalidInputException("cursor",
                    "this cursor was made for other filters: send the same filters as for the first page");
        }
        return parts[2];
    }

    private static InvalidInputException notOurs() {
        return new InvalidInputException("cursor", "not a cursor this API gave out: send a page's nextCursor as it is");
    }
}
