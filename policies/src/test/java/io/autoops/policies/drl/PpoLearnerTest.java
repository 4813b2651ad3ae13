package io.autoops.policies.drl;

import io.autoops.core.mdp.SyncVectorEnvironment;
import io.autoops.core.toy.ChainEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.autoops.policies.drl.DqnLearnerTest.greedyReturn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PpoLearnerTest {

    @TempDir
    Path dir;

    private static PpoConfig chainConfig(long seed) {
        return new PpoConfig(new int[] {32, 32}, 1e-3, 0.95, 0.95, 64, 4, 128, 0.2, 0.01, 0.5, 5, 500, seed);
    }

    private static SyncVectorEnvironment chains(int n, boolean randomStart) {
        return new SyncVectorEnvironment(n, () -> new ChainEnvironment(8, 32, 0.01, randomStart));
    }

    @Test
    void ppo_solvesTheChain_reachingTheOptimalReturn() {
        // on-policy exploration needs the goal within reach: random starts (from the fixed start, a random walk
        // almost never gets there in 32 steps), then the greedy policy is judged from the fixed start
        PpoLearner ppo = new PpoLearner(chainConfig(1), 9, 3);
        ppo.train(chains(8, true), 12_000, 5, 1_000, null);
        ChainEnvironment test = new ChainEnvironment(8, 32, 0.01, false);
        assertThat(greedyReturn(ppo.policy(), test, 1)).isEqualTo(test.optimalReturn(), within(1e-9));
    }

    @Test
    void ppo_neverSamplesAMaskedAction() {
        // ChainEnvironment throws on a masked action ("left" at state 0): a whole run without an exception says enough
        PpoLearner ppo = new PpoLearner(chainConfig(2), 9, 3);
        ppo.train(chains(4, true), 4_000, 3, 1_000, null);
        assertThat(ppo.steps()).isGreaterThanOrEqualTo(4_000);
    }

    @Test
    void sameSeed_sameNetworks() {
        float[][] params = new float[2][];
        for (int k = 0; k < 2; k++) {
            PpoLearner ppo = new PpoLearner(chainConfig(3), 9, 3);
            ppo.train(chains(4, true), 1_500, 9, 1_000, null);
            params[k] = ppo.network().parameters();
        }
        assertThat(params[1]).containsExactly(params[0]);
    }

    @Test
    void progress_reportsEntropyThatFallsAsThePolicyLearns() {
        PpoLearner ppo = new PpoLearner(chainConfig(4), 9, 3);
        double[] first = {Double.NaN};
        double[] last = {Double.NaN};
        ppo.train(chains(8, true), 10_000, 1, 2_000, (l, p) -> {
            if (Double.isNaN(first[0])) {
                first[0] = p.exploration();
            }
            last[0] = p.exploration();
            assertThat(p.updates()).isPositive();
            return true;
        });
        assertThat(first[0]).isGreaterThan(0.5);
        assertThat(last[0]).isLessThan(first[0]);
    }

    @Test
    void saveThenResume_continuesFromTheSameState() throws Exception {
        PpoLearner a = new PpoLearner(chainConfig(5), 9, 3);
        a.train(chains(4, true), 1_024, 2, 1_000, null);
        a.save(dir.resolve("ckpt"));
        PpoLearner b = new PpoLearner(chainConfig(5), 9, 3);
        b.resume(dir.resolve("ckpt"));
        assertThat(b.steps()).isEqualTo(a.steps());
        assertThat(b.updates()).isEqualTo(a.updates());
        assertThat(b.network().parameters()).containsExactly(a.network().parameters());
        assertThat(b.critic().parameters()).containsExactly(a.critic().parameters());
        // both continue identically from here
        a.train(chains(4, true), 2_048, 2, 1_000, null);
        b.train(chains(4, true), 2_048, 2, 1_000, null);
        assertThat(b.network().parameters()).containsExactly(a.network().parameters());
    }

    @Test
    void bundle_ofAPpoPolicy_loadsAndTakesTheSameActions() {
        PpoLearner ppo = new PpoLearner(chainConfig(6), 9, 3);
        ppo.train(chains(4, true), 3_000, 1, 1_000, null);
        ChainEnvironment env = new ChainEnvironment(8, 32, 0.01, true);
        Path zip = dir.resolve("ppo.zip");
        DrlBundles.write(zip, io.autoops.core.bundle.BundleMetadata.of("ppo", "ppo", "test", env.observationSpace().schema(),
                env.actionSpace().labels(), "chain", 6, java.util.Map.of(), java.time.Instant.EPOCH, java.util.Map.of()),
                ppo.network(), ppo.normalizer());
        GreedyPolicy loaded = DrlBundles.loadGreedy(io.autoops.core.bundle.PolicyBundle.read(zip),
                env.observationSpace().schema(), env.actionSpace());
        GreedyPolicy live = ppo.policy();
        for (long seed = 0; seed < 20; seed++) {
            double[] obs = env.reset(seed).observation();
            boolean[] mask = env.actionMask();
            assertThat(loaded.act(obs, mask)).isEqualTo(live.act(obs, mask));
            assertThat(loaded.values(obs)).containsExactly(live.values(obs));
        }
    }

    @Test
    void explodingRewards_divergeWithAClearError() {
        // returns beyond float range: the advantages overflow, the loss is NaN, and the run stops saying so
        PpoLearner ppo = new PpoLearner(new PpoConfig(new int[] {16}, 1e-3, 0.99, 0.95, 32, 2, 32, 0.2, 0.01, 0.5, 5, 0, 1), 1, 2);
        assertThatThrownBy(() -> ppo.train(new SyncVectorEnvironment(2, () -> DqnLearnerTest.exploding(1e38)), 20_000, 1,
                1_000, null)).isInstanceOf(DivergenceException.class).hasMessageContaining("PPO diverged at step")
                .hasMessageContaining("loss is NaN");
    }
}
