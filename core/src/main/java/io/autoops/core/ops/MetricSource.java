package io.autoops.core.ops;

import io.autoops.core.mdp.ObservationSchema;

/**
 * Where metrics come from: the simulator, Prometheus, or anything else that can compute the
 * observation schema's features. A source never makes up a value: a feature it cannot compute is
 * NaN in the reading and named in {@link Reading#problems()}.
 */
public interface MetricSource extends AutoCloseable {

    ObservationSchema schema();

    /** Reads every feature now. May block on I/O for live sources (bounded by their timeouts). */
    Reading read();

    @Override
    default void close() {
    }
}
