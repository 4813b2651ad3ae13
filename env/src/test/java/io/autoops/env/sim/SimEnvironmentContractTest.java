package io.autoops.env.sim;

import io.autoops.core.check.CheckReport;
import io.autoops.core.check.EnvironmentChecker;
import io.autoops.core.check.EnvironmentContractTest;
import io.autoops.core.mdp.Environment;
import io.autoops.env.scenario.ScenarioLoader;
import io.autoops.env.scenario.Suite;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's views keep the environment contract (single, vector and parallel). */
class SimEnvironmentContractTest extends EnvironmentContractTest {

    @Override
    protected Environment<?> newEnvironment() {
        return new SimEnvironment(ScenarioLoader.load("standard/random-mix"));
    }

    @Override
    protected EnvironmentChecker.Options checkerOptions() {
        return new EnvironmentChecker.Options(2, 400, 99L);
    }

    @Test
    void vectorView_keepsTheContract() {
        var suite = Suite.load("smoke").scenarios();
        CheckReport r = EnvironmentChecker.checkVector("sim-vector",
                () -> new SimVectorEnvironment(suite, 3, Simulator.Options.SCENARIO),
                new EnvironmentChecker.Options(1, 300, 5L));
        assertThat(r.failures()).isEmpty();
    }

    @Test
    void parallelView_keepsTheContract() {
        CheckReport r = EnvironmentChecker.checkParallel("sim-parallel",
                () -> new SimParallelEnvironment(ScenarioLoader.load("smoke/crash")),
                new EnvironmentChecker.Options(2, 200, 5L));
        assertThat(r.failures()).isEmpty();
    }

    @Test
    void parallelSuite_keepsTheContract_andEachSeedPicksItsScenario() {
        List<io.autoops.env.scenario.Scenario> suite = Suite.load("smoke").scenarios();
        CheckReport r = EnvironmentChecker.checkParallel("sim-parallel-suite",
                () -> new SimParallelSuite(suite, Simulator.Options.SCENARIO, SimParallelEnvironment.Rewards.OWN), new EnvironmentChecker.Options(2, 200, 5L));
        assertThat(r.failures()).isEmpty();
        SimParallelSuite env = new SimParallelSuite(suite, Simulator.Options.SCENARIO, SimParallelEnvironment.Rewards.SHARED);
        for (long seed = 0; seed < 2L * suite.size(); seed++) {
            env.reset(seed);
            assertThat(env.simulator().scenario().name()).isEqualTo(suite.get((int) (seed % suite.size())).name());
            java.util.Map<io.autoops.core.mdp.AgentId, Integer> noop = new java.util.HashMap<>();
            env.agents().forEach(a -> noop.put(a, 0));
            var step = env.step(noop);
            assertThat(step.welfare()).as("shared rewards sum to the system's reward")
                    .isCloseTo(env.simulator().reward(), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void everyStandardScenario_passesTheChecker() {
        for (var scenario : Suite.load("standard").scenarios()) {
            CheckReport r = EnvironmentChecker.check(scenario.name(), () -> new SimEnvironment(scenario),
                    new EnvironmentChecker.Options(1, 400, 3L));
            assertThat(r.failures()).as(scenario.name()).isEmpty();
        }
    }

    @Test
    void sameSeed_sameTrajectoryAcrossViews() {
        var scenario = ScenarioLoader.load("standard/memory-leak");
        long seed = 42;
        long copySeed = new java.util.SplittableRandom(seed).split().nextLong();
        SimEnvironment single = new SimEnvironment(scenario);
        double[] first = single.reset(copySeed).observation();
        SimVectorEnvironment vector = new SimVectorEnvironment(List.of(scenario), 1, Simulator.Options.SCENARIO);
        vector.reset(seed);
        assertThat(vector.observations()).containsExactly(first);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        for (int t = 0; t < 200; t++) {
            boolean[] mask = single.actionMask();
            int a;
            do {
                a = rng.nextInt(mask.length);
            } while (!mask[a] || rng.nextDouble() < 0.8 && a != 0);
            double[] obs = single.step(a).observation();
            vector.step(new int[] {a});
            assertThat(vector.observations()).as("tick %d", t + 1).containsExactly(obs);
        }
    }
}
