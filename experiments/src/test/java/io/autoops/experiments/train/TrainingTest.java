package io.autoops.experiments.train;

import io.autoops.core.bundle.PolicyBundle;
import io.autoops.core.mdp.Episode;
import io.autoops.core.mdp.Policy;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.scenario.ScenarioLoader;
import io.autoops.env.sim.SimEnvironment;
import io.autoops.env.sim.Simulator;
import io.autoops.policies.drl.DrlBundles;
import io.autoops.policies.drl.DqnConfig;
import io.autoops.policies.drl.PpoConfig;
import io.autoops.policies.rl4j.Rl4jDqnConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingTest {

    @TempDir
    Path dir;

    private static PpoConfig small(long seed) {
        PpoConfig d = PpoConfig.defaults(seed);
        return new PpoConfig(new int[] {32, 32}, d.learningRate(), d.gamma(), d.gaeLambda(), 64, 2, 128, d.clipRange(),
                d.entropyCoef(), d.valueCoef(), d.gradientClip(), 500, seed);
    }

    @Test
    void ppo_writesABundleACurveAndACheckpoint_andResumesTheSameCurve() throws Exception {
        Scenario sc = ScenarioLoader.load("standard/bad-deploy");
        Path out = dir.resolve("ppo.zip");
        Training.Result first = Training.run(new Training.Config(List.of(sc), sc.name(), small(3), 4_096, 4, 2_048, 1,
                null, out, null), "test", null);
        assertThat(first.steps()).isEqualTo(4_096);
        PolicyBundle bundle = PolicyBundle.read(out);
        assertThat(bundle.metadata().algorithm()).isEqualTo("ppo");
        assertThat(bundle.metadata().properties()).containsEntry("rolloutSteps", "64").containsEntry("envs", "4");
        assertThat(Files.readAllLines(first.curveCsv())).hasSize(1 + 2).first().isEqualTo(Training.CURVE_HEADER);
        assertThat(Files.size(first.curvePng())).isPositive();

        // the bundle's greedy policy is the best network of the run: it plays a whole episode
        Simulator probe = new Simulator(sc);
        Policy loaded = DrlBundles.loadGreedy(bundle, probe.schema(), probe.actionSpace());
        assertThat(Episode.play(new SimEnvironment(sc), loaded, 11).length()).isPositive();

        Training.Result resumed = Training.run(new Training.Config(List.of(sc), sc.name(), small(3), 8_192, 4, 2_048, 1,
                null, out, first.checkpoint()), "test", null);
        assertThat(resumed.steps()).isEqualTo(8_192);
        List<String> curve = Files.readAllLines(resumed.curveCsv());
        assertThat(curve).hasSize(1 + 4);
        assertThat(curve.subList(1, 5)).extracting(l -> l.split(",")[0]).containsExactly("2048", "4096", "6144", "8192");
    }

    @Test
    void gatedTraining_recordsTheGate_andAResumeMustKeepIt() throws Exception {
        Scenario sc = ScenarioLoader.load("shop/crash");
        Path out = dir.resolve("gated.zip");
        Training.Result first = Training.run(new Training.Config(List.of(sc), sc.name(), small(5), 2_048, 4, 2_048, 1,
                null, out, null, "symptoms"), "test", null);
        assertThat(PolicyBundle.read(out).metadata().properties()).containsEntry("gate", "symptoms");
        assertThatThrownBy(() -> Training.run(new Training.Config(List.of(sc), sc.name(), small(5), 4_096, 4, 2_048, 1,
                null, out, first.checkpoint()), "test", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trained with gate 'symptoms'").hasMessageContaining("add --gate symptoms");
        Training.Result resumed = Training.run(new Training.Config(List.of(sc), sc.name(), small(5), 4_096, 4, 2_048, 1,
                null, out, first.checkpoint(), "symptoms"), "test", null);
        assertThat(resumed.steps()).isEqualTo(4_096);
    }

    @Test
    void surplusGate_isRecorded_needsBaselinesToLoad_andOneTopologyToTrain() {
        Scenario sc = ScenarioLoader.load("shop/crash");
        Path out = dir.resolve("surplus.zip");
        Training.run(new Training.Config(List.of(sc), sc.name(), small(5), 2_048, 4, 2_048, 1, null, out, null,
                "symptoms+surplus"), "test", null);
        PolicyBundle bundle = PolicyBundle.read(out);
        assertThat(bundle.metadata().properties()).containsEntry("gate", "symptoms+surplus");
        Simulator sim = new Simulator(sc);
        Policy policy = DrlBundles.loadPolicy(bundle, sim.schema(), sim.actionSpace(), sim.callGraph(), sim.baselineReplicas());
        SimEnvironment env = new SimEnvironment(ScenarioLoader.parse("at-baseline", "base: shop\nhistory: {extraReplicas: 0}\n"));
        double[] obs = env.reset(3).observation();
        assertThat(policy.act(obs, env.actionMask())).as("a healthy shop at its baseline: only the no-op is offered").isZero();
        assertThatThrownBy(() -> DrlBundles.loadPolicy(bundle, sim.schema(), sim.actionSpace()))
                .hasMessageContaining("symptoms+surplus").hasMessageContaining("baseline replicas");
        assertThatThrownBy(() -> Training.run(new Training.Config(List.of(sc, ScenarioLoader.load("standard/crash")), "mixed",
                small(5), 2_048, 4, 2_048, 1, null, dir.resolve("mixed.zip"), null, "symptoms+surplus"), "test", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ in their services' replicas");
    }

    @Test
    void rl4jDqn_resumesThroughTheHarness_continuingTheCurve() throws Exception {
        Scenario sc = ScenarioLoader.load("standard/bad-deploy");
        Path out = dir.resolve("rl4j.zip");
        DqnConfig d = DqnConfig.defaults(7);
        Rl4jDqnConfig cfg = new Rl4jDqnConfig(d, true, 500);
        Training.Result first = Training.run(new Training.Config(List.of(sc), sc.name(), cfg, 1_500, 1, 750, 1,
                null, out, null), "test", null);
        assertThat(first.steps()).isGreaterThanOrEqualTo(1_500);
        assertThat(first.checkpoint().resolve("rl4j-networks.txt")).exists();
        Training.Result resumed = Training.run(new Training.Config(List.of(sc), sc.name(), cfg, 3_000, 1, 750, 1,
                null, out, first.checkpoint()), "test", null);
        assertThat(resumed.steps()).isGreaterThanOrEqualTo(3_000);
        List<Long> at = Files.readAllLines(resumed.curveCsv()).stream().skip(1).map(l -> Long.parseLong(l.split(",")[0])).toList();
        assertThat(at).as("one curve: the first run's rows, then the resumed run's").hasSizeGreaterThanOrEqualTo(4).isSorted();
        assertThat(at.get(at.size() - 1)).isGreaterThanOrEqualTo(3_000);
        assertThat(at.stream().filter(s -> s > first.steps()).count()).isGreaterThanOrEqualTo(2);
        assertThat(PolicyBundle.read(out).metadata().algorithm()).isEqualTo("rl4j-dqn");
    }

    @Test
    void observationNoiseAndTheNormalisersFloor_areRecordedInTheBundle_andNoiseIsRefusedForRl4j() {
        Scenario sc = ScenarioLoader.load("shop/crash");
        Path out = dir.resolve("noisy.zip");
        Training.run(new Training.Config(List.of(sc), sc.name(), small(5), 2_048, 4, 2_048, 1, null, out, null,
                "symptoms", 0.3, 0.05), "test", null);
        assertThat(PolicyBundle.read(out).metadata().properties()).containsEntry("obsNoise", "0.3").containsEntry("gate", "symptoms")
                .containsEntry("minStd", "0.05");
        assertThatThrownBy(() -> Training.run(new Training.Config(List.of(sc), sc.name(),
                new Rl4jDqnConfig(DqnConfig.defaults(1), true, 500), 2_048, 1, 2_048, 1, null, dir.resolve("r.zip"), null,
                null, 0.3, 0), "test", null)).hasMessageContaining("observation noise need one of our learners");
    }
}
