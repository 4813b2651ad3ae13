package io.autoops.core.mdp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Learns a {@link JointPolicy} for the agents of {@link ParallelEnvironment}s it steps itself (several
 * copies, one decision pass for all their agents), and can save and resume its whole state so that a
 * resumed run continues the same learning curve: the multi-agent counterpart of {@link Learner}.
 * Not thread-safe.
 */
public interface JointLearner {

    /** Progress, reported every {@code reportEvery} environment steps; return false to stop early. */
    @FunctionalInterface
    interface Listener {
        boolean onProgress(JointLearner learner, Learner.Progress progress);
    }

    /** The algorithm's short name, as recorded in bundles ({@code marl-idqn}, {@code marl-team}, ...). */
    String algorithm();

    /**
     * Trains until {@code totalSteps} environment steps (one joint step of one copy counts once; counted
     * over all copies, earlier calls and a resumed checkpoint included) or until the listener says stop.
     * Every copy must have the agents and spaces the learner was made for; {@code envSeed} seeds episodes.
     */
    void train(List<? extends ParallelEnvironment<?>> envs, long totalSteps, long envSeed, long reportEvery,
               Listener listener);

    /** The current greedy joint policy; it shares the model, so do not train while using it elsewhere. */
    JointPolicy policy();

    /** Environment steps consumed so far. */
    long steps();

    /** Writes everything needed to resume (models, optimiser, buffers, counters, RNG) to {@code dir}. */
    void save(Path dir) throws IOException;

    /** Restores the state written by {@link #save(Path)}; the learner must have the same configuration. */
    void resume(Path dir) throws IOException;
}
