package io.autoops.core.analysis;

/**
 * Exponentially weighted moving average and variance (smoothing {@code alpha}): the z-score of each
 * point against the forecast made before seeing it. Score: {@code z^2 / (z^2 + 9)} (0.5 at three standard units; see {@code Tail.ranked}).
 */
public final class Ewma implements AnomalyDetector {

    private final double alpha;
    private final int warmup;
    private long n;
    private double mean;
    private double var;

    public Ewma(double alpha, int warmup) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        this.alpha = alpha;
        this.warmup = warmup;
    }

    public Ewma() {
        this(0.01, 50);
    }

    @Override
    public String name() {
        return "ewma";
    }

    @Override
    public double score(long timestampMillis, double value) {
        double s = n < warmup ? 0 : Tail.ranked((value - mean) / Math.sqrt(Math.max(var, 1e-12)));
        if (n == 0) {
            mean = value;
        } else {
            double d = value - mean;
            mean += alpha * d;
            var = (1 - alpha) * (var + alpha * d * d);
        }
        n++;
        return s;
    }
}
