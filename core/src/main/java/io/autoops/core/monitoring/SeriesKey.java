package io.autoops.core.monitoring;

import java.util.Map;
import java.util.Objects;

/** A series: a metric name and its labels. */
public record SeriesKey(String metric, Map<String, String> labels) {
    public SeriesKey {
        Objects.requireNonNull(metric, "metric");
        labels = Map.copyOf(labels);
    }

    /** Whether every label in {@code match} has the same value here. */
    public boolean matches(String name, Map<String, String> match) {
        if (!metric.equals(name)) {
            return false;
        }
        for (Map.Entry<String, String> e : match.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
