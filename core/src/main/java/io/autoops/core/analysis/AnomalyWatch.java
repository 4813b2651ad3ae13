package io.autoops.core.analysis;

import io.autoops.core.mdp.ObservationSchema;
import io.autoops.core.monitoring.Sample;
import io.autoops.core.monitoring.SeriesKey;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The analysis agent's watch over monitoring samples: one online detector per series of the watched
 * metrics. A score of at least {@code threshold} on a symptomatic series for {@code persist} samples in
 * a row reports an anomaly (again on every further one, for the alerting agent to de-duplicate); the
 * first normal score clears it. The gate keeps detectors from paging on series that look anomalous but
 * harmless (e.g. a latency dip). A missing value (NaN) is skipped. Not thread-safe: feed it from one thread (a bus subscription).
 */
public final class AnomalyWatch implements Consumer<Sample> {

    /** Where anomalies go: the alerting agent's {@code onAnomaly} and {@code anomalyCleared}. */
    public interface Listener {
        void anomaly(String detector, SeriesKey key, double score);

        void cleared(String detector, SeriesKey key);
    }

    private final String detector;
    private final Set<String> metrics;
    private final double threshold;
    private final int persist;
    private final Predicate<Sample> symptomatic;
    private final Listener listener;
    private final Map<SeriesKey, AnomalyDetector> detectors = new HashMap<>();
    private final Map<SeriesKey, Integer> streak = new HashMap<>();

    public AnomalyWatch(String detector, Set<String> metrics, double threshold, int persist, Predicate<Sample> symptomatic,
                        Listener listener) {
        Detectors.create(detector); // fails early on an unknown name
        if (persist < 1 || !(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("anomaly watch: persist >= 1 and threshold in (0, 1] (got " + persist + ", "
                    + threshold + ")");
        }
        this.detector = detector;
        this.metrics = Set.copyOf(metrics);
        this.threshold = threshold;
        this.persist = persist;
        this.symptomatic = symptomatic;
        this.listener = listener;
    }

    /**
     * The agents' watch over services: {@code sigma3} on each service's error rate and p99 latency; an
     * anomaly after 3 samples in a row scoring 0.99 or more, on a service with serious symptoms of its
     * own ({@link Symptoms#services} at least 0.5) in the latest observation, so traffic noise pages no one.
     */
    public static AnomalyWatch services(ObservationSchema schema, Supplier<double[]> latest, Listener listener) {
        return new AnomalyWatch("sigma3", Set.of("error_rate", "p99_latency_ratio"), 0.99, 3, s -> {
            double[] values = latest.get();
            String service = s.labels().get("service");
            return values != null && service != null && Symptoms.services(schema, values).getOrDefault(service, 0.0) >= 0.5;
        }, listener);
    }

    @Override
    public void accept(Sample s) {
        if (!metrics.contains(s.metric()) || !Double.isFinite(s.value())) {
            return;
        }
        double score = detectors.computeIfAbsent(s.key(), k -> Detectors.create(detector)).score(s.atMillis(), s.value());
        int run = score >= threshold && symptomatic.test(s) ? streak.merge(s.key(), 1, Integer::sum) : 0;
        if (run == 0) {
            if (streak.remove(s.key()) != null) {
                listener.cleared(detector, s.key());
            }
        } else if (run >= persist) {
            listener.anomaly(detector, s.key(), score);
        }
    }

    /** How many series are watched. */
    public int series() {
        return detectors.size();
    }
}
