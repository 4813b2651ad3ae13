package io.autoops.core.mdp;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Learns a policy from the transitions of a {@link VectorEnvironment} it steps itself (one decision
 * pass for all copies), and can save and resume its whole state so that a resumed run continues the
 * same learning curve. Not thread-safe.
 */
public interface Learner {

    /** Progress, reported every {@code reportEvery} environment steps; return false to stop early. */
    @FunctionalInterface
    interface Listener {
        boolean onProgress(Learner learner, Progress progress);
    }

    /**
     * @param steps       environment steps so far (over all copies)
     * @param updates     optimiser updates so far
     * @param exploration how exploratory acting is now: epsilon for value methods, the policy's
     *                    mean entropy (nats) for policy-gradient methods
     * @param meanReturn  mean return of the episodes finished since the last report (NaN if none)
     * @param episodes    episodes finished so far
     * @param loss        loss of the last update (NaN before the first)
     */
    record Progress(long steps, long updates, double exploration, double meanReturn, long episodes, double loss) {
    }

    /** The algorithm's short name, as recorded in bundles ({@code dqn}, {@code ppo}, ...). */
    String algorithm();

    /**
     * Trains until {@code totalSteps} environment steps (counted over all copies, including those
     * of earlier calls and of a resumed checkpoint) or until the listener says stop; {@code envSeed}
     * seeds the environment's episodes.
     */
    void train(VectorEnvironment env, long totalSteps, long envSeed, long reportEvery, Listener listener);

    /** The current greedy policy; it shares the model, so do not train while using it elsewhere. */
    Policy policy();

    /** Environment steps consumed so far. */
    long steps();

    /** Writes everything needed to resume (model, optimiser, buffers, counters, RNG) to {@code dir}. */
    void save(Path dir) throws IOException;

    /** Restores the state written by {@link #save(Path)}; the learner must have the same configuration. */
    void resume(Path dir) throws IOException;
}
