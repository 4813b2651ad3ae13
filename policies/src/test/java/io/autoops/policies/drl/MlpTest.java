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

    @Test
    void descend_computesWhatDl4jFitComputes_stepAfterStep() {
        // two copies of the same network: one learns with DL4J's fit on MSE targets, the other on the fused path with
        // the MSE gradient 2 (output - target) / outputs; a large learning rate and a tight clip exercise both paths
        Mlp viaFit = Mlp.create(9, 6, new int[] {16, 12}, 0.05, 0.5, 7);
        Mlp fused = Mlp.create(9, 6, new int[] {16, 12}, 0.05, 0.5, 7);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(11);
        int rows = 20;
        for (int step = 0; step < 25; step++) {
            float[] x = uniform(rng, 2 * rows * 9, 2);
            float[] y = uniform(rng, rows * 6, 3);
            // forward over twice the rows, learn from the first half only (what DQN does with [obs; next])
            float[] out = fused.forwardKeeping(x, 2 * rows, rows);
            float[] reference = fused.predict(x, 2 * rows);
            for (int i = 0; i < reference.length; i++) {
                assertThat(out[i]).isCloseTo(reference[i], org.assertj.core.api.Assertions.within(1e-5f));
            }
            float[] d = new float[rows * 6];
            for (int i = 0; i < d.length; i++) {
                d[i] = 2 * (out[i] - y[i]) / 6;
            }
            fused.descend(d);
            viaFit.fit(java.util.Arrays.copyOf(x, rows * 9), y, rows);
            assertClose(fused.parameters(), viaFit.parameters(), "parameters after step " + step);
            assertClose(fused.updaterState(), viaFit.updaterState(), "Adam state after step " + step);
            assertThat(fused.iterations()).isEqualTo(viaFit.iterations());
        }
        // the plain-Java mirror follows the fused updates
        float[] x = new float[9];
        java.util.Arrays.fill(x, 0.3f);
        assertThat(fused.predictSmall(x, 1)[0]).isCloseTo(fused.predict(x, 1)[0], org.assertj.core.api.Assertions.within(1e-4f));
    }

    @Test
    void descend_onAHead_computesWhatBackwardComputes() {
        Mlp viaBackward = Mlp.createHead(5, 3, new int[] {8, 8}, 0.01, 10, 2);
        Mlp fused = Mlp.createHead(5, 3, new int[] {8, 8}, 0.01, 10, 2);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        for (int step = 0; step < 10; step++) {
            float[] x = uniform(rng, 12 * 5, 1);
            float[] d = uniform(rng, 12 * 3, 1);
            fused.forwardKeeping(x, 12, 12);
            fused.descend(d);
            viaBackward.forwardForTraining(x, 12);
            viaBackward.backward(d, 12);
            assertClose(fused.parameters(), viaBackward.parameters(), "parameters after step " + step);
        }
    }

    @Test
    void descendAt_oneOutputPerRow_takesTheStepDescendTakes() {
        // the same sparse gradient, dense through descend and as (index, value) pairs through descendAt, on a
        // 2-hidden-layer network and on one without hidden layers (whose output layer reads the input)
        for (int[] hidden : new int[][] {{16, 12}, {}}) {
            Mlp dense = Mlp.create(9, 6, hidden, 0.05, 0.5, 3);
            Mlp sparse = Mlp.create(9, 6, hidden, 0.05, 0.5, 3);
            java.util.SplittableRandom rng = new java.util.SplittableRandom(17);
            int rows = 20;
            for (int step = 0; step < 15; step++) {
                float[] x = uniform(rng, 2 * rows * 9, 2);
                int[] index = new int[rows];
                float[] value = new float[rows];
                float[] d = new float[rows * 6];
                for (int k = 0; k < rows; k++) {
                    index[k] = rng.nextInt(6);
                    value[k] = k == 3 ? 0f : (float) rng.nextDouble(-1, 1);   // a zero gradient is allowed
                    d[k * 6 + index[k]] = value[k];
                }
                dense.forwardKeeping(x, 2 * rows, rows);
                dense.descend(d);
                sparse.forwardKeeping(x, 0, 2 * rows, rows);
                sparse.descendAt(index, value);
                assertClose(sparse.parameters(), dense.parameters(), "parameters after step " + step);
                assertClose(sparse.updaterState(), dense.updaterState(), "Adam state after step " + step);
            }
        }
        Mlp q = Mlp.create(3, 2, new int[] {4}, 0.01, 10, 1);
        q.forwardKeeping(new float[6], 2, 2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> q.descendAt(new int[] {0, 2}, new float[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1: output 2 of 2");
        q.forwardKeeping(new float[3], 1, 0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> q.descendAt(new int[] {0}, new float[1]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("forward pass that kept rows");
    }

    @Test
    void forwardKeeping_fromARow_readsTheRowsFromThere() {
        Mlp q = Mlp.create(4, 3, new int[] {8}, 0.01, 10, 5);
        float[] x = new float[5 * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.cos(i);
        }
        float[] tail = java.util.Arrays.copyOf(q.forwardKeeping(x, 2, 3, 0), 9);
        float[] reference = q.predict(java.util.Arrays.copyOfRange(x, 8, 20), 3);
        for (int i = 0; i < 9; i++) {
            assertThat(tail[i]).isCloseTo(reference[i], org.assertj.core.api.Assertions.within(1e-5f));
        }
    }

    @Test
    void theFusedPath_refusesNetworksItDoesNotCompute() {
        Mlp noClip = Mlp.create(3, 2, new int[] {4}, 0.01, 10, 1);
        noClip.forwardKeeping(new float[3], 1, 1);   // the supported kind works
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> noClip.forwardKeeping(new float[6], 2, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keep 3 of 2 rows");
    }

    /** {@code n} values drawn uniformly from (-bound, bound). */
    private static float[] uniform(java.util.SplittableRandom rng, int n, double bound) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextDouble(-bound, bound);
        }
        return v;
    }

    private static void assertClose(float[] actual, float[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            float tol = 2e-5f + 2e-4f * Math.abs(expected[i]);
            if (Math.abs(actual[i] - expected[i]) > tol) {
                throw new AssertionError(what + ": index " + i + " is " + actual[i] + ", DL4J has " + expected[i]);
            }
        }
    }
}
