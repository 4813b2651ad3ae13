package io.autoops.policies.drl;

import java.util.Arrays;
import java.util.Locale;

/**
 * Per-feature standardisation, estimated (Welford) during warm-up and then frozen, so that features
 * measured in req/s and in ratios reach the network on the same scale. Values are clipped to +-5.
 */
public final class ObservationNormalizer {

    private static final double CLIP = 5;

    private final double[] mean;
    private final double[] m2;
    private long count;
    private boolean frozen;
    private final float[] scale;
    private final float[] shift;
    private double minStd = 1e-8;

    public ObservationNormalizer(int dim) {
        mean = new double[dim];
        m2 = new double[dim];
        scale = new float[dim];
        shift = new float[dim];
        Arrays.fill(scale, 1);
    }

    public int dimension() {
        return mean.length;
    }

    /** Adds {@code rows} observations ({@code rows * dim} values) to the estimate, unless frozen. */
    public void update(double[] x, int rows) {
        if (frozen) {
            return;
        }
        int d = mean.length;
        for (int r = 0; r < rows; r++) {
            count++;
            for (int i = 0; i < d; i++) {
                double v = x[r * d + i];
                double delta = v - mean[i];
                mean[i] += delta / count;
                m2[i] += delta * (v - mean[i]);
            }
        }
        refresh();
    }

    /**
     * A floor under every feature's standard deviation (default: none). A feature the simulator keeps
     * almost constant (a service's p99 at light load) otherwise gets a scale so large that a real
     * system's small, harmless difference reaches the network as several standard deviations.
     */
    public ObservationNormalizer withMinStd(double min) {
        if (!(min >= 0) || Double.isInfinite(min)) {
            throw new IllegalArgumentException("minimum standard deviation must be >= 0, got " + min);
        }
        this.minStd = min;
        refresh();
        return this;
    }

    public void freeze() {
        frozen = true;
    }

    public boolean frozen() {
        return frozen;
    }

    private void refresh() {
        for (int i = 0; i < mean.length; i++) {
            double var = count > 1 ? m2[i] / (count - 1) : 0;
            double std = Math.sqrt(var);
            scale[i] = (float) (std > 1e-8 || minStd > 1e-8 ? 1 / Math.max(std, minStd) : 1);
            shift[i] = (float) mean[i];
        }
    }

    /** Normalises {@code rows} observations from {@code x} (doubles) into {@code out} (floats). */
    public void apply(double[] x, int rows, float[] out) {
        int d = mean.length;
        for (int k = 0; k < rows * d; k++) {
            int i = k % d;
            float v = (float) ((x[k] - shift[i]) * scale[i]);
            out[k] = v > CLIP ? (float) CLIP : (v < -CLIP ? (float) -CLIP : v);
        }
    }

    /** Normalises one observation at {@code x[xOff, xOff + dim)} into {@code out[outOff, outOff + dim)}. */
    public void applyRow(double[] x, int xOff, float[] out, int outOff) {
        for (int i = 0; i < mean.length; i++) {
            float v = (float) ((x[xOff + i] - shift[i]) * scale[i]);
            out[outOff + i] = v > CLIP ? (float) CLIP : (v < -CLIP ? (float) -CLIP : v);
        }
    }

    /** Takes over another normaliser's estimate (same dimension). */
    public void copyFrom(ObservationNormalizer o) {
        if (o.mean.length != mean.length) {
            throw new IllegalArgumentException("normaliser dimension " + o.mean.length + " != " + mean.length);
        }
        System.arraycopy(o.mean, 0, mean, 0, mean.length);
        System.arraycopy(o.m2, 0, m2, 0, m2.length);
        System.arraycopy(o.shift, 0, shift, 0, shift.length);
        System.arraycopy(o.scale, 0, scale, 0, scale.length);
        count = o.count;
        frozen = o.frozen;
    }

    public void unfreeze() {
        frozen = false;
    }

    /** JSON with the frozen shift and scale. */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{\"shift\":[");
        for (int i = 0; i < shift.length; i++) {
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.9g", shift[i]));
        }
        sb.append("],\"scale\":[");
        for (int i = 0; i < scale.length; i++) {
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.9g", scale[i]));
        }
        return sb.append("],\"count\":").append(count).append(",\"frozen\":").append(frozen).append('}').toString();
    }

    public static ObservationNormalizer fromJson(String json) {
        try {
            com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            int d = n.get("shift").size();
            if (n.get("scale").size() != d) {
                throw new IllegalArgumentException("normaliser: shift and scale differ in length");
            }
            ObservationNormalizer o = new ObservationNormalizer(d);
            for (int i = 0; i < d; i++) {
                o.shift[i] = (float) n.get("shift").get(i).asDouble();
                o.scale[i] = (float) n.get("scale").get(i).asDouble();
                o.mean[i] = o.shift[i];
            }
            o.count = n.get("count").asLong();
            o.frozen = true;
            return o;
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalArgumentException("invalid normaliser JSON: " + e.getMessage(), e);
        }
    }
}
