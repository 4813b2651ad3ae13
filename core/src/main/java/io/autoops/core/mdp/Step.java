package io.autoops.core.mdp;

import java.util.Objects;

/**
 * The outcome of one step.
 *
 * @param observation the next observation; owned by the caller (the environment never writes to it again)
 * @param reward      finite reward for the transition
 * @param terminated  the episode reached a terminal state of the MDP
 * @param truncated   the episode was cut short (e.g. time limit); the state is not terminal
 * @param info        typed information, may be {@code null} when the environment has none
 */
public record Step<I>(double[] observation, double reward, boolean terminated, boolean truncated, I info) {
    public Step {
        Objects.requireNonNull(observation, "observation");
        if (!Double.isFinite(reward)) {
            throw new IllegalArgumentException("reward must be finite, got " + reward);
        }
    }

    /** Whether the episode is over, for either reason. */
    public boolean ended() {
        return terminated || truncated;
    }
}
