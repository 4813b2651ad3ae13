package io.autoops.core.mdp;

import java.util.Objects;

/**
 * One transition (s, a, r, s'): what learners consume.
 *
 * @param observation     the observation the action was chosen on
 * @param action          the action taken
 * @param reward          finite reward
 * @param nextObservation the observation after the step (the final one if the episode ended)
 * @param terminated      s' is terminal: do not bootstrap from it
 * @param truncated       the episode was cut after this step: bootstrap from s'
 */
public record Transition(double[] observation, int action, double reward, double[] nextObservation,
                         boolean terminated, boolean truncated) {
    public Transition {
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(nextObservation, "nextObservation");
        if (action < 0) {
            throw new IllegalArgumentException("action must be >= 0, got " + action);
        }
        if (!Double.isFinite(reward)) {
            throw new IllegalArgumentException("reward must be finite, got " + reward);
        }
    }
}
