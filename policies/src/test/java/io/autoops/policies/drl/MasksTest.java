package io.autoops.policies.drl;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MasksTest {

    private static final float NEG_INF = Float.NEGATIVE_INFINITY;

    @Test
    void argmax_amongValidActions_picksTheLargestAndTheFirstOfEqualOnes() {
        float[] q = {9f, 1f, 5f, 5f, 7f};
        boolean[] mask = {false, true, true, true, false};
        assertThat(Masks.argmax(q, 0, mask, 0, 5)).isEqualTo(2);
        assertThat(Masks.argmax(q, 0, null, 0, 5)).isEqualTo(0);
        // offsets into both arrays
        assertThat(Masks.argmax(new float[] {0f, 0f, 3f, 4f}, 2, new boolean[] {false, true, true}, 1, 2)).isEqualTo(1);
        assertThat(Masks.argmax(new float[] {0f, 0f, 3f, 4f}, 2, new boolean[] {true, true, false}, 1, 2)).isEqualTo(0);
    }

    @Test
    void argmax_withoutAValueAboveNegativeInfinity_picksTheFirstValidAction() {
        assertThat(Masks.argmax(new float[] {1f, NEG_INF, NEG_INF}, 0, new boolean[] {false, true, true}, 0, 3)).isEqualTo(1);
        assertThat(Masks.argmax(new float[] {1f, Float.NaN, 2f}, 0, new boolean[] {false, true, true}, 0, 3)).isEqualTo(2);
        assertThat(Masks.argmax(new float[] {1f, 2f}, 0, new boolean[] {false, false}, 0, 2)).isEqualTo(0);
    }

    @Test
    void random_choosesOnlyValidActions_andEachOfThem() {
        boolean[] mask = {false, true, false, true, true};
        SplitMix64 rng = new SplitMix64(4);
        int[] counts = new int[5];
        for (int i = 0; i < 3000; i++) {
            counts[Masks.random(mask, 0, 5, rng)]++;
        }
        assertThat(counts[0] + counts[2]).isZero();
        assertThat(counts[1]).isBetween(850, 1150);
        assertThat(counts[3]).isBetween(850, 1150);
        assertThat(counts[4]).isBetween(850, 1150);
    }
}
