package io.autoops.experiments.bench;

/**
 * Seed ranges that never overlap: training (and rule tuning) uses 1 to 899,999; validation during
 * training uses 900,000 and up; the benchmark's evaluation uses {@link #EVALUATION_BASE} and up.
 */
public final class Seeds {

    public static final long EVALUATION_BASE = 1_000_000L;

    private Seeds() {
    }

    public static long evaluation(int i) {
        return EVALUATION_BASE + i;
    }

    public static long training(int i) {
        if (i < 0 || i >= 899_999) {
            throw new IllegalArgumentException("training seed index out of range: " + i);
        }
        return 1 + i;
    }

    /** Validation seeds for evaluation during training: held out from training, below the evaluation range. */
    public static long validation(int i) {
        return 900_000L + i;
    }

    public static boolean isEvaluation(long seed) {
        return seed >= EVALUATION_BASE;
    }
}
