package io.autoops.core.monitoring;

/** A ring buffer of one series' last {@code capacity} samples, in primitive arrays. Not thread-safe. */
final class SeriesBuffer {

    private final long[] times;
    private final double[] values;
    private int size;
    private int next;

    SeriesBuffer(int capacity) {
        times = new long[capacity];
        values = new double[capacity];
    }

    void add(long t, double v) {
        times[next] = t;
        values[next] = v;
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
    }

    int size() {
        return size;
    }

    /** The i-th most recent sample (0 = latest). */
    long time(int i) {
        return times[index(i)];
    }

    double value(int i) {
        return values[index(i)];
    }

    private int index(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return Math.floorMod(next - 1 - i, times.length);
    }
}
