package io.autoops.core.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The anomaly detectors by name; each call makes a fresh detector for one series. */
public final class Detectors {

    /**
     * What is known of a series before its first point: NAB's harness tells every detector its file's
     * minimum, maximum and length; an operator knows the range of a percentage. Detectors that can use
     * it do ({@code cad}); the others ignore it.
     */
    public record SeriesHint(double min, double max, int length) {
        public SeriesHint {
            if (!(Double.isFinite(min) && Double.isFinite(max) && min <= max) || length < 0) {
                throw new IllegalArgumentException("series hint: need finite min <= max and length >= 0, got "
                        + min + ", " + max + ", " + length);
            }
        }
    }

    private static final Map<String, Function<SeriesHint, AnomalyDetector>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("sigma3", h -> new WindowedGaussian());
        ALL.put("robust-z", h -> new RobustZ());
        ALL.put("ewma", h -> new Ewma());
        // The Isolation Forest's raw scores sit at different levels on different series; ranked among the
        // series' last 5,000 scores and quietened for 100 points after a 99.7th-percentile score, one
        // threshold fits every series and one anomaly is reported once (NAB standard 20.4 -> 50.3).
        ALL.put("iforest", h -> new Refractory(new Calibrated(new IsolationForest(), "iforest", 5_000), "iforest", 0.997, 100));
        ALL.put("iforest-raw", h -> named("iforest-raw", new IsolationForest()));
        // Given the range, CAD OSE as NAB ran it (resting for 3 % of the series after an alarm); without,
        // the range is learned online (see ContextualDetector) and the rest is 120 points.
        ALL.put("cad", h -> h == null ? new ContextualDetector()
                : ContextualDetector.withRange(h.min(), h.max(),
                        ContextualDetector.Settings.defaults().withRestPeriod(Math.max(1, (int) (0.03 * h.length())))));
    }

    private Detectors() {
    }

    private static AnomalyDetector named(String name, AnomalyDetector d) {
        return new AnomalyDetector() {
            @Override
            public double score(long timestampMillis, double value) {
                return d.score(timestampMillis, value);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /** A fresh online detector that knows nothing of the series in advance. */
    public static AnomalyDetector create(String name) {
        return create(name, null);
    }

    /** A fresh detector told what is known of the series in advance ({@code null}: nothing). */
    public static AnomalyDetector create(String name, SeriesHint hint) {
        Function<SeriesHint, AnomalyDetector> s = ALL.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown detector '" + name + "'; known detectors: " + String.join(", ", names()));
        }
        return s.apply(hint);
    }
}
