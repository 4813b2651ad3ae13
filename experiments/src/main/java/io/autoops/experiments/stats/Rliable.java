package io.autoops.experiments.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Aggregate statistics for few-run RL benchmarks, as defined by rliable (Agarwal et al., "Deep
 * Reinforcement Learning at the Edge of the Statistical Precipice", NeurIPS 2021). Scores are given
 * as {@code scores[task][run]}: one row per scenario, one column per seed.
 */
public final class Rliable {

    private Rliable() {
    }

    /** An estimate with its 95 % confidence interval. */
    public record Interval(double value, double low, double high) {
    }

    /**
     * Interquartile mean: the mean of the middle 50 % of all scores, trimming {@code floor(n / 4)}
     * from each end (as {@code scipy.stats.trim_mean(x, 0.25)}, which rliable uses).
     */
    public static double iqm(double[][] scores) {
        return iqm(flatten(scores));
    }

    public static double iqm(double[] values) {
        double[] x = values.clone();
        Arrays.sort(x);
        int cut = (int) (0.25 * x.length);
        double sum = 0;
        for (int i = cut; i < x.length - cut; i++) {
            sum += x[i];
        }
        return sum / (x.length - 2 * cut);
    }

    public static double mean(double[][] scores) {
        return Arrays.stream(flatten(scores)).average().orElse(Double.NaN);
    }

    /**
     * Percentile confidence interval from a stratified bootstrap: each replicate resamples the runs
     * of every task with replacement, separately per task, and recomputes the statistic.
     */
    public static Interval stratifiedBootstrap(double[][] scores, ToDoubleFunction<double[][]> statistic, int reps,
                                               long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] stats = new double[reps];
        double[][] sample = new double[scores.length][];
        for (int t = 0; t < scores.length; t++) {
            sample[t] = new double[scores[t].length];
        }
        for (int r = 0; r < reps; r++) {
            for (int t = 0; t < scores.length; t++) {
                int n = scores[t].length;
                for (int i = 0; i < n; i++) {
                    sample[t][i] = scores[t][rng.nextInt(n)];
                }
            }
            stats[r] = statistic.applyAsDouble(sample);
        }
        Arrays.sort(stats);
        return new Interval(statistic.applyAsDouble(scores), percentile(stats, 2.5), percentile(stats, 97.5));
    }

    /**
     * Probability of improvement P(X > Y): for each task, the probability that a random run of X
     * scores higher than a random run of Y (ties count half, the Mann-Whitney U statistic / (n m)),
     * averaged over tasks. {@code x} and {@code y} have the same tasks in the same order.
     */
    public static double probabilityOfImprovement(double[][] x, double[][] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y need the same tasks");
        }
        double sum = 0;
        for (int t = 0; t < x.length; t++) {
            double wins = 0;
            for (double a : x[t]) {
                for (double b : y[t]) {
                    wins += a > b ? 1 : (a == b ? 0.5 : 0);
                }
            }
            sum += wins / (x[t].length * (double) y[t].length);
        }
        return sum / x.length;
    }

    /** Performance profile: for each threshold tau, the fraction of all runs scoring above tau. */
    public static double[] performanceProfile(double[][] scores, double[] taus) {
        double[] all = flatten(scores);
        double[] out = new double[taus.length];
        for (int k = 0; k < taus.length; k++) {
            int above = 0;
            for (double v : all) {
                above += v > taus[k] ? 1 : 0;
            }
            out[k] = above / (double) all.length;
        }
        return out;
    }

    public static double median(double[] values) {
        double[] x = values.clone();
        Arrays.sort(x);
        return percentile(x, 50);
    }

    static double[] flatten(double[][] scores) {
        return Arrays.stream(scores).flatMapToDouble(Arrays::stream).toArray();
    }

    /** Linear-interpolated percentile (numpy's default) of sorted values, {@code p} in [0, 100]. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 1) {
            return sorted[0];
        }
        double pos = p / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
