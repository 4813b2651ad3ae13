package io.autoops.core.mdp;

import java.util.SplittableRandom;

/**
 * Domain randomisation for the step from simulation to a real system: the inner vector environment's
 * observations with multiplicative log-normal noise on its continuous features (unit {@code ratio}
 * or {@code req/s}, but not {@code time_of_day}), clipped to each feature's range. Each copy draws one
 * factor per feature when its episode starts ({@code exp(sigma * N(0,1))}: a system calibrated a
 * little differently) and a smaller one at every step ({@code exp(sigma / 2 * N(0,1))}: scrape jitter).
 * Counts, flags and zeros stay as they are. Rewards, masks and episode ends are the inner
 * environment's: only what the learner sees changes. A policy trained so does not tie its choice to a
 * feature's exact simulated value (a node's CPU at rest, a service's p99 at low load).
 *
 * <p>Seeded: the same seed gives the same noise. Wrap outside any action gate, so that the gate reads
 * clean observations as it reads real ones live.
 */
public final class NoisyObservations extends ForwardingVectorEnvironment {

    private final double sigma;
    private final int dim;
    private final int[] noisy;          // indices of the features that get noise
    private final double[] lows;
    private final double[] highs;
    private final double[] episodeFactor; // per copy and noisy feature
    private final double[] obs;
    private final double[] finalObs;
    private final SplittableRandom rng;

    /**
     * @param sigma standard deviation of the log of the per-episode factor (0.2: most within +-40 %)
     * @param seed  seeds the noise
     */
    public NoisyObservations(VectorEnvironment env, double sigma, long seed) {
        super(checkedSigma(env, sigma));
        this.sigma = sigma;
        ObservationSchema schema = inner.observationSpace().schema();
        this.dim = schema.size();
        int[] picked = new int[dim];
        int k = 0;
        lows = new double[dim];
        highs = new double[dim];
        for (int i = 0; i < dim; i++) {
            Feature f = schema.feature(i);
            lows[i] = f.low();
            highs[i] = f.high();
            if ((f.unit().equals("ratio") || f.unit().equals("req/s")) && !f.name().equals("time_of_day")) {
                picked[k++] = i;
            }
        }
        this.noisy = java.util.Arrays.copyOf(picked, k);
        this.episodeFactor = new double[inner.numEnvs() * k];
        this.obs = new double[inner.numEnvs() * dim];
        this.finalObs = new double[inner.numEnvs() * dim];
        this.rng = new SplittableRandom(seed);
    }

    private static VectorEnvironment checkedSigma(VectorEnvironment env, double sigma) {
        if (!(sigma > 0) || sigma > 2) {
            throw new IllegalArgumentException("observation noise sigma must be in (0, 2], got " + sigma);
        }
        return env;
    }

    /** How many features get noise. */
    public int noisyFeatures() {
        return noisy.length;
    }

    @Override
    public void reset(long seed) {
        inner.reset(seed);
        for (int i = 0; i < inner.numEnvs(); i++) {
            newEpisode(i);
        }
        perturb(inner.observations(), obs, false);
    }

    @Override
    public void step(int[] actions) {
        inner.step(actions);
        boolean[] term = inner.terminated();
        boolean[] trunc = inner.truncated();
        // the ended episodes' last observations carry their factors; the next ones draw new factors
        perturb(inner.finalObservations(), finalObs, true);
        for (int i = 0; i < inner.numEnvs(); i++) {
            if (term[i] || trunc[i]) {
                newEpisode(i);
            }
        }
        perturb(inner.observations(), obs, false);
    }

    private void newEpisode(int copy) {
        int k = noisy.length;
        for (int j = 0; j < k; j++) {
            episodeFactor[copy * k + j] = Math.exp(sigma * rng.nextGaussian());
        }
    }

    private void perturb(double[] in, double[] out, boolean endedOnly) {
        boolean[] term = inner.terminated();
        boolean[] trunc = inner.truncated();
        int k = noisy.length;
        for (int i = 0; i < inner.numEnvs(); i++) {
            if (endedOnly && !(term[i] || trunc[i])) {
                continue;
            }
            int o = i * dim;
            System.arraycopy(in, o, out, o, dim);
            for (int j = 0; j < k; j++) {
                int f = noisy[j];
                double x = in[o + f] * episodeFactor[i * k + j] * Math.exp(0.5 * sigma * rng.nextGaussian());
                out[o + f] = Math.max(lows[f], Math.min(highs[f], x));
            }
        }
    }

    @Override
    public double[] observations() {
        return obs;
    }

    @Override
    public double[] finalObservations() {
        return finalObs;
    }
}
