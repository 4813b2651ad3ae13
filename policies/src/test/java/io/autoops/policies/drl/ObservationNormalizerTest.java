package io.autoops.policies.drl;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ObservationNormalizerTest {

    /** Feature 0 almost constant (0.133 +- 0.001), feature 1 spread (0 .. 9). */
    private static ObservationNormalizer fitted(double minStd) {
        ObservationNormalizer n = new ObservationNormalizer(2).withMinStd(minStd);
        for (int i = 0; i < 10; i++) {
            n.update(new double[] {0.133 + (i % 2 == 0 ? 0.001 : -0.001), i}, 1);
        }
        n.freeze();
        return n;
    }

    @Test
    void aFloorUnderTheStandardDeviation_keepsASmallRealDifferenceSmall_andLeavesSpreadFeaturesAlone() {
        float[] without = new float[2];
        float[] with = new float[2];
        double[] live = {0.166, 4.5}; // a live p99 ratio 0.033 above the simulated one
        fitted(0).applyRow(live, 0, without, 0);
        fitted(0.05).applyRow(live, 0, with, 0);
        assertThat(without[0]).as("without a floor: clipped at 5 standard deviations").isEqualTo(5f);
        assertThat(with[0]).isCloseTo(0.033f / 0.05f, within(1e-3f));
        assertThat(with[1]).isCloseTo(without[1], within(1e-6f));
        // the floor lives in the scale, so a bundle's normaliser (shift and scale) carries it
        float[] restored = new float[2];
        ObservationNormalizer.fromJson(fitted(0.05).toJson()).applyRow(live, 0, restored, 0);
        assertThat(restored[0]).isCloseTo(with[0], within(1e-4f));
        assertThatThrownBy(() -> new ObservationNormalizer(1).withMinStd(-1)).hasMessageContaining(">= 0");
    }
}
