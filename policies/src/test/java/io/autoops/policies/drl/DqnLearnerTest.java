package io.autoops.policies.drl;

import io.autoops.core.mdp.Policy;
import io.autoops.core.mdp.Reset;
import io.autoops.core.mdp.Step;
import io.autoops.core.mdp.SyncVectorEnvironment;
import io.autoops.core.toy.ChainEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DqnLearnerTest {

    @TempDir
    Path dir;

    private static DqnConfig chainConfig(long seed) {
        return new DqnConfig(new int[] {32, 32}, 1e-3, 0.95, 3, 20_000, 64, 500, 4, 100, 1.0, 0.05, 4_000, true, 1.0, 10,
                seed);
    }

    static double greedyReturn(Policy p, ChainEnvironment env, long seed) {
        Reset<?> r = env.reset(seed);
        double[] obs = r.observation();
        double ret = 0;
        while (true) {
            Step<?> s = env.step(p.act(obs, env.actionMask()));
            ret += s.reward();
            obs = s.observation();
            if (s.ended()) {
                return ret;
            }
        }
    }

    @Test
    void dqn_solvesTheChain_reachingTheOptimalReturn() {
        DqnLearner dqn = new DqnLearner(chainConfig(1), 9, 3);
        SyncVectorEnvironment env = new SyncVectorEnvironment(8, () -> new ChainEnvironment(8, 32, 0.01, false));
        dqn.train(env, 12_000, 5, 1_000, null);
        ChainEnvironment test = new ChainEnvironment(8, 32, 0.01, false);
        assertThat(greedyReturn(dqn.policy(), test, 1)).isEqualTo(test.optimalReturn(), org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void actionGap_keepsTheOptimalPolicy_andWidensTheGapToTheNextBestAction() {
        double[] gaps = new double[2];
        for (int k = 0; k < 2; k++) {
            DqnLearner dqn = new DqnLearner(chainConfig(1).withActionGap(k == 0 ? 0 : 0.9), 9, 3);
            dqn.train(new SyncVectorEnvironment(8, () -> new ChainEnvironment(8, 32, 0.01, false)), 12_000, 5, 1_000, null);
            ChainEnvironment test = new ChainEnvironment(8, 32, 0.01, false);
            assertThat(greedyReturn(dqn.policy(), test, 1)).as("alpha %s", k == 0 ? 0 : 0.9)
                    .isEqualTo(test.optimalReturn(), org.assertj.core.api.Assertions.within(1e-9));
            float[] q = dqn.policy().values(test.reset(1).observation());
            float[] sorted = q.clone();
            java.util.Arrays.sort(sorted);
            gaps[k] = sorted[2] - sorted[1];
        }
        assertThat(gaps[1]).as("the gap at the start, with alpha 0.9 against plain DQN's %s", gaps[0])
                .isGreaterThan(3 * gaps[0]);
    }

    @Test
    void actionGap_resumesWithTheObservationsMasks_andRefusesACheckpointWithout() throws Exception {
        DqnLearner a = new DqnLearner(chainConfig(4).withActionGap(0.5), 9, 3);
        a.train(new SyncVectorEnvironment(4, () -> new ChainEnvironment(8, 32, 0.01, true)), 1_600, 2, 1_000, null);
        a.save(dir.resolve("ckpt"));
        DqnLearner b = new DqnLearner(chainConfig(4).withActionGap(0.5), 9, 3);
        b.resume(dir.resolve("ckpt"));
        a.train(new SyncVectorEnvironment(4, () -> new ChainEnvironment(8, 32, 0.01, true)), 2_400, 2, 1_000, null);
        b.train(new SyncVectorEnvironment(4, () -> new ChainEnvironment(8, 32, 0.01, true)), 2_400, 2, 1_000, null);
        assertThat(b.network().parameters()).as("the same steps from the same state").containsExactly(a.network().parameters());
        java.nio.file.Files.delete(dir.resolve("ckpt/masks.bin"));
        assertThatThrownBy(() -> new DqnLearner(chainConfig(4).withActionGap(0.5), 9, 3).resume(dir.resolve("ckpt")))
                .hasMessageContaining("no masks.bin");
        assertThatThrownBy(() -> chainConfig(4).withActionGap(1)).hasMessageContaining("invalid DQN configuration");
    }

    @Test
    void sameSeed_sameNetwork() {
        float[][] params = new float[2][];
        for (int k = 0; k < 2; k++) {
            DqnLearner dqn = new DqnLearner(chainConfig(3), 9, 3);
            dqn.train(new SyncVectorEnvironment(4, () -> new ChainEnvironment(8, 32, 0.01, true)), 2_000, 9, 1_000, null);
            params[k] = dqn.network().parameters();
        }
        assertThat(params[1]).containsExactly(params[0]);
    }

    @Test
    void saveThenResume_continuesFromTheSameState() throws Exception {
        DqnLearner a = new DqnLearner(chainConfig(4), 9, 3);
        a.train(new SyncVectorEnvironment(4, () -> new ChainEnvironment(8, 32, 0.01, true)), 1_600, 2, 1_000, null);
        a.save(dir.resolve("ckpt"));
        DqnLearner b = new DqnLearner(chainConfig(4), 9, 3);
        b.resume(dir.resolve("ckpt"));
        assertThat(b.steps()).isEqualTo(a.steps());
        assertThat(b.gradientSteps()).isEqualTo(a.gradientSteps());
        assertThat(b.network().parameters()).containsExactly(a.network().parameters());
        long before = b.steps();
        b.train(new SyncVectorEnvironment(4, () -> new ChainEnvironment(8, 32, 0.01, true)), 3_200, 2, 1_000, null);
        assertThat(b.steps()).isGreaterThanOrEqualTo(3_200).isGreaterThan(before);
        assertThat(b.gradientSteps()).isGreaterThan(a.gradientSteps());
    }

    @Test
    void nanObservation_isRefusedByThePolicy() {
        DqnLearner dqn = new DqnLearner(chainConfig(1), 9, 3);
        double[] obs = new double[9];
        obs[3] = Double.NaN;
        assertThatThrownBy(() -> dqn.policy().act(obs, null)).hasMessageContaining("feature 3 is NaN");
    }

    @Test
    void hugeLearningRate_divergesWithAClearError() {
        DqnConfig wild = new DqnConfig(new int[] {16}, 1e9, 0.99, 1, 5_000, 32, 100, 1, 10, 1, 0.1, 100, false, 1e30, 1e30, 1);
        DqnLearner dqn = new DqnLearner(wild, 1, 2);
        io.autoops.core.mdp.Environment<Void> exploding = exploding(1e30);
        assertThatThrownBy(() -> dqn.train(new SyncVectorEnvironment(2, () -> exploding), 20_000, 1, 1_000, null))
                .isInstanceOf(DivergenceException.class).hasMessageContaining("diverged");
    }

    /** An environment whose observations and rewards explode: any learner on it must diverge, loudly. */
    static io.autoops.core.mdp.Environment<Void> exploding(double reward) {
        return new io.autoops.core.mdp.Environment<>() {
            final io.autoops.core.mdp.BoxSpace space = new io.autoops.core.mdp.BoxSpace(new io.autoops.core.mdp.ObservationSchema(
                    java.util.List.of(io.autoops.core.mdp.Feature.of("x", "1", -1e30, 1e30))));
            int t;

            public io.autoops.core.mdp.BoxSpace observationSpace() {
                return space;
            }

            public io.autoops.core.mdp.DiscreteSpace actionSpace() {
                return new io.autoops.core.mdp.DiscreteSpace(java.util.List.of("a", "b"));
            }

            public Reset<Void> reset(long seed) {
                t = 0;
                return new Reset<>(new double[] {1}, null);
            }

            public Step<Void> step(int action) {
                t++;
                return new Step<>(new double[] {t * 1e6}, reward, false, t >= 50, null);
            }

            public boolean[] actionMask() {
                return new boolean[] {true, true};
            }
        };
    }
}
