package dev.autocall.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * ./autocall demo: starts the product, plays the inbound scenarios end to end through the Twilio simulator,
 * prints a timeline and returns whether every scenario ended as expected.
 */
final class Demo {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final String DANA = "+14155550123";
    private static final String NEW_CALLER = "+16505550142";
    private static final String SAM = "+13125550144";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final LocalClient client;
    private final long startNanos = System.nanoTime();
    private final List<String> failures = new ArrayList<>();

    private Demo(LocalClient client) {
        this.client = client;
    }

    static boolean run(int port) throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(port))) {
            System.out.println(runtime.readyLine());
            Demo demo = new Demo(new LocalClient(runtime.url(), runtime.apiKey()));
            demo.missedCallFromKnownContact();
            demo.voicemailFromNewCaller();
            demo.answeredCall();
            demo.stopThenMissedCall();
            System.out.println();
            if (demo.failures.isEmpty()) {
                System.out.println("demo: all 4 scenarios ended as expected");
                return true;
            }
            System.out.println("demo: " + demo.failures.size() + " check(s) failed:");
            demo.failures.forEach(f -> System.out.println("  - " + f));
            return false;
        }
    }

    private void missedCallFromKnownContact() {
        scenario("1. Missed call from a known contact (Dana) becomes a text-back and a callback task");
        event("Dana calls " + LocalRuntime.DEMO_NUMBER + "; the forwarding line rings and nobody answers");
        long before = System.nanoTime();
        JsonNode call = client.inboundCall(DANA, LocalRuntime.DEMO_NUMBER, "no-answer", null);
        event("Twilio played " + call.path("verbs") + "; the call " + call.path("sid").asText().substring(0, 10) + "... ended");
        boolean texted = LocalClient.waitFor(() -> !client.messagesTo(DANA).isEmpty(), WAIT);
        check(texted, "a text-back SMS reaches Dana");
        if (texted) {
            JsonNode sms = client.messagesTo(DANA).get(0);
            event("SMS to Dana (" + ms(before) + " after the call started): \"" + sms.path("body").asText() + "\"");
            check(sms.path("body").asText().startsWith("Hi Dana,"), "the text-back greets Dana by name");
        }
        boolean task = LocalClient.waitFor(() -> tasks().stream().anyMatch(t -> t.contains("Dana Reyes")), WAIT);
        check(task, "a callback task for Dana is created");
        tasks().stream().filter(t -> t.contains("Dana")).findFirst().ifPresent(t -> event("task created: " + t));
    }

    private void voicemailFromNewCaller() {
        scenario("2. A new caller leaves a voicemail; it lands on the contact's thread");
        String words = "Hi, my water heater is leaking, please call me back";
        event("unknown number " + NEW_CALLER + " calls, nobody answers, caller leaves: \"" + words + "\"");
        client.inboundCall(NEW_CALLER, LocalRuntime.DEMO_NUMBER, "no-answer", words);
        boolean onThread = LocalClient.waitFor(() -> callEntry(NEW_CALLER).map(c -> c.path("voicemail").has("url")).orElse(false), WAIT);
        check(onThread, "the voicemail recording is on the new contact's thread");
        callEntry(NEW_CALLER).ifPresent(c -> event("thread: call " + c.path("status").asText() + ", recording "
                + c.path("voicemail").path("durationSeconds").asText() + " s at " + c.path("voicemail").path("url").asText()));
        boolean texted = LocalClient.waitFor(() -> !client.messagesTo(NEW_CALLER).isEmpty(), WAIT);
        check(texted && client.messagesTo(NEW_CALLER).get(0).path("body").asText().startsWith("Hi there,"),
                "the new caller gets a neutral text-back (\"Hi there, ...\")");
        if (texted) {
            event("SMS to the new caller: \"" + client.messagesTo(NEW_CALLER).get(0).path("body").asText() + "\"");
        }
        boolean thread = LocalClient.waitFor(() -> client.thread(NEW_CALLER).size() == 2, WAIT);
        check(thread, "the thread holds the call and the text-back, in time order");
        client.thread(NEW_CALLER).forEach(item -> event("  thread item: " + item.path("at").asText() + " "
                + item.path("kind").asText() + " " + item.path("direction").asText() + " " + item.path("status").asText()));
    }

    private void answeredCall() {
        scenario("3. An answered call: logged, no text-back");
        event("Sam calls; the forwarding line answers");
        int before = client.messagesTo(SAM).size();
        JsonNode call = client.inboundCall(SAM, LocalRuntime.DEMO_NUMBER, "answer", null);
        event("Twilio played " + call.path("verbs") + "; talked " + call.path("durationSeconds").asInt() + " s");
        boolean answered = LocalClient.waitFor(() -> callEntry(SAM).map(c -> c.path("status").asText().equals("answered")
                && c.has("durationSeconds")).orElse(false), WAIT);
        check(answered, "the call is on Sam's thread as answered, with its duration");
        callEntry(SAM).ifPresent(c -> event("thread: call " + c.path("status").asText() + ", " + c.path("durationSeconds").asText() + " s"));
        pause(Duration.ofMillis(500));
        check(client.messagesTo(SAM).size() == before, "no text-back for an answered call");
    }

    private void stopThenMissedCall() {
        scenario("4. STOP: Dana opts out, and a later missed call sends her nothing");
        event("Dana texts \"STOP\"");
        client.inboundSms(DANA, LocalRuntime.DEMO_NUMBER, "STOP");
        boolean optedOut = LocalClient.waitFor(() -> client.contact(DANA).path("optOut").has("sms"), WAIT);
        check(optedOut, "Dana is opted out of SMS");
        event("contact: optOut.sms = " + client.contact(DANA).path("optOut").path("sms").asText());
        int before = client.messagesTo(DANA).size();
        event("Dana calls again and nobody answers");
        client.inboundCall(DANA, LocalRuntime.DEMO_NUMBER, "no-answer", null);
        boolean skipped = LocalClient.waitFor(() -> runs().stream().anyMatch(r -> r.contains("opted out")), WAIT);
        check(skipped, "the text-back step is skipped because Dana opted out");
        runs().stream().filter(r -> r.contains("opted out")).findFirst().ifPresent(r -> event("run history: " + r));
        check(client.messagesTo(DANA).size() == before, "no SMS is sent to Dana after STOP");
    }

    private List<String> tasks() {
        List<String> titles = new ArrayList<>();
        client.api("GET", "/v1/tasks", null).body().path("tasks").forEach(t -> titles.add(t.path("title").asText()));
        return titles;
    }

    private List<String> runs() {
        List<String> lines = new ArrayList<>();
        client.api("GET", "/v1/contacts/" + LocalClient.encode(DANA) + "/runs", null).body().path("runs").forEach(run -> {
            StringBuilder line = new StringBuilder(run.path("workflowId").asText() + " v" + run.path("version").asInt()
                    + " " + run.path("status").asText() + ":");
            run.path("steps").forEach(s -> line.append(" [").append(s.path("type").asText()).append(" ")
                    .append(s.path("result").asText()).append(": ").append(s.path("detail").asText()).append("]"));
            lines.add(line.toString());
        });
        return lines;
    }

    private java.util.Optional<JsonNode> callEntry(String phone) {
        for (JsonNode item : client.thread(phone)) {
            if (item.path("kind").asText().equals("call")) {
                return java.util.Optional.of(item);
            }
        }
        return java.util.Optional.empty();
    }

    private void scenario(String title) {
        System.out.println();
        System.out.println("== " + title);
    }

    private void event(String text) {
        System.out.printf("%s  +%7.3fs  %s%n", TIME.format(Instant.now()), (System.nanoTime() - startNanos) / 1e9, text);
    }

    private void check(boolean ok, String expectation) {
        event((ok ? "ok    " : "FAILED ") + expectation);
        if (!ok) {
            failures.add(expectation);
        }
    }

    private static String ms(long startNanos) {
        return String.format("%.0f ms", (System.nanoTime() - startNanos) / 1e6);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
