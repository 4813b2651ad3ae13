package io.autoops.core.alerting;

import java.util.Map;
import java.util.Objects;

/**
 * A threshold rule, as in the seed: fires for a series of {@code metric} whose labels include
 * {@code match} when the value is above (or below) {@code threshold} for {@code forMillis} (so a
 * single spike does not page), and resolves once it is back past the threshold by the hysteresis.
 *
 * @param name        rule name, e.g. {@code cpu_high}
 * @param metric      metric name
 * @param match       labels a series must have
 * @param above       true: fire above the threshold; false: below
 * @param threshold   the threshold
 * @param hysteresis  how far back past the threshold the value must go to resolve (in the metric's unit)
 * @param forMillis   how long the condition must hold before the alert fires
 * @param severity    severity when it fires
 * @param description one line for the operator
 */
public record AlertRule(String name, String metric, Map<String, String> match, boolean above, double threshold,
                        double hysteresis, long forMillis, Severity severity, String description) {
    public AlertRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(severity, "severity");
        match = Map.copyOf(match);
        if (hysteresis < 0 || forMillis < 0) {
            throw new IllegalArgumentException("hysteresis and for must not be negative");
        }
    }

    boolean firing(double v) {
        return above ? v > threshold : v < threshold;
    }

    boolean cleared(double v) {
        return above ? v <= threshold - hysteresis : v >= threshold + hysteresis;
    }
}
