package io.autoops.core.monitoring;

import java.util.Map;
import java.util.Objects;

/**
 * One observed value of one series.
 *
 * @param metric   metric name, e.g. {@code cpu_usage}
 * @param labels   series labels, e.g. {@code {service=payment}}
 * @param atMillis when it was observed (the agent's clock)
 * @param value    the value (NaN when the source could not compute it)
 */
public record Sample(String metric, Map<String, String> labels, long atMillis, double value) {
    public Sample {
        Objects.requireNonNull(metric, "metric");
        labels = Map.copyOf(labels);
    }

    public SeriesKey key() {
        return new SeriesKey(metric, labels);
    }
}
