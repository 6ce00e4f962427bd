package dev.autocall.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autocall.domain.reporting.CallLogColumns;
import dev.autocall.domain.reporting.CallLogCursor;
import dev.autocall.domain.reporting.CallQuery;
import dev.autocall.domain.reporting.CallRow;
import dev.autocall.domain.reporting.CallRowStates;
import dev.autocall.domain.reporting.CallRows;
import dev.autocall.error.InvalidInputException;
import dev.autocall.json.Json;
import dev.autocall.phone.PhoneNumbers;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The call log: {@code GET /v1/calls} (JSON pages) and {@code GET /v1/calls.csv} (the same rows as RFC 4180 CSV, paged
 * with a {@code Link} header so that each page stays well under Lambda's 6 MB response limit). docs/api.md, "Call log".
 */
final class CallLogEndpoints implements ManagementApi.Routes {
    static final String JSON_PATH = "/v1/calls";
    static final String CSV_PATH = "/v1/calls.csv";
    static final int JSON_MAX = 500;
    static final int JSON_DEFAULT = 50;
    static final int CSV_MAX = 10_000;
    static final int CSV_DEFAULT = 5_000;
    /** A CSV page stops after the row that takes it past this many bytes: far below the 6 MB Lambda can answer. */
    static final int CSV_PAGE_BYTES = 4 * 1024 * 1024;
    private static final Set<String> DIRECTIONS = Set.of(CallRow.INBOUND, CallRow.OUTBOUND);
    /** The API shows every field of a row, null where it has no value, so that every row has the same shape. */
    private static final ObjectMapper WITH_NULLS = Json.MAPPER.copy().setDefaultPropertyInclusion(
            JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS));

    private final CallRows rows;

    CallLogEndpoints(CallRows rows) {
        this.rows = rows;
    }

    @Override
    public boolean owns(String path) {
        return path.equals(JSON_PATH) || path.equals(CSV_PATH);
    }

    @Override
    public ApiResponse route(String workspaceId, String method, ApiRequest request) {
        if (!method.equals("GET")) {
            return ManagementApi.methodNotAllowed(request, "GET, HEAD");
        }
        CallQuery query = query(request.query());
        Optional<String> cursor = text(request.query(), "cursor");
        return request.path().equals(CSV_PATH)
                ? csv(workspaceId, request, query, limit(request.query(), CSV_DEFAULT, CSV_MAX), cursor)
                : json(workspaceId, query, limit(request.query(), JSON_DEFAULT, JSON_MAX), cursor);
    }

    private ApiResponse json(String workspaceId, CallQuery query, int limit, Optional<String> cursor) {
        CallRows.Page page = rows.query(workspaceId, query, limit, cursor);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("calls", page.rows().stream().map(CallLogColumns::of).toList());
        body.put("nextCursor", page.nextCursor().orElse(null));
        try {
            return new ApiResponse(200, WITH_NULLS.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a call-log page could not be written", e);
        }
    }

    private ApiResponse csv(String workspaceId, ApiRequest request, CallQuery query, int limit, Optional<String> cursor) {
        CallRows.Page page = rows.query(workspaceId, query, limit, cursor);
        StringBuilder out = new StringBuilder();
        Optional<String> next = page.nextCursor();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader(CallLogColumns.NAMES.toArray(String[]::new)).get())) {
            List<CallRow> list = page.rows();
            long bytes = utf8Bytes(out, 0);
            for (int i = 0; i < list.size(); i++) {
                int start = out.length();
                printer.printRecord(cells(list.get(i)));
                bytes += utf8Bytes(out, start);
                if (bytes > CSV_PAGE_BYTES && i < list.size() - 1) {
                    next = Optional.of(CallLogCursor.after(workspaceId, query, list.get(i)));
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ApiResponse response = new ApiResponse(200, out.toString(), Map.of("Content-Type", "text/csv; charset=utf-8"));
        return next.map(c -> response.withHeader("Link", "<" + nextUrl(request, c) + ">; rel=\"next\"")).orElse(response);
    }

    private static long utf8Bytes(CharSequence text, int from) {
        long bytes = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /**
     * A row's cells in column order. A text cell that a spreadsheet would run as a formula (starting with =, +, -, @,
     * a tab or a carriage return) gets a leading apostrophe; phone numbers in E.164 start with + and are kept as they
     * are, as are numbers and times.
     */
    static List<String> cells(CallRow row) {
        List<String> cells = new ArrayList<>();
        CallLogColumns.of(row).forEach((name, value) -> cells.add(value == null ? "" : guarded(value)));
        return cells;
    }

    static String guarded(Object value) {
        String text = value.toString();
        if (!(value instanceof String) || text.isEmpty() || PhoneNumbers.isE164(text)) {
            return text;
        }
        return "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    /** The request's own path and query with the next page's cursor in place of its own. */
    private static String nextUrl(ApiRequest request, String cursor) {
        StringBuilder url = new StringBuilder(request.path()).append('?');
        request.query().forEach((name, value) -> {
            if (!name.equals("cursor")) {
                url.append(encode(name)).append('=').append(encode(value)).append('&');
            }
        });
        return url.append("cursor=").append(encode(cursor)).toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static CallQuery query(Map<String, String> params) {
        Optional<Instant> from = instant(params, "from");
        Optional<Instant> to = instant(params, "to");
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw new InvalidInputException("from", "from must not be after to");
        }
        Optional<String> status = text(params, "status");
        status.filter(s -> !CallRowStates.STATUSES.contains(s)).ifPresent(s -> {
            throw new InvalidInputException("status", "status must be one of " + String.join(", ", CallRowStates.STATUSES));
        });
        Optional<String> direction = text(params, "direction");
        direction.filter(d -> !DIRECTIONS.contains(d)).ifPresent(d -> {
            throw new InvalidInputException("direction", "direction must be inbound or outbound");
        });
        Optional<String> outcome = text(params, "outcome");
        outcome.filter(o -> !o.matches("[a-z][a-z0-9_]{0,31}")).ifPresent(o -> {
            throw new InvalidInputException("outcome", "an outcome is a lowercase word: letters, digits and _ (at most 32)");
        });
        Optional<String> callerId = text(params, "callerId").map(c -> PhoneNumbers.requireE164("callerId", c));
        String test = params.getOrDefault("test", "false");
        if (!test.equals("true") && !test.equals("false")) {
            throw new InvalidInputException("test", "test must be true or false");
        }
        return new CallQuery(from, to, status, outcome, direction, id(params, "workflow"), id(params, "campaign"),
                id(params, "flow"), callerId, test.equals("true"));
    }

    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    private static Optional<Instant> instant(Map<String, String> params, String name) {
        return text(params, name).map(value -> {
            Instant at;
            try {
                at = Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(name, name + " must be an ISO-8601 instant, e.g. 2026-11-02T15:00:00Z");
            }
            // The time index orders epoch milliseconds written as digits: a range outside 2000-2100 holds no call and
            // would not make a valid key range (a year-16 `to` was a 500 under the API fuzzer).
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                throw new InvalidInputException(name, name + " must be between " + EARLIEST + " and " + LATEST);
            }
            return at;
        });
    }

    private static Optional<String> id(Map<String, String> params, String name) {
        Optional<String> value = text(params, name);
        value.filter(v -> v.codePointCount(0, v.length()) > 128).ifPresent(v -> {
            throw new InvalidInputException(name, name + " must be an id of at most 128 characters");
        });
        return value;
    }

    /** An empty value is a mistake, not "any": it is refused rather than matched against nothing. */
    private static Optional<String> text(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isEmpty()) {
            throw new InvalidInputException(name, name + " must not be empty");
        }
        return Optional.of(value);
    }

    private static int limit(Map<String, String> params, int fallback, int max) {
        String raw = params.get("limit");
        if (raw == null) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidInputException("limit", "limit must be a whole number from 1 to " + max);
    }
}
