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
        if (i < 0 || i >= EVALUATION_BASE) {
            throw new IllegalArgumentException("training seed index out of range: " + i);
        }
        return 1 + i;
    }

    public static boolean isEvaluation(long seed) {
        return seed >= EVALUATION_BASE;
    }
}
