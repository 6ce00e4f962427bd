package dev.autocall.domain.ivr;

import dev.autocall.domain.voice.Callback;
import dev.autocall.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Flows, calls and a scripted fetch server for the interpreter's tests. */
final class IvrFixtures {
    static final Callback TURN = new Callback(Callback.Kind.IVR, Map.of("call", "CA0001"));

    private IvrFixtures() {
    }

    static Flow flow(String start, Map<String, FlowNode> nodes) {
        return new Flow("test", start, Flow.DEFAULT_OPT_OUT_KEY, "Polly.Joanna", "en-US", nodes);
    }

    /** The appointment-confirmation flow of the product's documentation. */
    static Flow appointment() {
        Map<String, FlowNode> nodes = new LinkedHashMap<>();
        nodes.put("greet", say("Hi {{contact.firstName | \"there\"}}, this is {{workspace.name}} about your visit on {{data.when}}.", "menu"));
        nodes.put("menu", new FlowNode.Gather("Press 1 to confirm, 2 to reschedule, 3 to cancel.", null, 1, null, 5, 2,
                Map.of("1", "yes", "2", "move", "3", "cancel"), "bye", null));
        nodes.put("yes", new FlowNode.Hangup("Thank you, see you then.", "confirmed"));
        nodes.put("move", new FlowNode.Sms("Pick a new time: {{data.link}}", "moved"));
        nodes.put("moved", new FlowNode.Hangup("We have texted you a link.", "rescheduled"));
        nodes.put("cancel", new FlowNode.Fetch("https://example.com/hooks/cancel", 5, "cancelled", "cancelled"));
        nodes.put("cancelled", new FlowNode.Hangup("{{fetch.message | \"Your visit is cancelled.\"}}", "declined"));
        nodes.put("bye", new FlowNode.Hangup("Goodbye.", "no_input"));
        return flow("greet", nodes);
    }

    static FlowNode.Say say(String text, String next) {
        return new FlowNode.Say(text, null, 1, null, null, next);
    }

    static FlowNode.Gather menu(Map<String, String> choices, String noInput, String invalid) {
        return new FlowNode.Gather("Press a key.", null, 1, null, 5, 2, choices, noInput, invalid);
    }

    static FlowNode.Hangup hangup(String outcome) {
        return new FlowNode.Hangup(null, outcome);
    }

    static FlowCall call(Flow flow) {
        return call(flow, Map.of("firstName", "Dana", "phone", "+14155550123"), Map.of("when", "Tuesday at 4 pm",
                "link", "https://acme.example/r/abc", "code", "4821"));
    }

    static FlowCall call(Flow flow, Map<String, Object> contact, Map<String, Object> data) {
        Map<String, Object> workspace = new HashMap<>();
        workspace.put("name", "Acme Plumbing");
        workspace.put("number", "+14155550100");
        workspace.put("forwarding", "+14155550111");
        return new FlowCall("ws-1", "appointment-confirm", 3, flow, contact, workspace, data, "CA0001", "+14155550123",
                "+14155550100", "outbound", TURN);
    }

    static FlowInterpreter interpreter(Fetcher fetcher) {
        return new FlowInterpreter(fetcher, new MutableClock(Instant.parse("2026-11-27T15:00:00Z")));
    }

    /** A fetcher that must not be called. */
    static Fetcher noFetch() {
        return (workspace, url, json, timeout) -> {
            throw new AssertionError("no fetch expected, got one to " + url);
        };
    }

    /** Answers each POST with the next scripted response (the last one again when the script runs out). */
    static final class ScriptedFetcher implements Fetcher {
        record Request(String workspaceId, String url, String json, Duration timeout) {
        }

        final List<Request> requests = new ArrayList<>();
        private final Deque<Response> script;

        ScriptedFetcher(Response... responses) {
            this.script = new ArrayDeque<>(List.of(responses));
        }

        static ScriptedFetcher answering(int status, String body) {
            return new ScriptedFetcher(new Response(status, body, null));
        }

        static ScriptedFetcher timingOut() {
            return new ScriptedFetcher(new Response(0, null, "timed out"));
        }

        @Override
        public Response post(String workspaceId, String url, String json, Duration timeout) {
            requests.add(new Request(workspaceId, url, json, timeout));
            return script.size() > 1 ? script.poll() : script.peek();
        }
    }
}
