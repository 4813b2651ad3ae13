package io.autoops.core.mdp;

import java.util.Objects;

/**
 * One named feature of an observation: what a policy sees at one index of the observation vector.
 *
 * @param name        stable identifier, e.g. {@code "payment.p99_latency_ratio"}; no whitespace
 * @param unit        unit of the value, e.g. {@code "ratio"}, {@code "req/s"}, {@code "1"} for plain numbers
 * @param low         smallest value the feature can take (inclusive, finite)
 * @param high        largest value the feature can take (inclusive, finite, {@code >= low})
 * @param description how the value is computed; for live features, the PromQL behind it
 */
public record Feature(String name, String unit, double low, double high, String description) {

    public Feature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(description, "description");
        if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("feature name must be non-empty without whitespace: '" + name + "'");
        }
        if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
            throw new IllegalArgumentException("feature " + name + ": bounds must be finite with low <= high, got ["
                    + low + ", " + high + "]");
        }
    }

    /** A feature without a long description. */
    public static Feature of(String name, String unit, double low, double high) {
        return new Feature(name, unit, low, high, "");
    }

    /** Whether {@code value} is a finite number inside the bounds. */
    public boolean contains(double value) {
        return value >= low && value <= high;
    }
}
