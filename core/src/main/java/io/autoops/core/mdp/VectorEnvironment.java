package io.autoops.core.mdp;

/**
 * N copies of an environment stepped together; how learners get throughput.
 *
 * <p>State lives in flat primitive arrays that the vector environment owns and overwrites on every
 * call (no allocation per step): observation {@code i} occupies
 * {@code observations()[i * dim, (i + 1) * dim)}, with {@code dim = observationSpace().dimension()}.
 * When copy {@code i} ends an episode, it is reset at once (auto-reset): {@code observations()} then
 * holds the first observation of the next episode, and {@link #finalObservations()} the last
 * observation of the one that ended, for bootstrapping when it was only truncated.
 *
 * <p>Seeding: {@link #reset(long)} derives one seed per copy and per episode from the given seed, so a
 * run is reproducible from one number. Not thread-safe.
 */
public interface VectorEnvironment extends AutoCloseable {

    int numEnvs();

    BoxSpace observationSpace();

    DiscreteSpace actionSpace();

    /** Resets every copy; episode seeds derive deterministically from {@code seed}. */
    void reset(long seed);

    /** Steps copy {@code i} with {@code actions[i]}; auto-resets the copies whose episode ended. */
    void step(int[] actions);

    /** Current observations, {@code numEnvs * dim} values; overwritten by the next call. */
    double[] observations();

    /** Rewards of the last step, one per copy. */
    double[] rewards();

    /** Whether copy i's episode terminated at the last step. */
    boolean[] terminated();

    /** Whether copy i's episode was truncated at the last step. */
    boolean[] truncated();

    /** For copies that ended at the last step: their final observation; other rows are stale. */
    double[] finalObservations();

    /** Valid actions of every copy, {@code numEnvs * actionSpace().n()} flags. */
    boolean[] actionMasks();

    @Override
    default void close() {
    }
}
