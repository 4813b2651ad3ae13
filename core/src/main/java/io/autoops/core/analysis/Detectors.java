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
        ALL.put("iforest", IsolationForest::new);
    }

    private Detectors() {
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
