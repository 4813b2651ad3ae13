package io.autoops.policies.marl;

import io.autoops.core.bundle.BundleException;
import io.autoops.core.bundle.PolicyBundle;
import io.autoops.core.mdp.AgentId;
import io.autoops.core.mdp.JointPolicy;
import io.autoops.core.mdp.ParallelEnvironment;
import io.autoops.core.mdp.ParallelStep;
import io.autoops.core.toy.CoordinationEnvironment;
import io.autoops.policies.drl.DivergenceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarlDqnLearnerTest {

    @TempDir
    Path dir;

    private static MarlConfig config(MarlConfig.Mode mode, boolean share, long seed) {
        return new MarlConfig(mode, share, new int[] {32}, 2e-3, 0.5, 1, 5_000, 32, 200, 2, 50, 1.0, 0.02, 2_000, 1.0,
                10, 0, seed);
    }

    private static List<CoordinationEnvironment> envs(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> new CoordinationEnvironment(8)).toList();
    }

    static double welfare(JointPolicy p, ParallelEnvironment<?> env, long seed) {
        Map<AgentId, double[]> obs = env.reset(seed).observations();
        double total = 0;
        while (true) {
            Map<AgentId, boolean[]> masks = new HashMap<>();
            for (AgentId a : env.agents()) {
                masks.put(a, env.actionMask(a));
            }
            Map<AgentId, Integer> actions = p.act(obs, masks);
            actions.forEach((a, act) -> assertThat(masks.get(a)[act]).as("%s chose a masked action", a).isTrue());
            ParallelStep<?> s = env.step(actions);
            total += s.welfare();
            obs = s.observations();
            if (s.allEnded()) {
                return total;
            }
        }
    }

    @ParameterizedTest(name = "{0}, shared network {1}")
    @CsvSource({"TEAM,true", "INDEPENDENT,true"})
    void learnsToCoordinate_reachingTheOptimalWelfare(MarlConfig.Mode mode, boolean share) {
        coordinate(mode, share);
    }

    @org.junit.jupiter.api.Tag("slow")
    @ParameterizedTest(name = "{0}, a network per agent")
    @CsvSource({"TEAM,false", "INDEPENDENT,false"})
    void learnsToCoordinate_withANetworkPerAgent(MarlConfig.Mode mode, boolean share) {
        coordinate(mode, share);
    }

    private static void coordinate(MarlConfig.Mode mode, boolean share) {
        CoordinationEnvironment probe = new CoordinationEnvironment(8);
        MarlDqnLearner learner = new MarlDqnLearner(config(mode, share, 1), AgentInputs.of(probe));
        assertThat(welfare(learner.policy(), probe, 99)).as("untrained").isLessThan(probe.optimalWelfare());
        learner.train(envs(4), 6_000, 5, 1_000, null);
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(welfare(learner.policy(), probe, seed)).isEqualTo(probe.optimalWelfare());
        }
        assertThat(learner.algorithm()).isEqualTo(mode.algorithm());
    }

    @Test
    void sameSeed_sameNetworks() {
        float[][] params = new float[2][];
        for (int k = 0; k < 2; k++) {
            MarlDqnLearner l = new MarlDqnLearner(config(MarlConfig.Mode.TEAM, true, 3), AgentInputs.of(new CoordinationEnvironment(8)));
            l.train(envs(2), 1_500, 9, 500, null);
            params[k] = l.networksSnapshot()[0].parameters();
        }
        assertThat(params[1]).containsExactly(params[0]);
    }

    @Test
    void saveAndResume_continuesTheSameRun() throws Exception {
        AgentInputs inputs = AgentInputs.of(new CoordinationEnvironment(8));
        MarlDqnLearner straight = new MarlDqnLearner(config(MarlConfig.Mode.INDEPENDENT, false, 4), inputs);
        straight.train(envs(2), 800, 9, 400, null);
        straight.train(envs(2), 1_600, 9, 400, null);

        MarlDqnLearner first = new MarlDqnLearner(config(MarlConfig.Mode.INDEPENDENT, false, 4), inputs);
        first.train(envs(2), 800, 9, 400, null);
        first.save(dir.resolve("ckpt"));
        MarlDqnLearner resumed = new MarlDqnLearner(config(MarlConfig.Mode.INDEPENDENT, false, 4), inputs);
        resumed.resume(dir.resolve("ckpt"));
        assertThat(resumed.steps()).isEqualTo(800);
        resumed.train(envs(2), 1_600, 9, 400, null);
        for (int j = 0; j < 2; j++) {
            assertThat(resumed.networksSnapshot()[j].parameters()).containsExactly(straight.networksSnapshot()[j].parameters());
        }
    }

    @Test
    void bundleRoundTrip_givesTheSameActions_andAnotherEnvironmentIsRefused() {
        CoordinationEnvironment env = new CoordinationEnvironment(8);
        MarlDqnLearner learner = new MarlDqnLearner(config(MarlConfig.Mode.TEAM, true, 2), AgentInputs.of(env));
        learner.train(envs(2), 3_000, 5, 1_000, null);
        Path zip = dir.resolve("team.zip");
        MarlBundles.write(zip, MarlBundles.metadata("team", learner.algorithm(), "test", env, "coordination", 2,
                Map.of(), learner.hyperParameters()), env, learner.networksSnapshot(), learner.normalizer());
        JointGreedyPolicy loaded = MarlBundles.load(PolicyBundle.read(zip), env);
        for (int s = 0; s < 2; s++) {
            Map<AgentId, double[]> obs = Map.of(CoordinationEnvironment.A, new double[] {1 - s, s},
                    CoordinationEnvironment.B, new double[] {1 - s, s, 1});
            assertThat(loaded.act(obs, Map.of())).isEqualTo(learner.policy().act(obs, Map.of()));
            assertThat(loaded.values(CoordinationEnvironment.B, obs.get(CoordinationEnvironment.B)))
                    .containsExactly(learner.policy().values(CoordinationEnvironment.B, obs.get(CoordinationEnvironment.B)));
        }
        assertThat(PolicyBundle.read(zip).metadata().actionLabels()).startsWith("a/wait", "a/left", "a/right", "b/wait");

        ParallelEnvironment<Integer> renamed = new CoordinationEnvironment(8) {
            @Override
            public List<AgentId> possibleAgents() {
                return List.of(new AgentId("x"), CoordinationEnvironment.B);
            }
        };
        assertThatThrownBy(() -> MarlBundles.load(PolicyBundle.read(zip), renamed)).isInstanceOf(BundleException.class)
                .hasMessageContaining("x/wait");
    }

    @Test
    void nanObservationsAreRefused_andExplodingRewardsStopTheRun() {
        CoordinationEnvironment env = new CoordinationEnvironment(8);
        MarlDqnLearner learner = new MarlDqnLearner(config(MarlConfig.Mode.TEAM, true, 2), AgentInputs.of(env));
        assertThatThrownBy(() -> learner.policy().act(Map.of(CoordinationEnvironment.A, new double[] {Double.NaN, 0}),
                Map.of())).hasMessageContaining("refusing to act");
        CoordinationEnvironment exploding = new CoordinationEnvironment(8) {
            @Override
            public ParallelStep<Integer> step(Map<AgentId, Integer> actions) {
                ParallelStep<Integer> s = super.step(actions);
                return new ParallelStep<>(s.observations(), Map.of(A, 1e38, B, 1e38), s.terminated(), s.truncated(), s.info());
            }
        };
        assertThatThrownBy(() -> learner.train(List.of(exploding), 3_000, 1, 1_000, null))
                .isInstanceOf(DivergenceException.class).hasMessageContaining("marl-team diverged at step");
    }
}
