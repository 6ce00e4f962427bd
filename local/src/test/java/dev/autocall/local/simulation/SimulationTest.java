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
 * Simulation of the whole local runtime: seeded random scenarios (workflows, callees, events, clock jumps,
 * repeated callbacks and redelivered messages across two or three workspaces sharing ids and numbers), each
 * followed by the invariants of {@link Invariants}. The build runs a fixed set of seeds;
 * {@code ./autocall check sim --seed S --scenarios N} runs N scenarios from seed S
 * (system properties {@code sim.seed} and {@code sim.scenarios}).
 */
class SimulationTest {
    /** Seeds the build runs: about three minutes on two cores. */
    static final long CI_FIRST_SEED = 1;
    static final int CI_SCENARIOS = 8;

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
        String seedProperty = System.getProperty("sim.seed", "");
        long first = seedProperty.isBlank() ? CI_FIRST_SEED : Long.parseLong(seedProperty.trim());
        String scenariosProperty = System.getProperty("sim.scenarios", "");
        int scenarios = !scenariosProperty.isBlank() ? Integer.parseInt(scenariosProperty.trim())
                : seedProperty.isBlank() ? CI_SCENARIOS : 1;
        return LongStream.range(first, first + scenarios).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> play(seed)));
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
