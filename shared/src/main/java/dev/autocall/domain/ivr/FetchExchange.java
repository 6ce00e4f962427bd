package dev.autocall.domain.ivr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.json.Json;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A fetch node's conversation with the business's server: the JSON it posts, and what of the answer may be used.
 * The answer comes from outside and is stored with the call, so it is read strictly and kept small.
 */
final class FetchExchange {
    /** A var must be a name a template can read as {@code fetch.<name>}. */
    static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    static final int MAX_VARS = 50;
    static final int MAX_TEXT = 4000;
    static final int DEFAULT_SECONDS = 5;
    static final int MAX_SECONDS = 10;

    private final Fetcher fetcher;
    private final Clock clock;

    FetchExchange(Fetcher fetcher, Clock clock) {
        this.fetcher = fetcher;
        this.clock = clock;
    }

    /**
     * Asks the server; a used answer may speak, set vars and choose the next node, anything else goes to onError
     * (none: an apology and the end of the call, the outcome unchanged). Every fetch is logged on the walk.
     *
     * @return the node to enter next, or null when the call ended
     */
    String fetch(Walk walk, String id, FlowNode.Fetch node) {
        String url = walk.render("nodes." + id + ".url", node.url());
        int seconds = node.timeoutSeconds() == 0 ? DEFAULT_SECONDS : Math.clamp(node.timeoutSeconds(), 1, MAX_SECONDS);
        long began = clock.millis();
        Fetcher.Response response;
        try {
            response = fetcher.post(walk.call.workspaceId(), url, request(walk, id), Duration.ofSeconds(seconds));
        } catch (RuntimeException e) {
            // The port promises not to throw; if it does, the caller still hears the flow's way out, not silence.
            response = new Fetcher.Response(0, null, "the request failed: " + e.getClass().getSimpleName());
        }
        long millis = Math.max(0, clock.millis() - began);
        return switch (read(response, walk.flow, walk.vars)) {
            case Used used -> {
                walk.fetches.add(new Turn.FetchLog(id, url, response.status(), millis, null));
                walk.vars.clear();
                walk.vars.putAll(used.vars());
                if (used.say() != null) {
                    walk.say(used.say());
                    walk.heard(used.say());
                }
                yield walk.goOn(used.next() != null ? used.next() : node.next());
            }
            case Refused refused -> {
                walk.fetches.add(new Turn.FetchLog(id, url, response.status(), millis, refused.error()));
                yield node.onError() != null ? node.onError() : walk.goodbye(FlowInterpreter.ERROR_GOODBYE, null);
            }
        };
    }

    /** What the server can use from its answer; a {@link Refused} one goes to the node's onError. */
    sealed interface Answer {
    }

    /**
     * @param say  null when the answer has none
     * @param next null: the fetch node's own next
     * @param vars the call's vars with the answer's merged in
     */
    record Used(String say, String next, Map<String, Object> vars) implements Answer {
    }

    record Refused(String error) implements Answer {
    }

    /** The body: the flow, the node, the call, the contact, the data, every key pressed and the vars so far. */
    static String request(Walk walk, String node) {
        FlowCall call = walk.call;
        Map<String, Object> callPart = new LinkedHashMap<>();
        callPart.put("sid", call.callSid());
        callPart.put("direction", call.direction());
        callPart.put("caller", call.caller());
        callPart.put("business", call.business());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("flow", call.flowId());
        body.put("version", call.version());
        body.put("node", node);
        body.put("call", callPart);
        body.put("contact", call.contact() == null ? Map.of() : call.contact());
        body.put("data", call.data() == null ? Map.of() : call.data());
        body.put("keys", List.copyOf(walk.keys));
        body.put("vars", walk.vars);
        return Json.write(body);
    }

    /**
     * A 2xx whose body is a JSON object (an empty body counts as {@code {}}: the server only acknowledged) with
     * optional {@code say} (text), {@code next} (a node of the flow) and {@code vars} (an object of texts, numbers,
     * booleans, or null to forget one). Fields it does not know are ignored, so a server may answer more.
     */
    static Answer read(Fetcher.Response response, Flow flow, Map<String, Object> vars) {
        if (response.error() != null) {
            return new Refused(response.error());
        }
        if (!response.ok()) {
            return new Refused("the server answered HTTP " + response.status());
        }
        String body = response.body();
        if (body == null || body.isBlank()) {
            return new Used(null, null, vars);
        }
        JsonNode answer;
        try {
            answer = Json.REQUESTS.readTree(body);
        } catch (JsonProcessingException e) {
            return new Refused("the answer is not JSON");
        }
        if (answer == null || !answer.isObject()) {
            return new Refused("the answer is not a JSON object");
        }
        JsonNode say = answer.path("say");
        if (!say.isMissingNode() && !say.isNull() && !(say.isTextual() && printable(say.textValue()))) {
            return new Refused("say must be text of at most " + MAX_TEXT + " printable characters");
        }
        JsonNode next = answer.path("next");
        if (!next.isMissingNode() && !next.isNull() && !(next.isTextual() && flow.nodes().containsKey(next.textValue()))) {
            return new Refused("next must name a node of the flow");
        }
        JsonNode newVars = answer.path("vars");
        Map<String, Object> merged = new LinkedHashMap<>(vars);
        if (!newVars.isMissingNode() && !newVars.isNull()) {
            if (!newVars.isObject()) {
                return new Refused("vars must be an object");
            }
            for (Map.Entry<String, JsonNode> var : newVars.properties()) {
                if (!VAR_NAME.matcher(var.getKey()).matches()) {
                    return new Refused("a var's name must be letters, digits and _ (at most 64), not starting with a digit");
                }
                Object value = scalar(var.getValue());
                if (value == null && !var.getValue().isNull()) {
                    return new Refused("vars." + var.getKey() + " must be text, a number, a boolean or null");
                }
                if (value == null) {
                    merged.remove(var.getKey());
                } else {
                    merged.put(var.getKey(), value);
                }
            }
        }
        if (merged.size() > MAX_VARS) {
            return new Refused("a call keeps at most " + MAX_VARS + " vars");
        }
        return new Used(say.isTextual() && !say.textValue().isBlank() ? say.textValue() : null,
                next.isTextual() ? next.textValue() : null, merged);
    }

    private static Object scalar(JsonNode value) {
        if (value.isTextual()) {
            return printable(value.textValue()) ? value.textValue() : null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        return null;
    }

    /** No control characters but line breaks and tabs, no half surrogate pairs, and not too long to speak. */
    private static boolean printable(String text) {
        if (text.length() > MAX_TEXT) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)
                    || (Character.getType(c) == Character.CONTROL && c != '\n' && c != '\r' && c != '\t')) {
                return false;
            }
        }
        return true;
    }
}
