package io.autoops.core.mdp;

/**
 * A decision function: observation (and optional action mask) to action. A policy never drives an
 * environment; loops live in runners. Rule-based, learned and game-theoretic policies all fit here.
 *
 * <p>Implementations may keep state between calls (a cool-down, say); such a policy documents it and
 * is used by one episode at a time.
 */
@FunctionalInterface
public interface Policy {

    /**
     * Chooses an action.
     *
     * @param observation the current observation (read-only)
     * @param mask        valid actions, or {@code null} when every action is valid; the result must be valid
     * @return an action index
     */
    int act(double[] observation, boolean[] mask);

    /** Called at the start of each episode; stateful policies clear their memory here. */
    default void reset() {
    }
}
