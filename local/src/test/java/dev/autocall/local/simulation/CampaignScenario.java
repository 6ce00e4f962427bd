package dev.autocall.local.simulation;

import dev.autocall.json.Json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One generated campaign scenario, a pure function of its seed (drawn from its own {@link Random}, so the workflow
 * scenario of the same seed is unchanged): one or two workspaces, campaigns with a message or an IVR flow, audiences
 * of 1-30 targets (consented through a contact, through a CSV row, or not at all) whose phones behave in every way,
 * random pace, retry and schedule, and operations while they run (pause, resume, cancel, targets added, clock moves).
 * With two workspaces the second has campaigns of the same ids and the same phones, with its own consent.
 *
 * @param startHour the local hour (Los Angeles) the scenario starts at, inside every calling window for US numbers
 * @param behaviors each phone slot's behaviour (the simulator keeps a script per number, whoever calls)
 */
record CampaignScenario(long seed, int startHour, int startMinute, Map<String, Map<String, Object>> flows,
                        List<Workspace> workspaces, List<Step> timeline, List<String> behaviors) {
    static final List<String> BEHAVIORS = List.of("answer", "no-answer", "busy", "voicemail", "invalid", "fail");
    static final List<String> NOT_REACHED = List.of("no_answer", "busy", "voicemail");

    /** How a target's voice consent is documented in its workspace. */
    enum Consent { CONTACT, CSV, NONE }

    /** How a target enters the campaign: in the definition's audience, in a JSON list, or in a CSV upload. */
    enum Entry { AUDIENCE, JSON, CSV }

    /**
     * A target: a phone slot (its phone and behaviour are shared by every workspace) with its consent in one workspace.
     *
     * @param later added while the campaign runs (by an {@link AddTargets} step) rather than before it starts
     */
    record TargetPlan(int phone, Consent consent, Entry entry, boolean later) {
    }

    /** A campaign of one workspace: its definition (without audience) and its targets. */
    record CampaignPlan(String id, Map<String, Object> definition, int maxAttempts, List<String> retryOn, List<TargetPlan> targets) {
    }

    record Workspace(List<CampaignPlan> campaigns) {
    }

    /** One operation on the timeline; each is preceded by a real pause of {@code waitMillis}. */
    sealed interface Step {
        long waitMillis();
    }

    record Pause(int workspace, int campaign, long waitMillis) implements Step {
    }

    record Resume(int workspace, int campaign, long waitMillis) implements Step {
    }

    record Cancel(int workspace, int campaign, long waitMillis) implements Step {
    }

    /** Posts the campaign's targets marked {@code later}. */
    record AddTargets(int workspace, int campaign, long waitMillis) implements Step {
    }

    record Advance(Duration by, long waitMillis) implements Step {
    }

    static CampaignScenario generate(long seed) {
        Random random = new Random(seed * 7919 + 13);
        WorkflowGenerator generator = new WorkflowGenerator(random);
        int flowCount = 1 + random.nextInt(2);
        for (int f = 0; f < flowCount; f++) {
            generator.flow("flow-" + f);
        }
        List<String> flowIds = new ArrayList<>(generator.flows().keySet());
        int workspaceCount = random.nextInt(3) == 0 ? 2 : 1;
        int campaignCount = 1 + random.nextInt(2);
        List<Map<String, Object>> definitions = new ArrayList<>();
        List<Integer> attempts = new ArrayList<>();
        List<List<String>> retryOns = new ArrayList<>();
        List<List<Integer>> phonesOf = new ArrayList<>();
        int phones = 0;
        for (int c = 0; c < campaignCount; c++) {
            Map<String, Object> definition = new LinkedHashMap<>();
            definition.put("id", "camp-" + c);
            definition.put("action", random.nextInt(2) == 0 ? Map.of("message", "Hello from {{workspace.name}}")
                    : Map.of("flow", flowIds.get(random.nextInt(flowIds.size()))));
            definition.put("purpose", random.nextBoolean() ? "transactional" : "marketing");
            definition.put("pace", Map.of("callsPerMinute", 30 + random.nextInt(571), "maxConcurrent", 1 + random.nextInt(10)));
            int maxAttempts = 1 + random.nextInt(3);
            List<String> on = new ArrayList<>();
            NOT_REACHED.forEach(o -> {
                if (random.nextBoolean()) {
                    on.add(o);
                }
            });
            if (on.isEmpty() && maxAttempts > 1) {
                on.add(NOT_REACHED.get(random.nextInt(NOT_REACHED.size())));   // more attempts need something to retry
            }
            definition.put("retry", Map.of("maxAttempts", maxAttempts, "interval", "PT" + (1 + random.nextInt(10)) + "M", "on", on));
            int shape = random.nextInt(6);
            if (shape == 0) {
                // Hours that open later today in the callee's time (an hour or two ahead): targets wait for them.
                definition.put("schedule", Map.of("hours", Map.of("start", "16:00", "end", "20:00")));
            } else if (shape == 1) {
                definition.put("schedule", Map.of("endAtInMinutes", 2 + random.nextInt(20)));
            } else if (shape == 2) {
                definition.put("schedule", Map.of("days", List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")));
            }
            definitions.add(definition);
            attempts.add(maxAttempts);
            retryOns.add(on);
            int size = 1 + random.nextInt(random.nextInt(3) == 0 ? 30 : 12);
            List<Integer> slots = new ArrayList<>();
            for (int t = 0; t < size; t++) {
                slots.add(phones++);
            }
            phonesOf.add(slots);
        }
        List<String> behaviors = new ArrayList<>();
        for (int p = 0; p < phones; p++) {
            behaviors.add(BEHAVIORS.get(random.nextInt(BEHAVIORS.size())));
        }
        List<Workspace> workspaces = new ArrayList<>();
        for (int w = 0; w < workspaceCount; w++) {
            List<CampaignPlan> campaigns = new ArrayList<>();
            for (int c = 0; c < campaignCount; c++) {
                List<TargetPlan> targets = new ArrayList<>();
                for (int p : phonesOf.get(c)) {
                    int consent = random.nextInt(10);
                    targets.add(new TargetPlan(p, consent < 5 ? Consent.CONTACT : consent < 8 ? Consent.CSV : Consent.NONE,
                            Entry.values()[random.nextInt(3)], random.nextInt(5) == 0));
                }
                // A CSV consent needs a CSV row.
                targets.replaceAll(t -> t.consent() == Consent.CSV ? new TargetPlan(t.phone(), t.consent(), Entry.CSV, t.later()) : t);
                campaigns.add(new CampaignPlan("camp-" + c, definitions.get(c), attempts.get(c), retryOns.get(c), targets));
            }
            workspaces.add(new Workspace(campaigns));
        }
        List<Step> timeline = new ArrayList<>();
        int steps = random.nextInt(7);
        for (int s = 0; s < steps; s++) {
            int w = random.nextInt(workspaceCount);
            int c = random.nextInt(campaignCount);
            long wait = 200L + random.nextInt(2500);
            switch (random.nextInt(6)) {
                case 0 -> timeline.add(new Pause(w, c, wait));
                case 1 -> timeline.add(new Resume(w, c, wait));
                case 2 -> timeline.add(random.nextInt(3) == 0 ? new Cancel(w, c, wait) : new Pause(w, c, wait));
                case 3 -> timeline.add(new AddTargets(w, c, wait));
                default -> timeline.add(new Advance(Duration.ofMinutes(1 + random.nextInt(10)), wait));
            }
        }
        // Targets planned "later" with no AddTargets step for their campaign are added at the end of the timeline.
        for (int w = 0; w < workspaceCount; w++) {
            for (int c = 0; c < campaignCount; c++) {
                int ww = w;
                int cc = c;
                if (timeline.stream().noneMatch(s -> s instanceof AddTargets a && a.workspace() == ww && a.campaign() == cc)) {
                    timeline.add(new AddTargets(w, c, 200));
                }
            }
        }
        return new CampaignScenario(seed, 10 + random.nextInt(4), random.nextInt(60), generator.flows(), workspaces,
                timeline, behaviors);
    }

    /** What a failing seed prints. */
    String describe() {
        StringBuilder out = new StringBuilder();
        out.append("campaign scenario ").append(seed).append(": start ").append(startHour).append(':').append(startMinute)
                .append(" Los Angeles, phones ").append(behaviors).append('\n');
        flows.forEach((id, def) -> out.append("  flow ").append(id).append(' ').append(Json.write(def)).append('\n'));
        for (int w = 0; w < workspaces.size(); w++) {
            out.append("  workspace ").append(w).append('\n');
            for (CampaignPlan campaign : workspaces.get(w).campaigns()) {
                out.append("    ").append(Json.write(campaign.definition())).append(" targets ").append(campaign.targets()).append('\n');
            }
        }
        out.append("  timeline ").append(timeline);
        return out.toString();
    }
}
