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
