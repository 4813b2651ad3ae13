package io.autoops.policies.drl;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MlpTest {

    @Test
    void fit_learnsALinearMap_andRestoreGivesTheSameOutputs() {
        Mlp q = Mlp.create(2, 1, new int[] {16}, 0.01, 10, 1);
        float[] x = new float[64 * 2];
        float[] y = new float[64];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int i = 0; i < 64; i++) {
            x[2 * i] = (float) rng.nextDouble(-1, 1);
            x[2 * i + 1] = (float) rng.nextDouble(-1, 1);
            y[i] = 2 * x[2 * i] - x[2 * i + 1];
        }
        for (int k = 0; k < 800; k++) {
            q.fit(x, y, 64);
        }
        float[] p = q.predict(x, 64);
        double err = 0;
        for (int i = 0; i < 64; i++) {
            err += Math.abs(p[i] - y[i]);
        }
        assertThat(err / 64).isLessThan(0.05);
        Mlp back = Mlp.restore(q.configJson(), q.parameters());
        assertThat(back.predict(x, 64)).containsExactly(p);
        assertThat(Mlp.bytesToFloats(Mlp.floatsToBytes(q.parameters()))).containsExactly(q.parameters());
    }

    @Test
    void predictSmall_plainJavaMirror_matchesDl4j() {
        Mlp q = Mlp.create(7, 5, new int[] {16, 12}, 0.01, 10, 4);
        float[] x = new float[3 * 7];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.7);
        }
        float[] y = new float[3 * 5];
        q.fit(x, y, 3); // change the weights: the mirror must follow
        float[] dl4j = q.predict(x, 3);
        float[] mirror = java.util.Arrays.copyOf(q.predictSmall(x, 3), 15);
        for (int i = 0; i < 15; i++) {
            assertThat(mirror[i]).isCloseTo(dl4j[i], org.assertj.core.api.Assertions.within(1e-4f));
        }
    }
}
