package io.autoops.policies.rules;

import io.autoops.core.mdp.Policy;

import java.util.SplittableRandom;

/**
 * Acts at random among the valid actions: with probability {@code actRate} a uniformly chosen valid
 * action other than the no-op (action 0), otherwise the no-op. Seeded; {@link #reset()} restarts the
 * sequence, so an episode is reproducible. One episode at a time.
 */
public final class RandomPolicy implements Policy {

    private final int actions;
    private final long seed;
    private final double actRate;
    private SplittableRandom rng;

    /**
     * @param actions number of actions of the action space
     * @param seed    seed of the choices
     * @param actRate probability of acting at a step, in [0, 1]
     */
    public RandomPolicy(int actions, long seed, double actRate) {
        if (actions < 1 || !(actRate >= 0 && actRate <= 1)) {
            throw new IllegalArgumentException("need actions >= 1 and actRate in [0, 1]");
        }
        this.actions = actions;
        this.seed = seed;
        this.actRate = actRate;
        this.rng = new SplittableRandom(seed);
    }

    @Override
    public void reset() {
        rng = new SplittableRandom(seed);
    }

    @Override
    public int act(double[] observation, boolean[] mask) {
        if (rng.nextDouble() >= actRate) {
            return 0;
        }
        int valid = 0;
        for (int a = 1; a < actions; a++) {
            valid += mask == null || mask[a] ? 1 : 0;
        }
        if (valid == 0) {
            return 0;
        }
        int k = rng.nextInt(valid);
        for (int a = 1; a < actions; a++) {
            if ((mask == null || mask[a]) && k-- == 0) {
                return a;
            }
        }
        return 0;
    }
}
