package io.autoops.core.analysis;

import java.util.Arrays;

/**
 * Robust z-score: distance from the rolling median in units of the median absolute deviation
 * (scaled by 1.4826 to estimate a standard deviation), so that the anomalies themselves barely move
 * the baseline. The median and MAD of the last {@code window} points are recomputed every
 * {@code every} points. Score: {@code z^2 / (z^2 + 9)} (0.5 at three standard units; see {@code Tail.ranked}).
 */
public final class RobustZ implements AnomalyDetector {

    private final double[] window;
    private final double[] sorted;
    private final int every;
    private int size;
    private int next;
    private int sinceRefresh;
    private double median;
    private double scale;

    public RobustZ(int window, int every) {
        if (window < 3 || every < 1) {
            throw new IllegalArgumentException("need window >= 3 and every >= 1");
        }
        this.window = new double[window];
        this.sorted = new double[window];
        this.every = every;
    }

    public RobustZ() {
        this(2000, 20);
    }

    @Override
    public String name() {
        return "robust-z";
    }

    @Override
    public double score(long timestampMillis, double value) {
        double s = size < 3 ? 0 : Tail.ranked((value - median) / scale);
        window[next] = value;
        next = (next + 1) % window.length;
        size = Math.min(size + 1, window.length);
        if (++sinceRefresh >= every || size <= 3 * every) {
            sinceRefresh = 0;
            refresh();
        }
        return s;
    }

    private void refresh() {
        System.arraycopy(window, 0, sorted, 0, size);
        Arrays.sort(sorted, 0, size);
        median = median(sorted, size);
        for (int i = 0; i < size; i++) {
            sorted[i] = Math.abs(window[i] - median);
        }
        double meanAbs = 0;
        for (int i = 0; i < size; i++) {
            meanAbs += sorted[i];
        }
        meanAbs /= size;
        Arrays.sort(sorted, 0, size);
        double mad = median(sorted, size);
        // When more than half the window sits on one value (counts, plateaus) the MAD is 0; fall back on
        // the mean absolute deviation (x 1.2533 estimates a standard deviation) so that every other
        // value is not an "infinite" anomaly.
        scale = Math.max(Math.max(1.4826 * mad, 1.2533 * meanAbs), 1e-9);
    }

    private static double median(double[] s, int n) {
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
