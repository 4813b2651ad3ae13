package io.autoops.core.analysis;

/**
 * Rolling 3-sigma, the way NAB's "windowed Gaussian" baseline does it: the mean and standard
 * deviation of the last {@code window} points (updated every {@code step} points once the window is
 * full) give a z-score for each new point, scored as {@code 1 - Q(|z|)}. A detection threshold of
 * 3 sigma is a score of 0.99865.
 */
public final class WindowedGaussian implements AnomalyDetector {

    private final double[] window;
    private final int step;
    private final double[] stepBuffer;
    private int size;
    private int start;
    private int pending;
    private double sum;
    private double sumSq;
    private double mean;
    private double std;

    public WindowedGaussian(int window, int step) {
        if (window < 2 || step < 1 || step > window) {
            throw new IllegalArgumentException("need window >= 2 and 1 <= step <= window");
        }
        this.window = new double[window];
        this.step = step;
        this.stepBuffer = new double[step];
    }

    /** NAB's settings: a window of 6400 points moved by 100. */
    public WindowedGaussian() {
        this(6400, 100);
    }

    @Override
    public String name() {
        return "sigma3";
    }

    @Override
    public double score(long timestampMillis, double value) {
        double s = size > 0 ? (std > 0 ? Tail.score((value - mean) / std) : (value == mean ? 0.5 : 1.0)) : 0;
        if (size < window.length) {
            window[(start + size) % window.length] = value;
            size++;
            sum += value;
            sumSq += value * value;
            refresh();
        } else {
            // slide by `step` points at a time, as NAB does
            slide(value);
        }
        return s;
    }

    private void slide(double value) {
        stepBuffer[pending++] = value;
        if (pending == step) {
            for (int k = 0; k < step; k++) {
                double old = window[start];
                sum -= old;
                sumSq -= old * old;
                window[start] = stepBuffer[k];
                sum += stepBuffer[k];
                sumSq += stepBuffer[k] * stepBuffer[k];
                start = (start + 1) % window.length;
            }
            pending = 0;
            refresh();
        }
    }

    private void refresh() {
        mean = sum / size;
        double var = size > 1 ? Math.max(0, (sumSq - size * mean * mean) / size) : 0;
        std = Math.sqrt(var);
    }
}
