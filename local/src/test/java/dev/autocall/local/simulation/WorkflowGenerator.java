package dev.autocall.local.simulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random valid workflows: every step type, forward branches, waits (durations and until a time from the event),
 * call steps with every if-no-answer policy, runIvr steps on the scenario's IVR flows (with machine variants and
 * branches on the flows' own outcomes), and any step last. Random IVR flows too: a menu with choices, replays,
 * noInput and invalid targets, an sms node, a code read as digits, hangups with outcomes, sometimes a loop back to
 * the menu. Every text names the workspace, so a message or a call that reaches the wrong business is visible in
 * what the simulator recorded.
 */
final class WorkflowGenerator {
    static final List<String> TRIGGERS = List.of("lead.created", "appointment.scheduled");
    private static final List<String> OUTCOMES = List.of("completed", "voicemail", "no_answer", "busy", "failed", "invalid");
    private static final List<String> NOT_REACHED = List.of("no_answer", "busy", "voicemail");
    /** The flows' own outcome words the generator picks from. */
    private static final List<String> FLOW_WORDS = List.of("confirmed", "declined", "rescheduled", "paid", "callback_asked");
    /** Every outcome a runIvr attempt can end with besides its flow's hangup outcomes. */
    static final List<String> IVR_OUTCOMES = List.of("completed", "no_input", "opted_out", "voicemail", "no_answer", "busy",
            "failed", "invalid");

    /** Flow id to definition; runIvr steps use these ids (published in every workspace before the workflows). */
    private final Map<String, Map<String, Object>> flows = new LinkedHashMap<>();

    private final Random random;

    WorkflowGenerator(Random random) {
        this.random = random;
    }

    /** A definition as the API takes it (JSON); the trigger is one of {@link #TRIGGERS}. */
    Map<String, Object> workflow(String trigger) {
        int count = 1 + random.nextInt(6);
        List<Map<String, Object>> steps = new ArrayList<>();
        List<String> ivrFlows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            steps.add(step(i, count, ivrFlows));
        }
        Map<String, Object> workflow = new LinkedHashMap<>();
        workflow.put("name", "sim " + trigger);
        workflow.put("trigger", trigger);
        if (random.nextInt(8) == 0) {
            workflow.put("testMode", true);
        }
        workflow.put("steps", steps);
        return workflow;
    }

    private Map<String, Object> step(int index, int count, List<String> ivrFlows) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("id", "s" + index);
        int kind = random.nextInt(index + 1 < count ? 12 : 11); // 11 is a branch: as last step it has nowhere to jump
        if ((kind == 9 || kind == 10) && flows.isEmpty()) {
            kind = 4;
        }
        switch (kind) {
            case 0 -> {
                step.put("type", "sendSms");
                step.put("body", "Hi {{contact.firstName | \"there\"}}, {{workspace.name}} here.");
            }
            case 1 -> {
                step.put("type", "createTask");
                step.put("title", "Call {{contact.phone}} for {{workspace.name}}");
                step.put("dueInMinutes", random.nextInt(120));
            }
            case 2 -> {
                step.put("type", random.nextBoolean() ? "addTag" : "removeTag");
                step.put("tag", List.of("lead", "customer", "reminded").get(random.nextInt(3)));
            }
            case 3 -> {
                step.put("type", "notify");
                step.put("body", "{{workspace.name}}: {{event.type}} for {{contact.phone}}");
            }
            case 4, 5 -> {
                step.put("type", "makeCall");
                step.put("whisper", "{{workspace.name}} call for {{contact.firstName | \"a contact\"}}");
                step.put("timeoutSeconds", List.of(10, 20, 30).get(random.nextInt(3)));
                callPolicy(step);
            }
            case 6 -> {
                step.put("type", "leaveVoicemail");
                step.put("message", "This is {{workspace.name}} for {{contact.firstName | \"you\"}}.");
                callPolicy(step);
            }
            case 7, 8 -> {
                step.put("type", "wait");
                // Waits beyond SQS's 15-minute timer go through the Scheduler stand-in, on the simulated clock.
                if (random.nextBoolean()) {
                    step.put("duration", List.of("PT1M", "PT20M", "PT2H", "PT26H", "P2D").get(random.nextInt(5)));
                } else {
                    step.put("until", "data.appointmentAt");
                    step.put("offset", List.of("-PT24H", "-PT2H", "PT0S").get(random.nextInt(3)));
                }
            }
            case 9, 10 -> {
                List<String> ids = new ArrayList<>(flows.keySet());
                String flow = ids.get(random.nextInt(ids.size()));
                ivrFlows.add(flow);
                step.put("type", "runIvr");
                step.put("flow", flow);
                callPolicy(step);
                switch (random.nextInt(3)) {
                    case 0 -> step.put("onMachine", "hangup");
                    case 1 -> {
                        step.put("onMachine", "message");
                        step.put("machineMessage", "Hi {{contact.firstName | \"there\"}}, {{workspace.name}} called about your visit.");
                    }
                    default -> {
                    }
                }
            }
            default -> {
                step.put("type", "branch");
                Map<String, Object> cases = new LinkedHashMap<>();
                int entries = 1 + random.nextInt(3);
                for (int i = 0; i < entries; i++) {
                    // After a runIvr step a branch may name its flow's own outcome words.
                    if (!ivrFlows.isEmpty() && random.nextBoolean()) {
                        List<String> words = flowOutcomes(ivrFlows.get(random.nextInt(ivrFlows.size())));
                        cases.put(words.get(random.nextInt(words.size())), target(index, count));
                    } else {
                        cases.put(OUTCOMES.get(random.nextInt(OUTCOMES.size())), target(index, count));
                    }
                }
                step.put("cases", cases);
                if (random.nextBoolean()) {
                    step.put("otherwise", target(index, count));
                }
            }
        }
        return step;
    }

    /** A forward jump: a later step, next or end. */
    private String target(int index, int count) {
        int pick = random.nextInt(count - index + 1);
        if (pick == 0) {
            return "end";
        }
        if (pick == 1) {
            return "next";
        }
        return "s" + (index + pick - 1);
    }

    private void callPolicy(Map<String, Object> step) {
        if (random.nextInt(4) == 0) {
            step.put("purpose", "marketing");
        }
        Map<String, Object> policy = new LinkedHashMap<>();
        switch (random.nextInt(4)) {
            case 0 -> {
                return; // default: continue
            }
            case 1 -> policy.put("action", "continue");
            case 2 -> {
                policy.put("action", "retry");
                policy.put("maxAttempts", 2 + random.nextInt(2));
                policy.put("interval", List.of("PT1H", "PT4H", "P1D").get(random.nextInt(3)));
            }
            default -> {
                policy.put("action", "voicemail");
                policy.put("message", "{{workspace.name}} tried to reach you.");
            }
        }
        if (!policy.get("action").equals("continue") && random.nextBoolean()) {
            List<String> notReached = new ArrayList<>(NOT_REACHED);
            java.util.Collections.shuffle(notReached, random);
            policy.put("notReached", notReached.subList(0, 1 + random.nextInt(3)));
        }
        step.put("ifNoAnswer", policy);
    }

    /** The flows generated so far, by id. */
    Map<String, Map<String, Object>> flows() {
        return flows;
    }

    /**
     * A random valid IVR flow, kept under {@code id} for later runIvr steps: a greeting, sometimes a code read as
     * digits, a menu (1 to a hangup with an outcome, 2 to an sms then a hangup, sometimes 3 back to the menu), replays,
     * noInput and invalid targets or the default goodbye, and the opt-out key default, another key or none.
     */
    Map<String, Object> flow(String id) {
        List<String> words = new ArrayList<>(FLOW_WORDS);
        java.util.Collections.shuffle(words, random);
        Map<String, Object> nodes = new LinkedHashMap<>();
        boolean code = random.nextInt(3) == 0;
        nodes.put("greet", node("type", "say", "text", "Hi {{contact.firstName | \"there\"}}, this is {{workspace.name}}.",
                "next", code ? "code" : "menu"));
        if (code) {
            nodes.put("code", node("type", "say", "digits", "{{data.code}}", "repeat", 1 + random.nextInt(2), "next", "menu"));
        }
        Map<String, Object> choices = new LinkedHashMap<>();
        choices.put("1", "yes");
        choices.put("2", "text");
        boolean loop = random.nextInt(3) == 0;
        if (loop) {
            choices.put("3", random.nextBoolean() ? "menu" : "again");
        }
        Map<String, Object> menu = node("type", "gather", "prompt", "{{workspace.name}}: press 1 to confirm, 2 for a text"
                + (loop ? ", 3 to hear this again." : "."), "numDigits", 1, "timeoutSeconds", 3 + random.nextInt(3),
                "attempts", 1 + random.nextInt(3), "choices", choices);
        boolean bye = false;
        if (random.nextBoolean()) {
            menu.put("noInput", "bye");
            bye = true;
        }
        switch (random.nextInt(3)) {
            case 0 -> {
                menu.put("invalid", "bye");
                bye = true;
            }
            case 1 -> menu.put("invalid", "menu");
            default -> {
            }
        }
        nodes.put("menu", menu);
        if (choices.containsValue("again")) {
            nodes.put("again", node("type", "say", "text", "Here it is again.", "next", "menu"));
        }
        nodes.put("yes", node("type", "hangup", "say", "Thank you.", "outcome", words.get(0)));
        nodes.put("text", node("type", "sms", "body", "{{workspace.name}}: pick a new time at https://example.com/r", "next", "texted"));
        nodes.put("texted", random.nextBoolean() ? node("type", "hangup", "say", "We have texted you.", "outcome", words.get(1))
                : node("type", "hangup", "say", "We have texted you."));
        if (bye) {
            nodes.put("bye", node("type", "hangup", "say", "Goodbye.", "outcome", random.nextBoolean() ? words.get(2) : "no_input"));
        }
        Map<String, Object> flow = new LinkedHashMap<>();
        flow.put("name", "sim flow " + id);
        flow.put("start", "greet");
        switch (random.nextInt(6)) {
            case 0 -> flow.put("optOutKey", null);
            case 1 -> flow.put("optOutKey", "0");
            default -> {
            }
        }
        flow.put("nodes", nodes);
        flows.put(id, flow);
        return flow;
    }

    /** The outcome words a flow's hangup nodes set. */
    static List<String> hangupOutcomes(Map<String, Object> flow) {
        List<String> words = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> nodes = (Map<String, Map<String, Object>>) flow.get("nodes");
        nodes.values().forEach(n -> {
            if (n.get("outcome") instanceof String word) {
                words.add(word);
            }
        });
        return words;
    }

    private List<String> flowOutcomes(String flow) {
        List<String> words = hangupOutcomes(flows.get(flow));
        words.add("opted_out");
        words.add("no_input");
        return words;
    }

    private static Map<String, Object> node(Object... fields) {
        Map<String, Object> node = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            node.put((String) fields[i], fields[i + 1]);
        }
        return node;
    }
}
