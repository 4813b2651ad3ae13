package io.autoops.core.analysis;

/**
 * After a score of at least {@code trigger}, the next {@code points} scores are halved: one anomaly is
 * reported once, not as a burst of alarms (NAB, like an operator, counts only the first detection of
 * an anomaly and every later one as a false positive).
 */
public final class Refractory implements AnomalyDetector {

    private final AnomalyDetector inner;
    private final String name;
    private final double trigger;
    private final int points;
    private int quiet;

    public Refractory(AnomalyDetector inner, String name, double trigger, int points) {
        this.inner = inner;
        this.name = name;
        this.trigger = trigger;
        this.points = points;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double score(long timestampMillis, double value) {
        double s = inner.score(timestampMillis, value);
        if (quiet > 0) {
            quiet--;
            return s / 2;
        }
        if (s >= trigger) {
            quiet = points;
        }
        return s;
    }
}
