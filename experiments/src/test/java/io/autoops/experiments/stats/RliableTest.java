package io.autoops.experiments.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RliableTest {

    @Test
    void iqm_trimsAQuarterFromEachEnd() {
        // 8 values: drop 2 lowest and 2 highest, mean of 3, 4, 5, 6.
        assertThat(Rliable.iqm(new double[] {8, 1, 7, 2, 6, 3, 5, 4})).isEqualTo(4.5);
        // 10 values: floor(2.5) = 2 from each end: mean of 3..8 = 5.5 (as scipy.stats.trim_mean).
        assertThat(Rliable.iqm(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 100})).isEqualTo(5.5);
        // across tasks: the matrix is flattened
        assertThat(Rliable.iqm(new double[][] {{1, 2, 3, 4}, {5, 6, 7, 8}})).isEqualTo(4.5);
    }

    @Test
    void probabilityOfImprovement_matchesHandComputedValue() {
        double[][] x = {{1, 2}, {3}};
        double[][] y = {{2, 0}, {3}};
        // task 1: 1>2 no, 1>0 yes, 2=2 half, 2>0 yes -> 2.5/4; task 2: tie -> 0.5; mean 0.5625.
        assertThat(Rliable.probabilityOfImprovement(x, y)).isEqualTo(0.5625);
        assertThat(Rliable.probabilityOfImprovement(y, x)).isEqualTo(1 - 0.5625);
    }

    @Test
    void performanceProfile_isFractionOfRunsAboveTau() {
        double[][] s = {{0.1, 0.5}, {0.9, 1.2}};
        assertThat(Rliable.performanceProfile(s, new double[] {0, 0.5, 1.0, 2})).containsExactly(1.0, 0.5, 0.25, 0.0);
    }

    @Test
    void stratifiedBootstrap_isSeededAndBracketsTheEstimate() {
        double[][] s = {{0.1, 0.4, 0.35, 0.8, 0.2}, {1.0, 0.9, 0.7, 0.95, 0.6}};
        Rliable.Interval a = Rliable.stratifiedBootstrap(s, Rliable::iqm, 2000, 1);
        Rliable.Interval b = Rliable.stratifiedBootstrap(s, Rliable::iqm, 2000, 1);
        assertThat(a).isEqualTo(b);
        assertThat(a.low()).isLessThanOrEqualTo(a.value());
        assertThat(a.high()).isGreaterThanOrEqualTo(a.value());
        assertThat(a.high() - a.low()).isGreaterThan(0.05);
        Rliable.Interval constant = Rliable.stratifiedBootstrap(new double[][] {{2, 2, 2}, {2, 2}}, Rliable::iqm, 500, 3);
        assertThat(constant.low()).isEqualTo(2.0);
        assertThat(constant.high()).isEqualTo(2.0);
    }

    @Test
    void percentile_interpolatesLikeNumpy() {
        double[] sorted = {1, 2, 3, 4};
        assertThat(Rliable.percentile(sorted, 50)).isEqualTo(2.5);
        assertThat(Rliable.percentile(sorted, 2.5)).isCloseTo(1.075, within(1e-12));
        assertThat(Rliable.median(new double[] {3, 1, 2})).isEqualTo(2.0);
    }
}
