package dev.autocall.domain.ivr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.domain.workflow.Template;
import dev.autocall.error.InvalidInputException;
import dev.autocall.phone.PhoneNumbers;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Reads one node of a flow by its type, with its defaults; the flow's node ids and opt-out key are known. */
final class NodeParser {
    static final int MAX_SMS_LENGTH = 1600;
    /** Twilio's Say takes at most 4096 characters; a rendered template may grow, so less is allowed. */
    static final int MAX_SPOKEN_LENGTH = 4000;
    private static final Pattern KEYS = Pattern.compile("[0-9*#]{1,20}");
    private static final Pattern ONE_KEY = Pattern.compile("[0-9*#]");
    private static final Pattern OUTCOME = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final Pattern VOICE = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

    private final Set<String> ids;
    private final String optOutKey;

    NodeParser(Set<String> ids, String optOutKey) {
        this.ids = ids;
        this.optOutKey = optOutKey;
    }

    FlowNode node(String id, JsonNode json) {
        if (!json.isObject()) {
            throw new InvalidInputException("nodes." + id, "node '" + id + "' must be an object with a type");
        }
        JsonNode typeNode = json.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new InvalidInputException("nodes." + id + ".type", "node '" + id + "': type is required, one of " + known());
        }
        NodeType type = NodeType.of(typeNode.asText()).orElseThrow(() -> new InvalidInputException("nodes." + id + ".type",
                "node '" + id + "': type '" + typeNode.asText() + "' is not a node type; use one of " + known()));
        NodeFields f = new NodeFields(id, type.wire(), json);
        f.rejectUnknown(type.fields());
        return switch (type) {
            case SAY -> say(f);
            case PLAY -> new FlowNode.Play(url(f, "url").orElseThrow(() -> f.refused("url", "url is required")), target(f, "next"));
            case GATHER -> gather(f);
            case RECORD -> new FlowNode.Record(spoken(f, "prompt").orElse(null), f.wholeNumber("maxSeconds", 120, 1, 3600),
                    f.bool("transcribe"), target(f, "next"));
            case SMS -> sms(f);
            case DIAL -> dial(f);
            case FETCH -> new FlowNode.Fetch(fetchUrl(f), f.wholeNumber("timeoutSeconds", 5, 1, 10), target(f, "next"),
                    target(f, "onError"));
            case PAUSE -> new FlowNode.Pause(f.wholeNumber("seconds", 1, 1, 60), target(f, "next"));
            case HANGUP -> hangup(f);
        };
    }

    private FlowNode.Say say(NodeFields f) {
        Optional<String> text = spoken(f, "text");
        Optional<String> digits = spoken(f, "digits");
        if (text.isPresent() == digits.isPresent()) {
            throw f.refused("text", "needs exactly one of text (spoken as written) or digits (read one digit at a time)");
        }
        return new FlowNode.Say(text.orElse(null), digits.orElse(null), f.wholeNumber("repeat", 1, 1, 5),
                f.optionalLine("voice").map(v -> checked(f, "voice", v, VOICE, "a voice name such as Polly.Joanna or alice")).orElse(null),
                f.optionalLine("language").map(l -> checked(f, "language", l, LANGUAGE, "a language tag such as en-US")).orElse(null),
                target(f, "next"));
    }

    private FlowNode.Gather gather(NodeFields f) {
        Optional<String> prompt = spoken(f, "prompt");
        Optional<String> promptUrl = url(f, "promptUrl");
        if (prompt.isPresent() == promptUrl.isPresent()) {
            throw f.refused("prompt", "needs exactly one of prompt (spoken text) or promptUrl (an audio URL)");
        }
        int numDigits = f.wholeNumber("numDigits", 1, 1, 20);
        String finishOnKey = f.optionalLine("finishOnKey").orElse(null);
        if (finishOnKey != null && !ONE_KEY.matcher(finishOnKey).matches()) {
            throw f.refused("finishOnKey", "finishOnKey must be one key: a digit, * or #");
        }
        return new FlowNode.Gather(prompt.orElse(null), promptUrl.orElse(null), numDigits, finishOnKey,
                f.wholeNumber("timeoutSeconds", 5, 1, 60), f.wholeNumber("attempts", 2, 1, 5), choices(f, numDigits),
                target(f, "noInput"), target(f, "invalid"));
    }

    private Map<String, String> choices(NodeFields f, int numDigits) {
        JsonNode choices = f.get("choices");
        if (choices == null || !choices.isObject() || choices.isEmpty()) {
            throw f.refused("choices", "choices must map at least one key to a node id, e.g. {\"1\": \"confirm\"}");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : choices.properties()) {
            String key = e.getKey();
            if (!KEYS.matcher(key).matches()) {
                throw f.refused("choices", "choice '" + key + "' is not a key sequence: 1-20 of 0-9, * and #");
            }
            if (key.length() > numDigits) {
                throw f.refused("choices", "choice '" + key + "' has " + key.length() + " keys but numDigits is "
                        + numDigits + ", so it could never be pressed");
            }
            if (key.equals(optOutKey)) {
                throw f.refused("choices", "choice '" + key + "' is the flow's optOutKey, which opts the caller out "
                        + "in every gather, so it could never be chosen; use another key or change optOutKey");
            }
            if (!e.getValue().isTextual() || !ids.contains(e.getValue().asText())) {
                throw f.refused("choices", "choice '" + key + "' goes to " + e.getValue()
                        + ", which names no node; the nodes are " + new TreeSet<>(ids));
            }
            map.put(key, e.getValue().asText());
        }
        return map;
    }

    private FlowNode.Sms sms(NodeFields f) {
        String body = f.requiredText("body");
        if (body.length() > MAX_SMS_LENGTH) {
            throw f.refused("body", "body is longer than " + MAX_SMS_LENGTH + " characters");
        }
        template(f, "body", body);
        return new FlowNode.Sms(body, target(f, "next"));
    }

    private FlowNode.Dial dial(NodeFields f) {
        String number = f.optionalLine("number").orElse(null);
        if (number != null) {
            if (number.contains("{{")) {
                template(f, "number", number);
            } else {
                try {
                    PhoneNumbers.requireE164(f.field("number"), number);
                } catch (InvalidInputException e) {
                    throw f.refused("number", "number must be an E.164 number such as +14155550100 or a template such "
                            + "as {{data.agentPhone}} (leave it out to ring the forwarding number): " + e.getMessage());
                }
            }
        }
        return new FlowNode.Dial(number, spoken(f, "whisper").orElse(null), f.wholeNumber("timeoutSeconds", 20, 5, 120),
                f.bool("record"), target(f, "next"), target(f, "noAnswer"));
    }

    private FlowNode.Hangup hangup(NodeFields f) {
        String outcome = f.optionalLine("outcome").orElse("completed");
        if (!OUTCOME.matcher(outcome).matches()) {
            throw f.refused("outcome", "outcome '" + outcome + "' must be a lowercase word: a-z, 0-9 and _, "
                    + "starting with a letter, at most 32 characters (e.g. confirmed)");
        }
        return new FlowNode.Hangup(spoken(f, "say").orElse(null), outcome);
    }

    /**
     * https to any host, or http to a loopback host (a server on the machine running the local runtime). The URL
     * may hold placeholders after its host, never in the scheme or host: where a fetch goes is fixed when saved.
     */
    private static String fetchUrl(NodeFields f) {
        String url = f.requiredText("url");
        template(f, "url", url);
        int authorityEnd = url.indexOf("://") < 0 ? -1 : firstOf(url, url.indexOf("://") + 3);
        int placeholder = url.indexOf("{{");
        if (authorityEnd < 0 || (placeholder >= 0 && placeholder < authorityEnd)) {
            throw f.refused("url", "url must start with https:// and a fixed host, e.g. https://example.com/hooks/ivr");
        }
        URI uri = uri(url.replaceAll("\\{\\{.*?}}", "x"));
        String scheme = uri == null ? null : uri.getScheme();
        String host = uri == null || uri.getHost() == null ? null : uri.getHost().toLowerCase(java.util.Locale.ROOT);
        if (host == null || !("https".equals(scheme) || "http".equals(scheme) && LOOPBACK.contains(host))) {
            throw f.refused("url", "url must be https (http only to 127.0.0.1, localhost or [::1], for the local "
                    + "runtime), e.g. https://example.com/hooks/ivr");
        }
        return url;
    }

    private static int firstOf(String url, int from) {
        int end = url.length();
        for (char c : new char[]{'/', '?', '#'}) {
            int i = url.indexOf(c, from);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return end;
    }

    private static Optional<String> url(NodeFields f, String name) {
        Optional<String> url = f.optionalLine(name);
        url.ifPresent(u -> {
            URI uri = uri(u);
            if (uri == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw f.refused(name, name + " must be an http(s) URL of an audio file, e.g. https://example.com/hello.mp3");
            }
        });
        return url;
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** Text the caller hears: a template over the flow's roots, short enough for the provider's speech. */
    private static Optional<String> spoken(NodeFields f, String name) {
        Optional<String> text = f.optionalText(name);
        text.ifPresent(t -> {
            if (t.length() > MAX_SPOKEN_LENGTH) {
                throw f.refused(name, name + " is longer than " + MAX_SPOKEN_LENGTH + " characters");
            }
            template(f, name, t);
        });
        return text;
    }

    private static void template(NodeFields f, String name, String text) {
        try {
            Template.parse(f.field(name), text, FlowParser.TEMPLATE_ROOTS);
        } catch (InvalidInputException e) {
            throw f.refused(name, e.getMessage());
        }
    }

    /** An optional target: absent is null (the call ends there, or the node's default applies). */
    private String target(NodeFields f, String name) {
        Optional<String> target = f.optionalLine(name);
        target.ifPresent(t -> {
            if (!ids.contains(t)) {
                throw f.refused(name, name + " '" + t + "' names no node; the nodes are " + new TreeSet<>(ids));
            }
        });
        return target.orElse(null);
    }

    private static String checked(NodeFields f, String name, String value, Pattern pattern, String what) {
        if (!pattern.matcher(value).matches()) {
            throw f.refused(name, name + " '" + value + "' is not " + what);
        }
        return value;
    }

    static String voice(String field, String voice) {
        if (!VOICE.matcher(voice).matches()) {
            throw new InvalidInputException(field, field + " '" + voice + "' is not a voice name such as Polly.Joanna or alice");
        }
        return voice;
    }

    static String language(String field, String language) {
        if (!LANGUAGE.matcher(language).matches()) {
            throw new InvalidInputException(field, field + " '" + language + "' is not a language tag such as en-US");
        }
        return language;
    }

    private static String known() {
        return new TreeSet<>(Arrays.stream(NodeType.values()).map(NodeType::wire).toList()).toString();
    }
}
