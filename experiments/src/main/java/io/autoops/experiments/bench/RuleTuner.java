package io.autoops.experiments.bench;

import io.autoops.env.scenario.Scenario;
import io.autoops.env.sim.Simulator;
import io.autoops.experiments.run.EpisodeRunner;
import io.autoops.policies.rules.RuleSet;
import io.autoops.policies.rules.ThresholdPolicy;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Tunes the seed's threshold rules on training scenarios and training seeds only: a seeded random
 * search over each rule's threshold (or switching it off) and the cool-down, keeping the candidate
 * with the highest mean return. The seed's own rules are candidate 0, so tuning never does worse
 * on the training set. Reproducible: same scenarios, seeds and search seed give the same rules.
 */
public final class RuleTuner {

    /** Search range per feature: [low, high]; a threshold above {@code high} switches the rule off. */
    private static final Map<String, double[]> RANGES = Map.of(
            "cpu", new double[] {0.6, 1.0},
            "error_rate", new double[] {0.01, 0.5},
            "p99_latency_ratio", new double[] {0.5, 3.0},
            "memory", new double[] {0.6, 0.99},
            "node.cpu", new double[] {0.8, 1.0});
    private static final int[] COOLDOWNS = {2, 4, 6, 12, 24, 48};
    private static final double OFF = 1e9;

    /** The result: the best rules and their mean training return, with the seed rules' for comparison. */
    public record Result(RuleSet rules, double meanReturn, double seedRulesReturn, int candidates) {
    }

    private static final Map<String, Result> CACHE = new ConcurrentHashMap<>();

    private RuleTuner() {
    }

    /** Tunes (or returns the cached result for the same inputs). */
    public static Result tune(List<Scenario> training, int seeds, int candidates, long searchSeed, int threads) {
        String key = training.stream().map(Scenario::name).toList() + "|" + seeds + "|" + candidates + "|" + searchSeed;
        return CACHE.computeIfAbsent(key, k -> search(training, seeds, candidates, searchSeed, threads));
    }

    private static Result search(List<Scenario> training, int seeds, int candidates, long searchSeed, int threads) {
        RuleSet seed = RuleSet.seed();
        SplittableRandom rng = new SplittableRandom(searchSeed);
        RuleSet[] cands = new RuleSet[candidates];
        cands[0] = seed;
        for (int c = 1; c < candidates; c++) {
            double[] th = new double[seed.rules().size()];
            for (int r = 0; r < th.length; r++) {
                double[] range = RANGES.getOrDefault(seed.rules().get(r).feature(), new double[] {0, 1});
                th[r] = rng.nextDouble() < 0.2 ? OFF : range[0] + rng.nextDouble() * (range[1] - range[0]);
            }
            cands[c] = seed.with(th, COOLDOWNS[rng.nextInt(COOLDOWNS.length)], "tuned");
        }
        double[] scores = new double[candidates];
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            java.util.List<Future<Double>> futures = new java.util.ArrayList<>();
            for (RuleSet rules : cands) {
                futures.add(pool.submit(() -> evaluate(rules, training, seeds)));
            }
            for (int c = 0; c < candidates; c++) {
                scores[c] = futures.get(c).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("rule tuning failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
        int best = 0;
        for (int c = 1; c < candidates; c++) {
            if (scores[c] > scores[best]) {
                best = c;
            }
        }
        return new Result(cands[best].with(thresholds(cands[best]), cands[best].cooldownSteps(), "tuned"),
                scores[best], scores[0], candidates);
    }

    private static double[] thresholds(RuleSet r) {
        return r.rules().stream().mapToDouble(RuleSet.Rule::above).toArray();
    }

    static double evaluate(RuleSet rules, List<Scenario> training, int seeds) {
        double sum = 0;
        int n = 0;
        for (Scenario sc : training) {
            for (int i = 0; i < seeds; i++) {
                sum += EpisodeRunner.run(sc, Simulator.Options.SCENARIO, "tuning",
                        sim -> new ThresholdPolicy(rules, sim.schema(), sim.actionSpace()), Seeds.training(i), null).ret();
                n++;
            }
        }
        return sum / n;
    }
}
