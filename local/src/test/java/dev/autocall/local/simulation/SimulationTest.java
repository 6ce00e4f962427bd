package dev.autocall.local.simulation;

import dev.autocall.local.LocalRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Optional;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Simulation of the whole local runtime: seeded random scenarios (workflows, IVR flows, callees, events, clock jumps,
 * repeated callbacks and redelivered messages across two or three workspaces sharing ids and numbers), each
 * followed by the invariants of {@link Invariants}; and per seed a campaign scenario ({@link CampaignScenario},
 * checked by {@link CampaignRun}). The build runs a fixed set of seeds of each kind;
 * {@code ./autocall check sim --seed S --scenarios N} runs N seeds from S, both kinds unless {@code --only} names one
 * (system properties {@code sim.seed}, {@code sim.scenarios}, {@code sim.only} and {@code sim.verbose}).
 */
class SimulationTest {
    /**
     * Seeds the build runs: about three and a half minutes on two cores. Seed 5 gave way to 7 and 8 (together about
     * as long), whose people answer IVR calls, so that the build compares real IVR calls with the flows' simulations.
     */
    static final long[] CI_SEEDS = {1, 2, 3, 4, 6, 7, 8};
    /**
     * Campaign scenarios the build runs, kept under a minute together (29 s and 11-18 s): seed 2 (23 targets, retries,
     * a pause and a resume while calling) and seed 10 (two workspaces with the same campaign id, an IVR flow, and a
     * cancel that lands before the end or gets a 409, as timing decides).
     */
    static final long[] CI_CAMPAIGN_SEEDS = {2, 10};

    private static LocalRuntime runtime;
    private static int ordinal;

    @BeforeAll
    static void start() throws Exception {
        // A message that failed (e.g. an event copy meeting the original in flight) comes back after the visibility
        // timeout: 10 s instead of the template's 120 keeps a scenario short and still far above a delivery's work.
        runtime = LocalRuntime.start(new LocalRuntime.Options(0, Optional.of(10), 8));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyInvariantHolds_afterEachGeneratedScenario() {
        String seedProperty = System.getProperty("sim.seed", "").trim();
        String scenariosProperty = System.getProperty("sim.scenarios", "").trim();
        boolean build = seedProperty.isEmpty() && scenariosProperty.isEmpty();
        long first = seedProperty.isEmpty() ? 1 : Long.parseLong(seedProperty);
        long[] chosen = LongStream.range(first, first + (scenariosProperty.isEmpty() ? 1 : Integer.parseInt(scenariosProperty))).toArray();
        // A seed given on the command line plays both kinds (or the one sim.only names); the build its fixed seeds.
        String only = System.getProperty("sim.only", "").trim();
        Stream<DynamicTest> workflows = only.equals("campaigns") ? Stream.empty()
                : LongStream.of(build ? CI_SEEDS : chosen).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> play(seed)));
        Stream<DynamicTest> campaigns = only.equals("workflows") ? Stream.empty()
                : LongStream.of(build ? CI_CAMPAIGN_SEEDS : chosen)
                .mapToObj(seed -> DynamicTest.dynamicTest("campaigns seed " + seed, () -> playCampaigns(seed)));
        return Stream.concat(workflows, campaigns);
    }

    private static void playCampaigns(long seed) {
        CampaignScenario scenario = CampaignScenario.generate(seed);
        long started = System.nanoTime();
        Invariants.Report report = new CampaignRun(runtime, scenario, ++ordinal).run();
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("sim campaigns seed " + seed + ": " + (report.violations().isEmpty() ? "ok" : report.violations().size() + " violations")
                + " in " + millis + " ms (" + report.summary() + ")");
        if (Boolean.getBoolean("sim.verbose")) {
            System.out.println(scenario.describe());
        }
        if (!report.violations().isEmpty()) {
            String text = "campaigns seed " + seed + " broke " + report.violations().size() + " invariants:\n  - "
                    + String.join("\n  - ", report.violations()) + "\n" + scenario.describe()
                    + "\nreproduce: ./autocall check sim --seed " + seed + " --only campaigns";
            System.out.println(text);
            fail(text);
        }
    }

    private static void play(long seed) {
        Scenario scenario = Scenario.generate(seed);
        long started = System.nanoTime();
        Invariants.Report report = new ScenarioRun(runtime, scenario, ++ordinal).run();
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("sim seed " + seed + ": " + (report.violations().isEmpty() ? "ok" : report.violations().size() + " violations")
                + " in " + millis + " ms (" + report.summary() + ")");
        if (Boolean.getBoolean("sim.verbose")) {
            System.out.println(scenario.describe());
        }
        if (!report.violations().isEmpty()) {
            String text = "seed " + seed + " broke " + report.violations().size() + " invariants:\n  - "
                    + String.join("\n  - ", report.violations()) + "\n" + scenario.describe()
                    + "\nreproduce: ./autocall check sim --seed " + seed;
            System.out.println(text);
            fail(text);
        }
    }
}
