package io.autoops.core.ops;

import java.util.List;
import java.util.Objects;

/**
 * One reading of every feature of a {@link MetricSource}'s schema.
 *
 * @param atMillis  when the values were true (clock of the source)
 * @param values    one value per schema feature; NaN where the feature could not be computed
 * @param problems  one line per feature that could not be computed or is stale, naming it; empty when all is well
 */
public record Reading(long atMillis, double[] values, List<String> problems) {
    public Reading {
        Objects.requireNonNull(values, "values");
        problems = List.copyOf(problems);
    }

    /** Whether every feature has a fresh, finite value: only then may a policy act on it. */
    public boolean complete() {
        if (!problems.isEmpty()) {
            return false;
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
