package io.autoops.core.analysis;

/**
 * An online anomaly detector for one metric series: it sees each point once, in order, with no
 * look-ahead, and answers an anomaly score in [0, 1] (higher is more anomalous). Stateful: one
 * instance per series; not thread-safe.
 */
public interface AnomalyDetector {

    /** Scores the next point of the series (and then learns from it). */
    double score(long timestampMillis, double value);

    /** The detector's registry name, e.g. {@code sigma3}. */
    String name();
}
