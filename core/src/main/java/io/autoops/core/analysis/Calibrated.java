package io.autoops.core.analysis;

/**
 * Makes a detector's scores comparable across series: each raw score becomes its rank among the
 * last {@code window} raw scores of the same series (the share of them it exceeds), so one threshold
 * means "rarer than that" on every series whatever its raw score level. Online, no look-ahead.
 */
public final class Calibrated implements AnomalyDetector {

    private final AnomalyDetector inner;
    private final String name;
    private final double[] ring;
    private final double[] sorted;
    private int size;
    private int next;

    public Calibrated(AnomalyDetector inner, String name, int window) {
        this.inner = inner;
        this.name = name;
        this.ring = new double[window];
        this.sorted = new double[window];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double score(long timestampMillis, double value) {
        double raw = inner.score(timestampMillis, value);
        double rank = size == 0 ? 0 : lowerBound(sorted, size, raw) / (double) size;
        // Keep the window sorted: the oldest score leaves when it is full, the new one goes in its place.
        if (size == ring.length) {
            double old = ring[next];
            int i = lowerBound(sorted, size, old);
            System.arraycopy(sorted, i + 1, sorted, i, size - i - 1);
            size--;
        }
        ring[next] = raw;
        next = (next + 1) % ring.length;
        int at = lowerBound(sorted, size, raw);
        System.arraycopy(sorted, at, sorted, at + 1, size - at);
        sorted[at] = raw;
        size++;
        return raw <= 0 ? 0 : rank;
    }

    private static int lowerBound(double[] a, int n, double v) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public String toString() {
        return name + "(" + inner.name() + " ranked among its last " + ring.length + " scores)";
    }
}
