package io.autoops.core.analysis;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DetectorsTest {

    /** Gaussian noise around 10 for 3000 points with a spike of +8 sigma at point 2500. */
    private static double[] series() {
        SplittableRandom rng = new SplittableRandom(7);
        double[] x = new double[3000];
        for (int i = 0; i < x.length; i++) {
            x[i] = 10 + rng.nextGaussian();
        }
        x[2500] += 8;
        return x;
    }

    @Test
    void everyDetector_scoresInUnitInterval_andRanksTheSpikeInTheTopPercent() {
        for (String name : Detectors.names()) {
            AnomalyDetector d = Detectors.create(name);
            double[] x = series();
            double spike = 0;
            java.util.List<Double> noise = new java.util.ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                double s = d.score(i * 60_000L, x[i]);
                assertThat(s).as(name).isBetween(0.0, 1.0);
                if (i == 2500) {
                    spike = s;
                } else if (i > 2000 && (i < 2500 || i > 2510)) { // shingled detectors still see it just after
                    noise.add(s);
                }
            }
            double spikeScore = spike;
            long above = noise.stream().filter(v -> v >= spikeScore).count();
            assertThat(above).as(name + ": noise points scoring at least the spike").isLessThanOrEqualTo(noise.size() / 100);
        }
    }

    @Test
    void detectors_areDeterministic() {
        for (String name : Detectors.names()) {
            double[] a = run(name);
            double[] b = run(name);
            assertThat(b).as(name).containsExactly(a);
        }
    }

    private static double[] run(String name) {
        AnomalyDetector d = Detectors.create(name);
        double[] x = series();
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = d.score(i, x[i]);
        }
        return out;
    }

    @Test
    void sigma3_threeSigmaIsTheClassicThreshold() {
        // 1 - Q(3) = 0.99865
        assertThat(Tail.score(3)).isCloseTo(0.998650, within(1e-6));
        assertThat(Tail.score(0)).isCloseTo(0.5, within(1e-7));
        assertThat(Tail.erfc(1)).isCloseTo(0.157299207, within(1e-7));
    }

    @Test
    void unknownDetector_isAClearError() {
        assertThatThrownBy(() -> Detectors.create("magic")).hasMessageContaining("known detectors: sigma3, robust-z, ewma, iforest");
    }

    /** A repeating staircase 0, 1, ..., 7 over the detector's eight bins, with one wrong step at point {@code breakAt}. */
    private static double[] staircase(int n, int breakAt) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 8;
        }
        x[breakAt] = 7 - x[breakAt];
        return x;
    }

    @Test
    void cad_learnsTheRepeatingPattern_andFlagsTheBreakInIt_once() {
        double[] x = staircase(3000, 2500);
        AnomalyDetector d = Detectors.create("cad", new Detectors.SeriesHint(0, 7, x.length));
        double[] s = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = d.score(i, x[i]);
        }
        for (int i = 1000; i < 2500; i++) {
            assertThat(s[i]).as("point %d of a learnt pattern", i).isZero();
        }
        assertThat(s[2500]).as("the wrong step").isGreaterThanOrEqualTo(0.5);
        for (int i = 2501; i <= 2500 + 90; i++) {
            assertThat(s[i]).as("resting after the alarm, point %d (3 %% of 3000 points)", i).isZero();
        }
    }

    @Test
    void cad_withoutAHint_learnsTheRangeFromItsFirstPoints_andStaysQuietMeanwhile() {
        double[] x = staircase(3000, 2500);
        AnomalyDetector learnt = Detectors.create("cad");
        double[] s = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = learnt.score(i, x[i]);
        }
        for (int i = 0; i < 300; i++) {
            assertThat(s[i]).isZero();
        }
        assertThat(java.util.Arrays.stream(s, 1000, 2500).max().orElseThrow()).isZero();
        assertThat(s[2500]).isGreaterThanOrEqualTo(0.5);
        assertThatThrownBy(() -> new Detectors.SeriesHint(3, 1, 10)).hasMessageContaining("min <= max");
    }

    @Test
    void cad_widensTheLearnedRangeForValuesBeyondIt_soThatTheyAreToldApart() {
        // 0, 7, 0, 7, ... then 20, 40, 20, 40, ...: clamped to the first points' range [0, 7], 20 and 40
        // would look the same, and the wrong 20 at point 2601 would go unseen.
        double[] x = new double[3000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i < 1500 ? 7 * (i % 2) : 20 + 20 * (i % 2);
        }
        x[2601] = 20;
        AnomalyDetector d = Detectors.create("cad");
        double[] s = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = d.score(i, x[i]);
        }
        assertThat(java.util.Arrays.stream(s, 2000, 2601).max().orElseThrow()).as("the new pattern, learnt").isZero();
        assertThat(s[2601]).as("a 20 where 40 was due").isGreaterThanOrEqualTo(0.5);
        assertThatThrownBy(() -> new ContextualDetector(new ContextualDetector.Settings(3, 15, 7, 120, 0, 0.5, 1000)))
                .hasMessageContaining("warmup >= 1");
    }
}
