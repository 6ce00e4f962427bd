package dev.autocall.local.simulation;

import dev.autocall.json.Json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One generated scenario, a pure function of its seed: two or three workspaces sharing workflow ids, IVR flows,
 * event ids and contact numbers, scripted callees, and a timeline of events, clock moves and redeliveries.
 *
 * @param startHour  the local hour (Los Angeles) the scenario starts at, inside or outside calling windows
 * @param contacts   contact slots (index into the numbers the runner allots); the first ones are in Los Angeles
 * @param flows      IVR flows by id, the same in every workspace, published before the workflows that run them
 */
record Scenario(long seed, int startHour, int startMinute, List<Business> businesses, int contacts,
                List<Map<String, Object>> calleeScripts, List<EventPlan> events, List<Action> actions,
                Map<String, Map<String, Object>> flows) {

    /**
     * A workspace of the scenario.
     *
     * @param workflows workflow id to definition; the ids are the same in every workspace, the definitions not
     * @param consented contact slots with documented voice consent in this workspace
     */
    record Business(String window, int perMinute, int perDay, int perNumberPerDay, int perNumberPer14Days,
                    Map<String, Object> agentScript, Map<String, Map<String, Object>> workflows, List<Integer> consented) {
    }

    /** An application event: the same id, type and contact in every workspace it is sent to. */
    record EventPlan(String id, String type, int contact, Duration appointmentIn) {
    }

    /** One step of the timeline. */
    sealed interface Action {
    }

    /** Sends an event to some workspaces; twice when {@code again}: the copy must change nothing. */
    record Send(int event, List<Integer> businesses, boolean again) implements Action {
    }

    /** Moves the shared clock forward (minutes to days: a clock jump). */
    record Advance(Duration by) implements Action {
    }

    /** Changes how a contact's phone behaves from now on. */
    record Rescript(int contact, Map<String, Object> script) implements Action {
    }

    /** Posts signed copies of Twilio status callbacks already sent: a repeated, late webhook. */
    record RedeliverCallbacks(int count) implements Action {
    }

    /** Sends copies of call request messages to the compliance and dial queues: SQS redelivering them. */
    record RedeliverRequests(int count) implements Action {
    }

    static Scenario generate(long seed) {
        Random random = new Random(seed);
        WorkflowGenerator workflows = new WorkflowGenerator(random);
        int flowCount = 1 + random.nextInt(2);
        for (int f = 0; f < flowCount; f++) {
            workflows.flow("flow-" + f);
        }
        int contacts = 1 + random.nextInt(3);
        int workflowCount = 1 + random.nextInt(3);
        List<String> triggers = new ArrayList<>();
        for (int w = 0; w < workflowCount; w++) {
            triggers.add(WorkflowGenerator.TRIGGERS.get(random.nextInt(WorkflowGenerator.TRIGGERS.size())));
        }
        List<Business> businesses = new ArrayList<>();
        int businessCount = 2 + random.nextInt(2);
        for (int b = 0; b < businessCount; b++) {
            Map<String, Map<String, Object>> defs = new LinkedHashMap<>();
            for (int w = 0; w < workflowCount; w++) {
                defs.put("wf-" + w, workflows.workflow(triggers.get(w)));
            }
            List<Integer> consented = new ArrayList<>();
            for (int c = 0; c < contacts; c++) {
                if (random.nextInt(5) != 0) {
                    consented.add(c);
                }
            }
            // A per-minute cap of 1 defers by seconds through real SQS timers: kept rare to keep scenarios short.
            businesses.add(new Business(List.of("strict", "tcpa").get(random.nextInt(2)),
                    random.nextInt(6) == 0 ? 1 : 5, 2 + random.nextInt(20), 1 + random.nextInt(2), 2 + random.nextInt(3),
                    script(random, true), defs, consented));
        }
        List<Map<String, Object>> scripts = new ArrayList<>();
        for (int c = 0; c < contacts; c++) {
            scripts.add(script(random, false));
        }
        List<EventPlan> events = new ArrayList<>();
        int eventCount = 1 + random.nextInt(4);
        for (int e = 0; e < eventCount; e++) {
            // Mostly a type some workflow listens to; sometimes one nothing runs on.
            String type = random.nextInt(5) == 0 ? WorkflowGenerator.TRIGGERS.get(random.nextInt(2)) : triggers.get(random.nextInt(triggers.size()));
            events.add(new EventPlan("ev-" + e, type, random.nextInt(contacts),
                    Duration.ofMinutes(-60 + random.nextInt(60 * 24 * 3))));
        }
        List<Action> actions = new ArrayList<>();
        int steps = 4 + random.nextInt(9);
        Duration moved = Duration.ZERO;
        for (int s = 0; s < steps; s++) {
            int pick = s == 0 ? 0 : random.nextInt(12);
            if (pick < 6) {
                List<Integer> to = new ArrayList<>();
                for (int b = 0; b < businessCount; b++) {
                    if (random.nextInt(3) != 0) {
                        to.add(b);
                    }
                }
                if (to.isEmpty()) {
                    to.add(random.nextInt(businessCount));
                }
                actions.add(new Send(random.nextInt(eventCount), to, random.nextInt(4) == 0));
            } else if (pick < 9) {
                // Event ids are remembered for 7 days: the timeline stays within 4 so a copy is always a copy.
                Duration by = random.nextInt(4) == 0 ? Duration.ofHours(20 + random.nextInt(30)) : Duration.ofMinutes(1 + random.nextInt(240));
                if (moved.plus(by).compareTo(Duration.ofDays(4)) < 0) {
                    moved = moved.plus(by);
                    actions.add(new Advance(by));
                }
            } else if (pick == 9) {
                actions.add(new Rescript(random.nextInt(contacts), script(random, false)));
            } else if (pick == 10) {
                actions.add(new RedeliverCallbacks(1 + random.nextInt(4)));
            } else {
                actions.add(new RedeliverRequests(1 + random.nextInt(3)));
            }
        }
        return new Scenario(seed, 6 + random.nextInt(14), random.nextInt(60), businesses, contacts, scripts, events, actions,
                workflows.flows());
    }

    /** A callee behaviour as {@code PUT /_sim/callees/{phone}} takes it. */
    private static Map<String, Object> script(Random random, boolean agent) {
        Map<String, Object> script = new LinkedHashMap<>();
        List<String> behaviors = agent ? List.of("answer", "answer", "answer", "no-answer", "busy", "fail")
                : List.of("answer", "answer", "answer", "no-answer", "busy", "voicemail", "invalid", "fail");
        script.put("behavior", behaviors.get(random.nextInt(behaviors.size())));
        int keys = random.nextInt(6);
        if (keys < (agent ? 2 : 1)) {
            script.put("digits", List.of("1", "2", "9#").get(random.nextInt(3)));
        } else if (!agent && keys < 5) {
            // The keys at each Gather of an IVR call in turn: silence, menu choices, replays, the opt-out key,
            // a key no menu offers, and more keys than a one-key Gather takes.
            List<String> gathers = new ArrayList<>();
            int count = 1 + random.nextInt(4);
            for (int g = 0; g < count; g++) {
                // Menu keys most often, so that the calls compared with their flow's simulation confirm, text and opt out too.
                List<String> pressed = g == 0 ? List.of("1", "1", "2", "2", "9", "0", "", "7", "12")
                        : List.of("", "1", "2", "3", "9", "0", "7", "12");
                gathers.add(pressed.get(random.nextInt(pressed.size())));
            }
            script.put("gathers", gathers);
        }
        if (!agent && random.nextInt(5) == 0) {
            script.put("hangupAfterSeconds", 2 + random.nextInt(30));
        }
        if (random.nextInt(3) == 0) {
            script.put("afterSeconds", random.nextInt(40));
        }
        if (random.nextInt(4) == 0) {
            script.put("throttle", 1 + random.nextInt(2));
        }
        if (random.nextInt(3) == 0) {
            script.put("repeatCallbacks", true);
        }
        if (random.nextInt(3) == 0) {
            script.put("outOfOrder", true);
        }
        return script;
    }

    /** What a failing seed prints: enough to read the scenario without running it. */
    String describe() {
        StringBuilder out = new StringBuilder();
        out.append("scenario ").append(seed).append(": start ").append(startHour).append(':').append(startMinute)
                .append(" Los Angeles, ").append(contacts).append(" contacts ").append(Json.write(calleeScripts)).append('\n');
        flows.forEach((id, def) -> out.append("  flow ").append(id).append(' ').append(Json.write(def)).append('\n'));
        for (int b = 0; b < businesses.size(); b++) {
            Business business = businesses.get(b);
            out.append("  workspace ").append(b).append(": window ").append(business.window())
                    .append(", caps ").append(business.perMinute()).append("/min ").append(business.perDay()).append("/day ")
                    .append(business.perNumberPerDay()).append("/number/day ").append(business.perNumberPer14Days())
                    .append("/number/14d, consented ").append(business.consented()).append(", agent ")
                    .append(Json.write(business.agentScript())).append('\n');
            business.workflows().forEach((id, def) -> out.append("    ").append(id).append(' ').append(Json.write(def)).append('\n'));
        }
        out.append("  events ").append(events).append('\n');
        out.append("  timeline ").append(actions);
        return out.toString();
    }
}
