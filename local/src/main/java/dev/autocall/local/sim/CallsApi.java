package dev.autocall.local.sim;

import dev.autocall.phone.PhoneNumbers;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Twilio's Calls resource as the simulator serves it: create (then play the call), list with Twilio's filters
 * and paging, and fetch one call. Requests reach it already authenticated and checked against the contract.
 */
final class CallsApi {
    /** A REST answer: the HTTP status and the JSON body. */
    record Answer(int status, Map<String, Object> body) {
    }

    private static final int DEFAULT_PAGE_SIZE = 50;

    private final String accountSid;
    private final Clock clock;
    private final Ids ids;
    private final List<SimCall> calls;
    private final CallPlayer player;
    private final WebhookSender webhooks;
    private final Function<String, CalleeScript> scripts;
    private final Predicate<String> throttled;
    private final Executor executor;

    /**
     * @param scripts   the script of a number (the default, a person who answers, for numbers nobody scripted)
     * @param throttled whether a create request to this number is refused with 429 (and counts it)
     */
    CallsApi(String accountSid, Clock clock, Ids ids, List<SimCall> calls, CallPlayer player, WebhookSender webhooks,
             Function<String, CalleeScript> scripts, Predicate<String> throttled, Executor executor) {
        this.accountSid = accountSid;
        this.clock = clock;
        this.ids = ids;
        this.calls = calls;
        this.player = player;
        this.webhooks = webhooks;
        this.scripts = scripts;
        this.throttled = throttled;
        this.executor = executor;
    }

    /**
     * {@code POST Calls.json}: Twilio's errors for a throttled or invalid request; otherwise the queued call's
     * resource, and the call plays on its own thread once {@code respond} has sent the answer.
     */
    void create(Map<String, List<String>> params, Consumer<Answer> respond) {
        OutboundCall.Request request = OutboundCall.Request.of(params);
        if (throttled.test(request.to())) {
            respond.accept(error(429, 20429, "Too Many Requests"));
            return;
        }
        CalleeScript callee = scripts.apply(request.to());
        if (!PhoneNumbers.isE164(request.to()) || callee.behavior().equals("invalid")) {
            respond.accept(error(400, 21211, "Invalid 'To' Phone Number: " + request.to()));
            return;
        }
        if (!PhoneNumbers.isE164(request.from())) {
            respond.accept(error(400, 21212, "Invalid 'From' Phone Number: " + request.from()));
            return;
        }
        if (request.url().isEmpty() && request.twiml().isEmpty()) {
            respond.accept(error(400, 21205, "Url or Twiml is required (ApplicationSid is not simulated)"));
            return;
        }
        SimCall call = new SimCall(ids.next("CA"), "outbound-api", request.from(), request.to(), clock.instant(), "queued");
        calls.add(call);
        try {
            respond.accept(new Answer(201, call.resource(accountSid)));
        } finally {
            // Placed even when the answer does not reach the product, as with Twilio: a retry makes a second call.
            executor.execute(new OutboundCall(call, request, callee, scripts, player, webhooks, ids));
        }
    }

    /** {@code GET Calls/{Sid}.json}. */
    Answer fetch(String sid) {
        return calls.stream().filter(c -> c.sid.equals(sid)).findFirst()
                .map(c -> new Answer(200, c.resource(accountSid)))
                .orElseGet(() -> error(404, 20404, "The requested resource /2010-04-01/Accounts/" + accountSid
                        + "/Calls/" + sid + ".json was not found"));
    }

    /**
     * {@code GET Calls.json}: the account's calls, newest first, filtered as Twilio filters them: To, From,
     * ParentCallSid, Status; StartTime / EndTime (the same UTC day), StartTime&gt; / EndTime&gt; (on or after),
     * StartTime&lt; / EndTime&lt; (on or before); paged with PageSize (default 50) and Page.
     */
    Answer list(String path, Map<String, List<String>> query) {
        List<String> problems = new ArrayList<>();
        List<Predicate<SimCall>> filters = new ArrayList<>();
        text(query, "To").ifPresent(to -> filters.add(c -> c.to.equals(to)));
        text(query, "From").ifPresent(from -> filters.add(c -> c.from.equals(from)));
        text(query, "ParentCallSid").ifPresent(parent -> filters.add(c -> false));
        text(query, "Status").ifPresent(status -> filters.add(c -> c.status().equals(status)));
        for (String field : List.of("StartTime", "EndTime")) {
            boolean start = field.equals("StartTime");
            Function<SimCall, Instant> time = start ? c -> c.startedAt : SimCall::endedAt;
            time(query, field, problems).ifPresent(day -> filters.add(c -> time.apply(c) != null
                    && LocalDate.ofInstant(time.apply(c), ZoneOffset.UTC).equals(LocalDate.ofInstant(day, ZoneOffset.UTC))));
            time(query, field + ">", problems).ifPresent(after -> filters.add(c -> time.apply(c) != null && !time.apply(c).isBefore(after)));
            time(query, field + "<", problems).ifPresent(before -> filters.add(c -> time.apply(c) != null && !time.apply(c).isAfter(before)));
        }
        int pageSize = number(query, "PageSize", DEFAULT_PAGE_SIZE, 1, 1000, problems);
        int page = number(query, "Page", 0, 0, Integer.MAX_VALUE, problems);
        if (!problems.isEmpty()) {
            return error(400, 20001, String.join("; ", problems));
        }
        List<SimCall> matching = new ArrayList<>();
        for (int i = calls.size() - 1; i >= 0; i--) {
            SimCall call = calls.get(i);
            if (filters.stream().allMatch(f -> f.test(call))) {
                matching.add(call);
            }
        }
        int from = (int) Math.min((long) page * pageSize, matching.size());
        int to = Math.min(from + pageSize, matching.size());
        String filtersQuery = query.entrySet().stream()
                .filter(e -> !List.of("Page", "PageSize", "PageToken").contains(e.getKey()))
                .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
        String prefix = path + "?" + (filtersQuery.isEmpty() ? "" : filtersQuery + "&") + "PageSize=" + pageSize + "&Page=";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("calls", matching.subList(from, to).stream().map(c -> c.resource(accountSid)).toList());
        body.put("end", Math.max(from, to - 1));
        body.put("first_page_uri", prefix + 0);
        body.put("next_page_uri", to < matching.size() ? prefix + (page + 1) : null);
        body.put("page", page);
        body.put("page_size", pageSize);
        body.put("previous_page_uri", page > 0 ? prefix + (page - 1) : null);
        body.put("start", from);
        body.put("uri", prefix + page);
        return new Answer(200, body);
    }

    /** Form fields or query parameters, each name with all its values in order (StatusCallbackEvent repeats). */
    static Map<String, List<String>> values(String encoded) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return values;
    }

    private static Optional<String> text(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /**
     * A date-time filter value. The contract asks for RFC 3339 ("2026-11-25T15:00:00Z"); the value is read
     * leniently here (also "2026-11-25T15:00Z", a zone id in brackets, or a bare date) since the contract
     * check has already reported anything Twilio would refuse.
     */
    private static Optional<Instant> time(Map<String, List<String>> query, String name, List<String> problems) {
        Optional<String> value = text(query, name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.get().trim();
        try {
            return Optional.of(OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(ZonedDateTime.parse(v).toInstant());
            } catch (DateTimeParseException e2) {
                try {
                    return Optional.of(LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant());
                } catch (DateTimeParseException e3) {
                    problems.add(name + " must be a date-time such as 2026-11-25T15:00:00Z, not " + v);
                    return Optional.empty();
                }
            }
        }
    }

    private static int number(Map<String, List<String>> query, String name, int otherwise, int min, int max, List<String> problems) {
        Optional<String> value = text(query, name);
        if (value.isEmpty()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name + " must be a whole number from " + min + " to " + max);
        return otherwise;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Twilio's error body: {"code", "message", "more_info", "status"}. */
    static Answer error(int status, int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        body.put("status", status);
        return new Answer(status, body);
    }
}
