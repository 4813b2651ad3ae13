package io.autoops.core.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The anomaly detectors by name; each call makes a fresh detector for one series. */
public final class Detectors {

    private static final Map<String, Supplier<AnomalyDetector>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("sigma3", WindowedGaussian::new);
        ALL.put("robust-z", RobustZ::new);
        ALL.put("ewma", Ewma::new);
        // The Isolation Forest's raw scores sit at different levels on different series; ranked among the
        // series' last 5,000 scores and quietened for 100 points after a 99.7th-percentile score, one
        // threshold fits every series and one anomaly is reported once (NAB standard 20.4 -> 50.3).
        ALL.put("iforest", () -> new Refractory(new Calibrated(new IsolationForest(), "iforest", 5_000), "iforest", 0.997, 100));
        ALL.put("iforest-raw", () -> named("iforest-raw", new IsolationForest()));
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

    public static AnomalyDetector create(String name) {
        Supplier<AnomalyDetector> s = ALL.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown detector '" + name + "'; known detectors: " + String.join(", ", names()));
        }
        return s.get();
    }
}
