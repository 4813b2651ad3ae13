package io.autoops.policies.drl;

/** Masked argmax and masked random choice over flat arrays. */
public final class Masks {

    private Masks() {
    }

    /** Index of the largest value among valid actions in {@code q[qOff, qOff + n)}; 0 if none is valid. */
    public static int argmax(float[] q, int qOff, boolean[] mask, int mOff, int n) {
        int best = -1;
        float bestV = Float.NEGATIVE_INFINITY;
        for (int a = 0; a < n; a++) {
            if ((mask == null || mask[mOff + a]) && (best < 0 || q[qOff + a] > bestV)) {
                best = a;
                bestV = q[qOff + a];
            }
        }
        return Math.max(best, 0);
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
