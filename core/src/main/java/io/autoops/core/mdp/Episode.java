package io.autoops.core.mdp;

import java.util.List;

/**
 * A finished (or cut) episode.
 *
 * @param seed        the seed the episode was reset with
 * @param transitions the transitions in order
 * @param terminated  whether the last step terminated the episode
 * @param truncated   whether the last step truncated it
 */
public record Episode(long seed, List<Transition> transitions, boolean terminated, boolean truncated) {
    public Episode {
        transitions = List.copyOf(transitions);
    }

    /** Undiscounted return. */
    public double totalReward() {
        double sum = 0;
        for (Transition t : transitions) {
            sum += t.reward();
        }
        return sum;
    }

    /** Discounted return with factor {@code gamma} in [0, 1]. */
    public double discountedReturn(double gamma) {
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma must be in [0, 1], got " + gamma);
        }
        double g = 0;
        for (int i = transitions.size() - 1; i >= 0; i--) {
            g = transitions.get(i).reward() + gamma * g;
        }
        return g;
    }

    public int length() {
        return transitions.size();
    }
}
