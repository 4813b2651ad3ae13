package io.autoops.core.monitoring;

import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * A metric to collect.
 *
 * @param name           metric name
 * @param labels         its labels
 * @param collect        how to read the value now
 * @param intervalMillis base collection interval
 * @param threshold      for adaptive sampling: the value alerts care about, or NaN for fixed-rate sampling.
 *                       Trending towards it tightens the interval (down to a quarter); calm far from it
 *                       relaxes it (up to four times).
 */
public record MetricSpec(String name, Map<String, String> labels, DoubleSupplier collect, long intervalMillis,
                         double threshold) {
    public MetricSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(collect, "collect");
        labels = Map.copyOf(labels);
        if (intervalMillis < 1) {
            throw new IllegalArgumentException("interval must be at least 1 ms, got " + intervalMillis);
        }
    }

    public static MetricSpec fixed(String name, Map<String, String> labels, DoubleSupplier collect, long intervalMillis) {
        return new MetricSpec(name, labels, collect, intervalMillis, Double.NaN);
    }
}
