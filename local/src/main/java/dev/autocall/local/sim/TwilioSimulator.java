package dev.autocall.local.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.autocall.http.HttpRequests;
import dev.autocall.local.InFlight;
import dev.autocall.json.Json;
import dev.autocall.local.LocalClock;
import dev.autocall.phone.PhoneNumbers;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local stand-in for Twilio: serves the REST calls the product makes, each checked
 * against Twilio's OpenAPI contract and its account credentials; plays inbound calls and messages through
 * the product's webhooks, signed as Twilio signs them; and offers /_sim/ endpoints to drive and inspect it.
 */
public final class TwilioSimulator implements AutoCloseable {
    private static final Pattern MESSAGES = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
    private static final Pattern CALLS = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Calls\\.json");
    private static final Pattern CALL = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Calls/(CA[0-9a-fA-F]{32})\\.json");

    private final String accountSid;
    private final String authToken;
    private final LocalClock clock;
    private final String gatewayUrl;
    private final TwilioContract contract;
    private final WebhookSender webhooks;
    private final CallPlayer player;
    private final Ids ids = new Ids();
    private final List<SimMessage> messages = new CopyOnWriteArrayList<>();
    private final List<SimCall> calls = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> violations = new CopyOnWriteArrayList<>();
    private final Map<String, CalleeScript> callees = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> throttles = new ConcurrentHashMap<>();
    private final List<Consumer<MessageCreated>> messageObservers = new CopyOnWriteArrayList<>();
    private final ExecutorService callbacks = Executors.newVirtualThreadPerTaskExecutor();
    private final InFlight work = new InFlight();
    private final TwilioFaults faults;
    private final CallsApi callsApi;

    public TwilioSimulator(String accountSid, String authToken, LocalClock clock, String gatewayUrl, TwilioContract contract) {
        this.accountSid = accountSid;
        this.authToken = authToken;
        this.clock = clock;
        this.gatewayUrl = gatewayUrl;
        this.contract = contract;
        this.faults = new TwilioFaults(clock);
        this.webhooks = new WebhookSender(new TwilioSigner(authToken), clock, work);
        this.player = new CallPlayer(webhooks, accountSid, clock, ids);
        this.callsApi = new CallsApi(accountSid, clock, ids, calls, player, webhooks, this::script, this::throttled,
                call -> callbacks.execute(work.tracked("outbound call playing", call)));
    }

    public String accountSid() {
        return accountSid;
    }

    public String authToken() {
        return authToken;
    }

    /**
     * What the simulator is doing now: calls playing, status callbacks still to send, webhooks waiting for the
     * product's answer; empty when nothing more will come from it unasked.
     */
    public List<String> inProgress() {
        return work.busy();
    }

    /** Told of each message the product creates, as its request arrives: used by benchmarks. */
    public void onMessageCreated(Consumer<MessageCreated> observer) {
        messageObservers.add(observer);
    }

    public void handle(HttpExchange exchange, String path, byte[] body) throws IOException {
        String method = exchange.getRequestMethod();
        String text = new String(body, StandardCharsets.UTF_8);
        if (path.startsWith("/2010-04-01/")) {
            rest(exchange, method, path, text);
            return;
        }
        switch (method + " " + path) {
            case "GET /_sim/messages" -> json(exchange, 200, messages.stream().map(SimMessage::view).toList());
            case "GET /_sim/calls" -> json(exchange, 200, calls.stream().map(SimCall::view).toList());
            case "GET /_sim/webhooks" -> json(exchange, 200, webhooks.log());
            case "GET /_sim/violations" -> json(exchange, 200, violations);
            case "GET /_sim/clock" -> json(exchange, 200, Map.of("now", clock.instant().toString()));
            case "POST /_sim/clock" -> moveClock(exchange, text);
            case "POST /_sim/inbound-call" -> inboundCall(exchange, text);
            case "POST /_sim/inbound-sms" -> inboundSms(exchange, text);
            case "GET /_sim/faults" -> json(exchange, 200, faults.view());
            case "POST /_sim/faults" -> setFaults(exchange, text);
            default -> {
                if (method.equals("PUT") && path.startsWith("/_sim/callees/")) {
                    callee(exchange, path.substring("/_sim/callees/".length()), text);
                } else {
                    error(exchange, 404, "no simulator endpoint " + method + " " + path);
                }
            }
        }
    }

    // ------------------------------------------------------------------ REST API

    private void rest(HttpExchange exchange, String method, String path, String body) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!authorized(authorization)) {
            twilioError(exchange, 401, 20003, "Authenticate");
            return;
        }
        String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type"))
                .map(c -> c.split(";")[0].trim()).orElse("application/x-www-form-urlencoded");
        Map<String, List<String>> query = CallsApi.values(exchange.getRequestURI().getRawQuery());
        List<String> problems = contract.violations(method, path, query, contentType, authorization, body);
        if (!problems.isEmpty()) {
            violations.add(Map.of("method", method, "path", path, "problems", problems, "at", clock.instant().toString()));
            twilioError(exchange, 400, 20001, "Request does not match Twilio's API contract: " + String.join("; ", problems));
            return;
        }
        Optional<TwilioFaults.Fault> fault = faults.draw(method, path);
        if (fault.isPresent()) {
            fail(exchange, fault.get());
            return;
        }
        Matcher m = MESSAGES.matcher(path);
        if (method.equals("POST") && m.matches() && m.group(1).equals(accountSid)) {
            createMessage(exchange, HttpRequests.formParams(body));
            return;
        }
        Matcher calls = CALLS.matcher(path);
        if (calls.matches() && calls.group(1).equals(accountSid)) {
            if (method.equals("POST")) {
                callsApi.create(CallsApi.values(body), answer -> answer(exchange, answer));
                return;
            }
            if (method.equals("GET")) {
                answer(exchange, callsApi.list(path, query));
                return;
            }
        }
        Matcher call = CALL.matcher(path);
        if (method.equals("GET") && call.matches() && call.group(1).equals(accountSid)) {
            answer(exchange, callsApi.fetch(call.group(2)));
            return;
        }
        twilioError(exchange, 404, 20404, "The requested resource " + path + " was not found (not simulated)");
    }

    /** Answers as Twilio does when it fails, without acting on the request. */
    private void fail(HttpExchange exchange, TwilioFaults.Fault fault) {
        switch (fault.kind()) {
            case "429" -> twilioError(exchange, 429, 20429, "Too Many Requests");
            case "500" -> twilioError(exchange, 500, 20500, "Internal Server Error");
            case "503" -> twilioError(exchange, 503, 20503, "Service Unavailable");
            default -> {
                // Held past the client's timeout; the gateway then closes the exchange unanswered, dropping the connection.
                try (InFlight.Work held = work.start("REST request held (timeout fault)")) {
                    pause(fault.hang());
                }
            }
        }
    }

    private void setFaults(HttpExchange exchange, String body) throws IOException {
        JsonNode request = parse(exchange, body);
        if (request == null) {
            return;
        }
        List<String> problems = faults.set(request);
        if (!problems.isEmpty()) {
            error(exchange, 400, String.join("; ", problems));
            return;
        }
        json(exchange, 200, faults.view());
    }

    private boolean authorized(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        return decoded.equals(accountSid + ":" + authToken);
    }

    private void createMessage(HttpExchange exchange, Map<String, String> params) throws IOException {
        String to = params.getOrDefault("To", "");
        String from = params.getOrDefault("From", "");
        String behavior = script(to).behavior();
        if (!PhoneNumbers.isE164(to) || behavior.equals("invalid")) {
            twilioError(exchange, 400, 21211, "The 'To' number " + to + " is not a valid phone number.");
            return;
        }
        Instant now = clock.instant();
        SimMessage message = new SimMessage(ids.next("SM"), "outbound-api", from, to, params.getOrDefault("Body", ""),
                now, params.get("StatusCallback"), "queued");
        messages.add(message);
        MessageCreated created = new MessageCreated(message.sid, from, to, message.body);
        messageObservers.forEach(o -> o.accept(created));
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("sid", message.sid);
        resource.put("account_sid", accountSid);
        resource.put("api_version", "2010-04-01");
        resource.put("body", message.body);
        resource.put("date_created", TwilioFormats.rfc2822(now));
        resource.put("date_updated", TwilioFormats.rfc2822(now));
        resource.put("date_sent", null);
        resource.put("direction", "outbound-api");
        resource.put("from", from);
        resource.put("to", to);
        resource.put("status", "queued");
        resource.put("num_segments", "1");
        resource.put("num_media", "0");
        resource.put("price", null);
        resource.put("price_unit", "USD");
        resource.put("error_code", null);
        resource.put("error_message", null);
        resource.put("uri", "/2010-04-01/Accounts/" + accountSid + "/Messages/" + message.sid + ".json");
        resource.put("subresource_uris", Map.of("media", "/2010-04-01/Accounts/" + accountSid + "/Messages/" + message.sid + "/Media.json"));
        sendJson(exchange, 201, Json.MAPPER.writeValueAsString(resource));
        boolean fails = behavior.equals("fail");
        callbacks.execute(work.tracked("status callbacks of " + message.sid, () -> deliver(message, fails)));
    }

    /** The status callbacks a delivered (or failed) message produces: sent, then delivered or failed. */
    private void deliver(SimMessage message, boolean fails) {
        for (String status : fails ? List.of("failed") : List.of("sent", "delivered")) {
            pause(Duration.ofMillis(20));
            message.status(status, clock.instant());
            if (message.statusCallback != null && !message.statusCallback.isBlank()) {
                Map<String, String> params = messageParams(message);
                params.put("MessageStatus", status);
                params.put("SmsStatus", status);
                if (fails) {
                    params.put("ErrorCode", "30008");
                }
                webhooks.post(message.statusCallback, params);
            }
        }
    }

    /** The parameters every Twilio messaging webhook carries. */
    private Map<String, String> messageParams(SimMessage message) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", accountSid);
        params.put("ApiVersion", "2010-04-01");
        params.put("MessageSid", message.sid);
        params.put("SmsSid", message.sid);
        params.put("From", message.from);
        params.put("To", message.to);
        return params;
    }

    // ------------------------------------------------------------------ simulated people

    /** A simulated person's request: who (from) contacts which business number (to). */
    private record Parties(JsonNode request, String from, String to) {
    }

    /** How Twilio presents a caller who withheld the number: "anonymous", or a pseudo-number per reason. */
    static final Set<String> WITHHELD_CALLERS = Set.of("anonymous", "Anonymous", "+266696687", "+7378742833", "+8656696", "+2562533", "");
    /** Senders that are not phone numbers: a short code (3 to 6 digits) or an alphanumeric sender id (letters first). */
    private static final Pattern OTHER_SENDERS = Pattern.compile("\\d{3,6}|[A-Za-z][A-Za-z0-9 ]{0,10}");

    /**
     * Reads {"from", "to", ...}; answers 400 itself and returns empty when the request is not usable.
     *
     * @param otherSenders what besides an E.164 number may come as "from"
     */
    private Optional<Parties> parties(HttpExchange exchange, String body, Predicate<String> otherSenders) throws IOException {
        JsonNode request = parse(exchange, body);
        if (request == null) {
            return Optional.empty();
        }
        String sender = request.path("from").isTextual() ? request.path("from").asText() : null;
        Optional<String> from = sender != null && !PhoneNumbers.isE164(sender) && otherSenders.test(sender)
                ? Optional.of(sender) : number(exchange, request, "from");
        Optional<String> to = from.isEmpty() ? Optional.empty() : number(exchange, request, "to");
        return to.map(t -> new Parties(request, from.get(), t));
    }

    /** What an inbound caller may be scripted to do, as a callee is: the keys pressed, when to hang up. */
    private static final List<String> CALLER_FIELDS = List.of("digits", "gathers", "hangupAfterSeconds");

    private void inboundCall(HttpExchange exchange, String body) throws IOException {
        Optional<Parties> parties = parties(exchange, body, WITHHELD_CALLERS::contains);
        if (parties.isEmpty()) {
            return;
        }
        JsonNode request = parties.get().request();
        String forward = request.path("forward").asText("no-answer");
        if (!List.of("answer", "no-answer", "busy").contains(forward)) {
            error(exchange, 400, "forward must be answer, no-answer or busy");
            return;
        }
        Optional<String> voicemail = request.hasNonNull("voicemail") ? Optional.of(request.get("voicemail").asText()) : Optional.empty();
        // The caller's keys and patience are checked as a callee's are.
        ObjectNode keys = Json.MAPPER.createObjectNode().put("behavior", "answer");
        CALLER_FIELDS.stream().filter(request::has).forEach(field -> keys.set(field, request.get(field)));
        CalleeScript.Parsed caller = CalleeScript.parse(keys);
        if (caller.script().isEmpty()) {
            error(exchange, 400, String.join("; ", caller.problems()));
            return;
        }
        SimCall call = new SimCall(ids.next("CA"), "inbound", parties.get().from(), parties.get().to(), clock.instant());
        caller.script().get().hangupAfterSeconds().ifPresent(call::hangsUpAfter);
        calls.add(call);
        try (InFlight.Work playing = work.start("inbound call " + call.sid + " playing")) {
            player.playInbound(call, gatewayUrl + "/twilio/voice/inbound", gatewayUrl + "/twilio/voice/status",
                    new People.Script(forward, voicemail, Keypad.of(caller.script().get())));
        }
        json(exchange, 200, call.view());
    }

    private void inboundSms(HttpExchange exchange, String body) throws IOException {
        Optional<Parties> parties = parties(exchange, body, sender -> OTHER_SENDERS.matcher(sender).matches());
        if (parties.isEmpty()) {
            return;
        }
        String text = parties.get().request().path("body").asText("");
        SimMessage message = new SimMessage(ids.next("SM"), "inbound", parties.get().from(), parties.get().to(), text,
                clock.instant(), null, "received");
        messages.add(message);
        Map<String, String> params = messageParams(message);
        params.put("SmsMessageSid", message.sid);
        params.put("Body", text);
        params.put("NumMedia", "0");
        params.put("NumSegments", "1");
        params.put("SmsStatus", "received");
        webhooks.post(gatewayUrl + "/twilio/sms/inbound", params);
        json(exchange, 200, message.view());
    }

    /** The script of a number: what PUT /_sim/callees set, or a person who answers. */
    private CalleeScript script(String phone) {
        return callees.getOrDefault(phone, CalleeScript.DEFAULT);
    }

    /** Counts down a number's throttle: true while create requests to it are still to be refused. */
    private boolean throttled(String phone) {
        AtomicInteger left = throttles.get(phone);
        return left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    private void callee(HttpExchange exchange, String rawPhone, String body) throws IOException {
        String phone = URLDecoder.decode(rawPhone.replace("+", "%2B"), StandardCharsets.UTF_8);
        JsonNode request = parse(exchange, body);
        if (request == null) {
            return;
        }
        if (!PhoneNumbers.isE164(phone)) {
            error(exchange, 400, "the path must end with an E.164 number, e.g. /_sim/callees/+14155550123");
            return;
        }
        CalleeScript.Parsed parsed = CalleeScript.parse(request);
        if (parsed.script().isEmpty()) {
            error(exchange, 400, String.join("; ", parsed.problems()));
            return;
        }
        callees.put(phone, parsed.script().get());
        throttles.put(phone, new AtomicInteger(parsed.script().get().throttle()));
        json(exchange, 200, Map.of("phone", phone, "script", request));
    }

    /** Exactly one of {"advance": duration} or {"set": instant}, each a string: anything else is refused, not guessed. */
    private void moveClock(HttpExchange exchange, String body) throws IOException {
        JsonNode request = parse(exchange, body);
        if (request == null) {
            return;
        }
        List<String> fields = new java.util.ArrayList<>();
        request.fieldNames().forEachRemaining(fields::add);
        if (fields.size() != 1 || !List.of("advance", "set").contains(fields.get(0)) || !request.get(fields.get(0)).isTextual()) {
            error(exchange, 400, "send exactly one of {\"advance\": \"PT14H\"} or {\"set\": \"2026-11-25T15:00:00Z\"}"
                    + (fields.isEmpty() ? "" : "; got " + String.join(", ", fields)));
            return;
        }
        try {
            if (fields.get(0).equals("advance")) {
                clock.advance(Duration.parse(request.get("advance").asText()));
            } else {
                clock.set(Instant.parse(request.get("set").asText()));
            }
        } catch (RuntimeException e) {
            error(exchange, 400, fields.get(0) + ": " + e.getMessage());
            return;
        }
        json(exchange, 200, Map.of("now", clock.instant().toString()));
    }

    // ------------------------------------------------------------------ plumbing

    private JsonNode parse(HttpExchange exchange, String body) throws IOException {
        try {
            JsonNode node = Json.MAPPER.readTree(body.isBlank() ? "{}" : body);
            if (!node.isObject()) {
                error(exchange, 400, "the body must be a JSON object");
                return null;
            }
            return node;
        } catch (IOException e) {
            error(exchange, 400, "malformed JSON: " + e.getMessage());
            return null;
        }
    }

    private Optional<String> number(HttpExchange exchange, JsonNode request, String field) throws IOException {
        String value = request.path(field).asText("");
        if (!PhoneNumbers.isE164(value)) {
            error(exchange, 400, field + " must be an E.164 number, e.g. +14155550123");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private void answer(HttpExchange exchange, CallsApi.Answer answer) {
        try {
            sendJson(exchange, answer.status(), Json.MAPPER.writeValueAsString(answer.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void twilioError(HttpExchange exchange, int status, int code, String message) {
        answer(exchange, CallsApi.error(status, code, message));
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        sendJson(exchange, status, Json.MAPPER.writeValueAsString(Map.of("error", Map.of("message", message))));
    }

    private static void json(HttpExchange exchange, int status, Object value) throws IOException {
        sendJson(exchange, status, Json.MAPPER.writeValueAsString(value));
    }

    private static void sendJson(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A message the product asked Twilio to send. */
    public record MessageCreated(String sid, String from, String to, String body) {
    }

    @Override
    public void close() {
        callbacks.shutdownNow();
    }
}
