package io.autoops.experiments.bench;

import io.autoops.core.bundle.BundleException;
import io.autoops.core.bundle.BundleMetadata;
import io.autoops.core.mdp.Feature;
import io.autoops.core.mdp.ObservationSchema;
import io.autoops.env.scenario.Suite;
import io.autoops.env.sim.Simulator;
import io.autoops.policies.drl.DqnConfig;
import io.autoops.policies.drl.DqnLearner;
import io.autoops.policies.drl.DrlBundles;
import io.autoops.policies.drl.ObservationNormalizer;
import io.autoops.policies.drl.Mlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BundlePolicyTest {

    @TempDir
    Path dir;

    @Test
    void bundleFile_runsInTheBenchmarkBesideTheBaselines() {
        Suite suite = Suite.load("smoke");
        Simulator probe = new Simulator(suite.scenarios().get(0));
        DqnLearner dqn = new DqnLearner(DqnConfig.defaults(5), probe.observationSize(), probe.actionSpace().n());
        Path zip = dir.resolve("tiny.zip");
        DrlBundles.write(zip, BundleMetadata.of("tiny", "dqn", "test", probe.schema(), probe.actionSpace().labels(),
                "smoke", 5, Map.of(), Instant.EPOCH, Map.of()), dqn.network(), dqn.normalizer());
        String name = "bundle:" + zip;
        Benchmark.Result r = Benchmark.run(new Benchmark.Config(suite, List.of("noop", name, "oracle"), 2, 2,
                dir.resolve("out"), "test"), PolicyRegistry.builtIn(suite.scenarios(), 2), null);
        assertThat(r.failures()).isEmpty();
        assertThat(r.episodes()).filteredOn(e -> e.policy().equals(name)).hasSize(3 * 2);
    }

    @Test
    void gatedBundle_isPlayedBehindItsGate_andAnUnknownGateIsRefused() {
        Simulator probe = new Simulator(io.autoops.env.scenario.ScenarioLoader.load("shop/control"));
        // An untrained network: without the gate it acts on a healthy system now and then; behind it, never.
        DqnLearner dqn = new DqnLearner(DqnConfig.defaults(5), probe.observationSize(), probe.actionSpace().n());
        Path gated = dir.resolve("gated.zip");
        DrlBundles.write(gated, BundleMetadata.of("gated", "dqn", "test", probe.schema(), probe.actionSpace().labels(),
                "shop", 5, Map.of(), Instant.EPOCH, Map.of("gate", "symptoms")), dqn.network(), dqn.normalizer());
        io.autoops.core.mdp.Policy policy = DrlBundles.load(gated, probe.schema(), probe.actionSpace());
        io.autoops.core.mdp.Policy raw = DrlBundles.loadGreedy(io.autoops.core.bundle.PolicyBundle.read(gated),
                probe.schema(), probe.actionSpace());
        probe.reset(3);
        double[] obs = new double[probe.observationSize()];
        boolean[] mask = new boolean[probe.actionSpace().n()];
        int rawActs = 0;
        for (int t = 0; t < 60; t++) {
            probe.observe(obs, 0);
            probe.actionMask(mask, 0);
            assertThat(policy.act(obs, mask)).as("tick %d", t).isZero();
            rawActs += raw.act(obs, mask) == 0 ? 0 : 1;
            probe.step(0);
        }
        assertThat(rawActs).as("the same network without its gate").isPositive();

        Path odd = dir.resolve("odd.zip");
        DrlBundles.write(odd, BundleMetadata.of("odd", "dqn", "test", probe.schema(), probe.actionSpace().labels(),
                "shop", 5, Map.of(), Instant.EPOCH, Map.of("gate", "moon-phase")), dqn.network(), dqn.normalizer());
        assertThatThrownBy(() -> DrlBundles.load(odd, probe.schema(), probe.actionSpace()))
                .isInstanceOf(BundleException.class).hasMessageContaining("unknown action gate 'moon-phase'");
    }

    @Test
    void defaultPolicies_leaveOutTheShippedBundlesOfOtherSuites() {
        PolicyRegistry registry = PolicyRegistry.builtIn(Suite.load("smoke").scenarios(), 1);
        assertThat(PolicyRegistry.shippedBundles()).contains("dqn.standard", "ppo.shop");
        assertThat(registry.defaultsFor("standard")).contains("noop", "rules.tuned", "dqn.standard", "ppo.standard", "oracle")
                .doesNotContain("ppo.shop");
        assertThat(registry.defaultsFor("standard-holdout")).contains("dqn.standard").doesNotContain("ppo.shop");
        assertThat(registry.defaultsFor("shop")).contains("noop", "rules.tuned", "ppo.shop").doesNotContain("dqn.standard");
    }

    @Test
    void bundleForAnotherSchema_isRefusedNamingTheFeatures() {
        Suite suite = Suite.load("smoke");
        Simulator probe = new Simulator(suite.scenarios().get(0));
        ObservationSchema other = new ObservationSchema(List.of(Feature.of("cpu", "ratio", 0, 1)));
        Path zip = dir.resolve("other.zip");
        DrlBundles.write(zip, BundleMetadata.of("other", "dqn", "test", other, probe.actionSpace().labels(), "x", 1,
                Map.of(), Instant.EPOCH, Map.of()), Mlp.create(1, probe.actionSpace().n(), new int[] {4}, 0.01, 1, 1),
                new ObservationNormalizer(1));
        PolicySpec spec = PolicyRegistry.builtIn(suite.scenarios(), 1).get("bundle:" + zip);
        assertThatThrownBy(() -> spec.factory().apply(probe)).isInstanceOf(BundleException.class)
                .hasMessageContaining("does not fit this environment").hasMessageContaining("the environment lacks feature 'cpu'")
                .hasMessageContaining("the policy was not trained on feature 'gateway.request_rate'")
                .hasMessageContaining("more differences");
    }

    @Test
    void missingBundleFile_isAClearError() {
        PolicyRegistry reg = PolicyRegistry.builtIn(Suite.load("smoke").scenarios(), 1);
        assertThatThrownBy(() -> reg.get("bundle:" + dir.resolve("nope.zip"))).isInstanceOf(BundleException.class)
                .hasMessageContaining("does not exist");
    }
}
