package io.autoops.experiments.bench;

import io.autoops.core.mdp.Policy;
import io.autoops.env.scenario.Suite;
import io.autoops.env.sim.Simulator;
import io.autoops.experiments.stats.Aggregates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BenchmarkTest {

    @TempDir
    Path dir;

    private Benchmark.Result smoke(Path out, PolicyRegistry registry, List<String> policies) {
        Suite suite = Suite.load("smoke");
        return Benchmark.run(new Benchmark.Config(suite, policies, 2, 2, out, "test"), registry, null);
    }

    @Test
    void run_writesEveryTableChartAndTheReport() throws IOException {
        Suite suite = Suite.load("smoke");
        Benchmark.Result r = smoke(dir.resolve("a"), PolicyRegistry.builtIn(suite.scenarios(), 2),
                List.of("noop", "rules.threshold", "rules.k8s-default", "oracle"));
        for (String f : List.of("episodes.csv", "faults.csv", "summary.csv", "probability_of_improvement.csv",
                "performance_profiles.csv", "mttr_by_fault.csv", "tasks.jsonl", "report.html", "iqm.png",
                "performance_profiles.png", "mttr_by_fault.png", "incident_crash.png", "incident_bad-deploy.png")) {
            assertThat(dir.resolve("a").resolve(f)).as(f).isNotEmptyFile();
        }
        assertThat(Files.readAllLines(dir.resolve("a/episodes.csv"))).hasSize(1 + 3 * 4 * 2);
        assertThat(Files.readString(dir.resolve("a/episodes.csv"))).contains("smoke-crash__rules.threshold__1000000");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a"); // no .partial left behind
        }
        assertThat(r.failures()).isEmpty();
    }

    @Test
    void normalisedScores_noopIsZeroAndOracleIsOneOnFaultScenarios() {
        Suite suite = Suite.load("smoke");
        Benchmark.Result r = smoke(dir.resolve("b"), PolicyRegistry.builtIn(suite.scenarios(), 2), List.of("noop", "oracle"));
        Aggregates agg = r.aggregates();
        int crash = agg.scenarios().indexOf("smoke/crash");
        double[][] oracle = agg.scores("oracle");
        double[][] noop = agg.scores("noop");
        assertThat((oracle[crash][0] + oracle[crash][1]) / 2).isCloseTo(1.0, within(1e-9));
        assertThat((noop[crash][0] + noop[crash][1]) / 2).isCloseTo(0.0, within(1e-9));
        int control = agg.scenarios().indexOf("smoke/control");
        assertThat(oracle[control]).containsExactly(0.0, 0.0);
    }

    @Test
    void rerun_givesIdenticalNumbers() throws IOException {
        Suite suite = Suite.load("smoke");
        PolicyRegistry reg = PolicyRegistry.builtIn(suite.scenarios(), 2);
        smoke(dir.resolve("x"), reg, List.of("noop", "random", "rules.threshold", "oracle"));
        smoke(dir.resolve("y"), reg, List.of("noop", "random", "rules.threshold", "oracle"));
        for (String f : List.of("episodes.csv", "faults.csv", "summary.csv", "probability_of_improvement.csv")) {
            assertThat(Files.readString(dir.resolve("y").resolve(f))).as(f).isEqualTo(Files.readString(dir.resolve("x").resolve(f)));
        }
    }

    @Test
    void crashingEpisode_isReportedWithItsSeed_andTheOthersAreKept() {
        Suite suite = Suite.load("smoke");
        PolicyRegistry reg = PolicyRegistry.builtIn(suite.scenarios(), 2);
        reg.add("flaky", "throws on one seed", () -> new PolicySpec("flaky", "flaky", Simulator.Options.SCENARIO, sim -> {
            boolean bad = sim.scenario().name().equals("smoke/crash");
            return (Policy) (obs, mask) -> {
                if (bad && sim.tick() == 30) {
                    throw new IllegalStateException("boom");
                }
                return 0;
            };
        }, false));
        Benchmark.Result r = smoke(dir.resolve("c"), reg, List.of("noop", "flaky", "oracle"));
        assertThat(r.failures()).hasSize(2);
        assertThat(r.failures().get(0).task().runName()).isEqualTo("smoke-crash__flaky__1000000");
        assertThat(r.failures().get(0).error()).contains("boom");
        assertThat(r.episodes()).hasSize(3 * 3 * 2 - 2);
    }

    @Test
    void unknownPolicy_isAnErrorListingTheKnownOnes() {
        PolicyRegistry reg = PolicyRegistry.builtIn(Suite.load("smoke").scenarios(), 1);
        assertThatThrownBy(() -> reg.get("rules.magic")).hasMessageContaining("unknown policy 'rules.magic'")
                .hasMessageContaining("rules.threshold").hasMessageContaining("oracle");
    }

    @Test
    void seeds_trainingAndEvaluationNeverOverlap() {
        // training < validation (evaluation during training) < evaluation (the benchmark)
        assertThat(Seeds.training(899_998)).isLessThan(Seeds.validation(0));
        assertThat(Seeds.validation(99_999)).isLessThan(Seeds.evaluation(0));
        assertThat(Seeds.isEvaluation(Seeds.validation(0))).isFalse();
        assertThat(Seeds.isEvaluation(Seeds.evaluation(0))).isTrue();
        assertThatThrownBy(() -> Seeds.training(899_999)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Seeds.training(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ruleTuning_isReproducibleAndNeverWorseThanTheSeedRulesOnTraining() {
        var scenarios = List.of(Suite.load("smoke").scenarios().get(2));
        RuleTuner.Result a = RuleTuner.tune(scenarios, 1, 5, 77, 2);
        RuleTuner.Result b = RuleTuner.tune(List.copyOf(scenarios), 1, 5, 77, 1);
        assertThat(a.rules()).isEqualTo(b.rules());
        assertThat(a.meanReturn()).isGreaterThanOrEqualTo(a.seedRulesReturn());
    }
}
