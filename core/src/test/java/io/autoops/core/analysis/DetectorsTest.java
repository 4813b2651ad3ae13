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
}
