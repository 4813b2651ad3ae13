package io.autoops.core.analysis;

import io.autoops.core.monitoring.Sample;
import io.autoops.core.monitoring.SeriesKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnomalyWatchTest {

    private final List<String> events = new ArrayList<>();
    private final AnomalyWatch.Listener listener = new AnomalyWatch.Listener() {
        @Override
        public void anomaly(String detector, SeriesKey key, double score) {
            events.add("anomaly " + detector + " " + key.labels().get("service"));
        }

        @Override
        public void cleared(String detector, SeriesKey key) {
            events.add("cleared " + key.labels().get("service"));
        }
    };

    private static Sample sample(String metric, String service, long at, double value) {
        return new Sample(metric, Map.of("service", service), at, value);
    }

    @Test
    void aPersistentAnomalyOnAWatchedSymptomaticSeries_isReportedAfterPersistSamples_andClearedOnce() {
        AnomalyWatch watch = new AnomalyWatch("sigma3", Set.of("error_rate"), 0.99, 3, s -> true, listener);
        for (int t = 0; t < 50; t++) {
            watch.accept(sample("error_rate", "payment", t, 0.0));
            watch.accept(sample("cpu", "payment", t, t % 2 == 0 ? 0 : 100)); // not watched
        }
        assertThat(events).isEmpty();
        for (int t = 50; t < 53; t++) {
            watch.accept(sample("error_rate", "payment", t, 0.5));
        }
        assertThat(events).containsExactly("anomaly sigma3 payment");
        watch.accept(sample("error_rate", "payment", 53, Double.NaN));
        assertThat(events).as("a missing value is no evidence either way").hasSize(1);
        watch.accept(sample("error_rate", "payment", 54, 0.0));
        watch.accept(sample("error_rate", "payment", 55, 0.0));
        assertThat(events).containsExactly("anomaly sigma3 payment", "cleared payment");
        assertThat(watch.series()).isEqualTo(1);
    }

    @Test
    void theGate_keepsAnAnomalousButHarmlessSeriesQuiet() {
        AnomalyWatch watch = new AnomalyWatch("sigma3", Set.of("error_rate"), 0.99, 1, s -> !s.labels().get("service").equals("user"),
                listener);
        for (int t = 0; t < 20; t++) {
            watch.accept(sample("error_rate", "user", t, 0.0));
        }
        watch.accept(sample("error_rate", "user", 20, 0.9));
        assertThat(events).isEmpty();
        assertThatThrownBy(() -> new AnomalyWatch("magic", Set.of(), 0.99, 1, s -> true, listener))
                .hasMessageContaining("unknown detector 'magic'");
        assertThatThrownBy(() -> new AnomalyWatch("sigma3", Set.of(), 1.5, 1, s -> true, listener))
                .hasMessageContaining("threshold in (0, 1]");
    }
}
