package io.autoops.core.mdp;

/**
 * A single-agent environment, Gymnasium-style: {@link #reset(long)} starts an episode,
 * {@link #step(int)} advances it by one decision.
 *
 * <p>Contract (checked by {@code io.autoops.core.check.EnvironmentChecker}):
 * <ul>
 *   <li>The same seed and the same actions give the same trajectory, bit for bit.</li>
 *   <li>Observations lie in {@link #observationSpace()} and are never NaN; rewards are finite.</li>
 *   <li>{@code terminated} means the MDP reached a terminal state (no bootstrapping past it);
 *       {@code truncated} means the episode was cut (time limit) and the last state is not terminal.</li>
 *   <li>{@link #step(int)} before the first reset, or after the episode ended, throws
 *       {@link IllegalStateException}; an action outside the space or masked out by
 *       {@link #actionMask()} throws {@link IllegalArgumentException} and leaves the state unchanged.</li>
 * </ul>
 * Implementations are not thread-safe: one thread drives one environment.
 *
 * @param <I> the typed per-step information (never a loose map)
 */
public interface Environment<I> extends AutoCloseable {

    BoxSpace observationSpace();

    DiscreteSpace actionSpace();

    /** Starts a new episode, fully determined by {@code seed}. */
    Reset<I> reset(long seed);

    /** Applies {@code action} and advances the environment by one decision step. */
    Step<I> step(int action);

    /**
     * Which actions are valid in the current state: a fresh array of length
     * {@code actionSpace().n()}, with at least one {@code true}.
     */
    boolean[] actionMask();

    /** Releases resources; the default does nothing. */
    @Override
    default void close() {
    }
}
