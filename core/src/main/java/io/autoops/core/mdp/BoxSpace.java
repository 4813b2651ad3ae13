package io.autoops.core.mdp;

import java.util.Objects;

/**
 * A box observation space: one bounded real value per feature of a schema. Immutable, thread-safe.
 */
public final class BoxSpace {

    private final ObservationSchema schema;
    private final double[] low;
    private final double[] high;

    public BoxSpace(ObservationSchema schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
        int n = schema.size();
        this.low = new double[n];
        this.high = new double[n];
        for (int i = 0; i < n; i++) {
            low[i] = schema.feature(i).low();
            high[i] = schema.feature(i).high();
        }
    }

    public ObservationSchema schema() {
        return schema;
    }

    /** Number of features. */
    public int dimension() {
        return low.length;
    }

    public double low(int i) {
        return low[i];
    }

    public double high(int i) {
        return high[i];
    }

    /** Whether the observation has the right length and every value is finite and inside its bounds. */
    public boolean contains(double[] observation) {
        return firstViolation(observation) == null;
    }

    /**
     * Describes the first way {@code observation} leaves the space (wrong length, NaN, out of
     * bounds), or returns {@code null} when it is inside.
     */
    public String firstViolation(double[] observation) {
        if (observation == null) {
            return "observation is null";
        }
        if (observation.length != low.length) {
            return "observation has " + observation.length + " values, the space has " + low.length + " features";
        }
        for (int i = 0; i < observation.length; i++) {
            double v = observation[i];
            if (Double.isNaN(v)) {
                return "feature '" + schema.feature(i).name() + "' is NaN";
            }
            if (!(v >= low[i] && v <= high[i])) {
                return "feature '" + schema.feature(i).name() + "' = " + v + " is outside [" + low[i] + ", "
                        + high[i] + "]";
            }
        }
        return null;
    }
}
