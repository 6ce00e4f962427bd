package dev.autocall.local.simulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random valid workflows: every step type, forward branches, waits (durations and until a time from the event),
 * call steps with every if-no-answer policy, and any step last. Every text names the workspace, so a message or
 * a call that reaches the wrong business is visible in what the simulator recorded.
 */
final class WorkflowGenerator {
    static final List<String> TRIGGERS = List.of("lead.created", "appointment.scheduled");
    private static final List<String> OUTCOMES = List.of("completed", "voicemail", "no_answer", "busy", "failed", "invalid");
    private static final List<String> NOT_REACHED = List.of("no_answer", "busy", "voicemail");

    private final Random random;

    WorkflowGenerator(Random random) {
        this.random = random;
    }

    /** A definition as the API takes it (JSON); the trigger is one of {@link #TRIGGERS}. */
    Map<String, Object> workflow(String trigger) {
        int count = 1 + random.nextInt(6);
        List<Map<String, Object>> steps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            steps.add(step(i, count));
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

    private Map<String, Object> step(int index, int count) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("id", "s" + index);
        int kind = random.nextInt(index + 1 < count ? 10 : 9); // 9 is a branch: as last step it has nowhere to jump
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
            default -> {
                step.put("type", "branch");
                Map<String, Object> cases = new LinkedHashMap<>();
                int entries = 1 + random.nextInt(3);
                for (int i = 0; i < entries; i++) {
                    cases.put(OUTCOMES.get(random.nextInt(OUTCOMES.size())), target(index, count));
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
}
