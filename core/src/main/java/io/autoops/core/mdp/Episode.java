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
    /** Plays one episode of {@code policy} on {@code env} from {@code seed}, recording every transition. */
    public static Episode play(Environment<?> env, Policy policy, long seed) {
        List<Transition> ts = new java.util.ArrayList<>();
        double[] obs = env.reset(seed).observation();
        while (true) {
            int a = policy.act(obs, env.actionMask());
            Step<?> s = env.step(a);
            ts.add(new Transition(obs, a, s.reward(), s.observation(), s.terminated(), s.truncated()));
            obs = s.observation();
            if (s.ended()) {
                return new Episode(seed, ts, s.terminated(), s.truncated());
            }
        }
    }

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
