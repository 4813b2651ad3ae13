package io.autoops.experiments.train;

import io.autoops.core.bundle.PolicyBundle;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.scenario.ScenarioLoader;
import io.autoops.env.sim.Simulator;
import io.autoops.experiments.bench.PolicyRegistry;
import io.autoops.experiments.bench.PolicySpec;
import io.autoops.experiments.live.LivePolicies;
import io.autoops.experiments.run.EpisodeResult;
import io.autoops.policies.marl.MarlConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarlTrainingTest {

    @TempDir
    Path dir;

    private static MarlConfig small(long seed) {
        MarlConfig d = MarlConfig.defaults(MarlConfig.Mode.TEAM, seed);
        return new MarlConfig(d.mode(), true, new int[] {16}, d.learningRate(), d.gamma(), d.nStep(), 2_000, 16, 200, 16,
                50, 1.0, 0.1, 1_000, d.tdClip(), d.gradientClip(), 0, seed);
    }

    @Test
    void team_writesABundleTheBenchmarkPlays_andResumesTheSameCurve() throws Exception {
        Scenario sc = ScenarioLoader.load("standard/bad-deploy");
        Path out = dir.resolve("marl-team.zip");
        Training.Result first = MarlTraining.run(new MarlTraining.Config(List.of(sc), sc.name(), small(3), 1_200, 4, 500, 1,
                out, null), "test", null);
        assertThat(first.steps()).isEqualTo(1_200);
        PolicyBundle bundle = PolicyBundle.read(out);
        assertThat(bundle.metadata().algorithm()).isEqualTo("marl-team");
        assertThat(bundle.metadata().properties()).containsEntry("mode", "team").containsEntry("envs", "4");
        assertThat(bundle.metadata().actionLabels()).contains("payment/restart:payment", "gateway/noop");
        assertThat(Files.readAllLines(first.curveCsv())).first().isEqualTo(Training.CURVE_HEADER);
        assertThat(Files.size(first.curvePng())).isPositive();

        // the benchmark plays it as per-service healers; live healing refuses it, naming why
        PolicySpec spec = PolicyRegistry.builtIn(List.of(sc), 1).get("bundle:" + out);
        assertThat(spec.joint()).isNotNull();
        EpisodeResult played = spec.play(sc, 11, null);
        assertThat(played.policy()).isEqualTo("bundle:" + out);
        Simulator probe = new Simulator(sc);
        assertThatThrownBy(() -> LivePolicies.resolve("bundle:" + out, probe.schema(), probe.actionSpace()))
                .hasMessageContaining("team of per-service healers");

        Training.Result resumed = MarlTraining.run(new MarlTraining.Config(List.of(sc), sc.name(), small(3), 2_400, 4, 500, 1,
                out, first.checkpoint()), "test", null);
        assertThat(resumed.steps()).isEqualTo(2_400);
        List<String> curve = Files.readAllLines(resumed.curveCsv());
        assertThat(curve.subList(1, curve.size())).extracting(l -> Long.parseLong(l.split(",")[0]))
                .isSorted().contains(1_200L, 2_400L);
    }
}
