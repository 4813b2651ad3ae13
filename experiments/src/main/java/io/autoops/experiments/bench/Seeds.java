package io.autoops.experiments.bench;

/**
 * Training and evaluation seeds never overlap: training (and rule tuning) uses seeds below
 * {@link #EVALUATION_BASE}, evaluation uses {@code EVALUATION_BASE + i}.
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
