package io.autoops.core.analysis;

import java.util.SplittableRandom;

/**
 * Isolation Forest (Liu, Ting and Zhou, 2008) over shingles, online: each point becomes the vector of
 * the last {@code shingle} values; a forest of {@code trees} isolation trees, each grown on
 * {@code sample} shingles drawn from the last {@code window} ones, is retrained every
 * {@code retrainEvery} points. A point's score is {@code 2^(-E[h(x)] / c(sample))}, where h is the
 * depth at which a tree isolates it: short paths mean anomalies. Seeded; scores 0 until the first
 * forest exists.
 */
public final class IsolationForest implements AnomalyDetector {

    private final int shingle;
    private final boolean differences;
    private final int trees;
    private final int sample;
    private final int window;
    private final int retrainEvery;
    private final SplittableRandom rng;
    private final double[] history;
    private final double[][] shingles;
    private final double[] current;
    private int seen;
    private int stored;
    private int nextSlot;
    private int sinceTrain;
    private Tree[] forest;

    public IsolationForest(int shingle, int trees, int sample, int window, int retrainEvery, long seed) {
        this(shingle, false, trees, sample, window, retrainEvery, seed);
    }

    /**
     * @param differences shingle features are the latest value and the last {@code shingle - 1} changes
     *                    (level and shape) instead of the raw values
     */
    public IsolationForest(int shingle, boolean differences, int trees, int sample, int window, int retrainEvery, long seed) {
        if (shingle < 1 || trees < 1 || sample < 2 || window < sample || retrainEvery < 1) {
            throw new IllegalArgumentException("invalid isolation forest parameters");
        }
        this.shingle = shingle;
        this.differences = differences;
        this.trees = trees;
        this.sample = sample;
        this.window = window;
        this.retrainEvery = retrainEvery;
        this.rng = new SplittableRandom(seed);
        this.history = new double[shingle];
        this.shingles = new double[window][shingle];
        this.current = new double[shingle];
    }

    /** Shingles of the value and its last 3 changes; 100 trees of 256 from the last 2000; retrained every 250 points. */
    public IsolationForest() {
        this(4, true, 100, 256, 2000, 250, 42);
    }

    @Override
    public String name() {
        return "iforest";
    }

    @Override
    public double score(long timestampMillis, double value) {
        System.arraycopy(history, 1, history, 0, shingle - 1);
        history[shingle - 1] = value;
        seen++;
        if (seen < shingle) {
            return 0;
        }
        if (differences) {
            current[0] = history[shingle - 1];
            for (int k = 1; k < shingle; k++) {
                current[k] = history[k] - history[k - 1];
            }
        } else {
            System.arraycopy(history, 0, current, 0, shingle);
        }
        double s = forest == null ? 0 : score(current);
        System.arraycopy(current, 0, shingles[nextSlot], 0, shingle);
        nextSlot = (nextSlot + 1) % window;
        stored = Math.min(stored + 1, window);
        if (++sinceTrain >= retrainEvery && stored >= sample) {
            sinceTrain = 0;
            train();
        }
        return s;
    }

    private double score(double[] x) {
        double depth = 0;
        for (Tree t : forest) {
            depth += t.pathLength(x);
        }
        return Math.pow(2, -(depth / forest.length) / c(sample));
    }

    private void train() {
        Tree[] f = new Tree[trees];
        int limit = (int) Math.ceil(Math.log(sample) / Math.log(2));
        int[] idx = new int[sample];
        for (int t = 0; t < trees; t++) {
            for (int i = 0; i < sample; i++) {
                idx[i] = rng.nextInt(stored);
            }
            f[t] = new Tree(sample * 2);
            f[t].grow(shingles, idx, 0, sample, 0, limit, rng, shingle);
        }
        forest = f;
    }

    /** Average path length of an unsuccessful search in a binary search tree of n points. */
    static double c(double n) {
        if (n <= 1) {
            return 0;
        }
        if (n == 2) {
            return 1;
        }
        return 2 * (Math.log(n - 1) + 0.5772156649) - 2 * (n - 1) / n;
    }

    /** One isolation tree in flat arrays. */
    private static final class Tree {
        int[] feature;
        double[] split;
        int[] left;
        int[] right;
        int[] size;
        int nodes;

        Tree(int capacity) {
            feature = new int[capacity];
            split = new double[capacity];
            left = new int[capacity];
            right = new int[capacity];
            size = new int[capacity];
        }

        int grow(double[][] data, int[] idx, int from, int to, int depth, int limit, SplittableRandom rng, int dims) {
            int node = nodes++;
            int n = to - from;
            if (depth >= limit || n <= 1) {
                feature[node] = -1;
                size[node] = n;
                return node;
            }
            int f = rng.nextInt(dims);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                double v = data[idx[i]][f];
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            if (!(hi > lo)) {
                feature[node] = -1;
                size[node] = n;
                return node;
            }
            double s = lo + rng.nextDouble() * (hi - lo);
            int mid = from;
            for (int i = from; i < to; i++) {
                if (data[idx[i]][f] < s) {
                    int tmp = idx[i];
                    idx[i] = idx[mid];
                    idx[mid] = tmp;
                    mid++;
                }
            }
            feature[node] = f;
            split[node] = s;
            left[node] = grow(data, idx, from, mid, depth + 1, limit, rng, dims);
            right[node] = grow(data, idx, mid, to, depth + 1, limit, rng, dims);
            return node;
        }

        double pathLength(double[] x) {
            int node = 0;
            int depth = 0;
            while (feature[node] >= 0) {
                node = x[feature[node]] < split[node] ? left[node] : right[node];
                depth++;
            }
            return depth + c(size[node]);
        }
    }
}
