package io.autoops.policies.drl;

/** Masked argmax and masked random choice over flat arrays. */
public final class Masks {

    private Masks() {
    }

    /**
     * Index of the largest value among valid actions in {@code q[qOff, qOff + n)} (the first of equal ones;
     * NaN never wins); the first valid action if no valid value is above negative infinity; 0 if none is valid.
     */
    public static int argmax(float[] q, int qOff, boolean[] mask, int mOff, int n) {
        int best = -1;
        float bestV = Float.NEGATIVE_INFINITY;
        for (int a = 0; a < n; a++) {
            // masked actions read as negative infinity: the branch below is taken only for a new maximum
            float v = mask == null || mask[mOff + a] ? q[qOff + a] : Float.NEGATIVE_INFINITY;
            if (v > bestV) {
                best = a;
                bestV = v;
            }
        }
        if (best >= 0) {
            return best;
        }
        for (int a = 0; a < n; a++) {
            if (mask == null || mask[mOff + a]) {
                return a;
            }
        }
        return 0;
    }

    public static int random(boolean[] mask, int mOff, int n, SplitMix64 rng) {
        int valid = 0;
        for (int a = 0; a < n; a++) {
            valid += mask == null || mask[mOff + a] ? 1 : 0;
        }
        int k = rng.nextInt(Math.max(1, valid));
        for (int a = 0; a < n; a++) {
            if ((mask == null || mask[mOff + a]) && k-- == 0) {
                return a;
            }
        }
        return 0;
    }
}
