package io.autoops.core.mdp;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Learns a policy from transitions. A learner is fed by a training loop (which owns the
 * environment), updates its model when it decides to, and can save and resume its whole state so
 * that a resumed run continues the same learning curve.
 */
public interface Learner {

    /** Records one transition; may trigger an update. */
    void observe(Transition transition);

    /** The current greedy policy; decisions reflect the model at the time of the call. */
    Policy policy();

    /** Environment steps consumed so far. */
    long steps();

    /** Writes everything needed to resume (model, optimiser, buffers, counters, RNG) to {@code dir}. */
    void save(Path dir) throws IOException;

    /** Restores the state written by {@link #save(Path)}. */
    void resume(Path dir) throws IOException;
}
