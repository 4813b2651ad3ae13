package io.autoops.core.mdp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoisyObservationsTest {

    /** Two copies of an environment whose features are a ratio, a count and the time of day. */
    private static VectorEnvironment fixed() {
        ObservationSchema schema = new ObservationSchema(List.of(Feature.of("a.cpu", "ratio", 0, 1),
                Feature.of("a.ready_replicas", "count", 0, 16), Feature.of("time_of_day", "ratio", 0, 1),
                Feature.of("a.error_rate", "ratio", 0, 1)));
        return new SyncVectorEnvironment(2, () -> new Environment<Void>() {
            int t;

            @Override
            public BoxSpace observationSpace() {
                return new BoxSpace(schema);
            }

            @Override
            public DiscreteSpace actionSpace() {
                return new DiscreteSpace(List.of("noop"));
            }

            @Override
            public Reset<Void> reset(long seed) {
                t = 0;
                return new Reset<>(new double[] {0.5, 2, 0.25, 0}, null);
            }

            @Override
            public Step<Void> step(int action) {
                t++;
                return new Step<>(new double[] {0.5, 2, 0.25, 0}, 1, false, t == 3, null);
            }

            @Override
            public boolean[] actionMask() {
                return new boolean[] {true};
            }
        });
    }

    @Test
    void noiseTouchesOnlyContinuousNonZeroFeatures_keepsOneFactorPerEpisode_andIsSeeded() {
        NoisyObservations a = new NoisyObservations(fixed(), 0.3, 7);
        NoisyObservations b = new NoisyObservations(fixed(), 0.3, 7);
        assertThat(a.noisyFeatures()).isEqualTo(2); // a.cpu and a.error_rate
        a.reset(1);
        b.reset(1);
        double[] first = a.observations().clone();
        assertThat(first).containsExactly(b.observations());
        assertThat(first[0]).isNotEqualTo(0.5).isBetween(0.0, 1.0);
        assertThat(first[1]).isEqualTo(2);          // a count
        assertThat(first[2]).isEqualTo(0.25);       // time of day
        assertThat(first[3]).isZero();              // zero stays zero
        assertThat(first[4]).as("the second copy draws its own factor").isNotEqualTo(first[0]);
        double[] cpu = new double[3];
        for (int t = 0; t < 3; t++) {
            a.step(new int[] {0, 0});
            cpu[t] = t < 2 ? a.observations()[0] : a.finalObservations()[0];
        }
        // within an episode: the same factor times a smaller jitter, so the values stay near one another
        double spread = Math.log(Math.max(cpu[0], Math.max(cpu[1], cpu[2])) / Math.min(cpu[0], Math.min(cpu[1], cpu[2])));
        assertThat(spread).isLessThan(4 * 0.15 * 2);
        assertThat(a.rewards()).containsExactly(1, 1);
        assertThatThrownBy(() -> new NoisyObservations(fixed(), 0, 1)).hasMessageContaining("sigma must be in (0, 2]");
    }
}
