package io.autoops.policies.rl4j;

import io.autoops.policies.drl.DqnConfig;
import io.autoops.policies.drl.LearnerConfig;

/**
 * RL4J's DQN ({@code QLearningDiscreteDense}) with our DQN's hyper-parameters where RL4J has them:
 * equal-width hidden layers, learning rate, discount, replay size, batch, learning start, target
 * update period, epsilon schedule, double DQN, TD clamp, seed. RL4J has no n-step returns (it uses
 * 1-step) and no action masks (see {@link Rl4jMdp}).
 *
 * @param dqn             the shared hyper-parameters
 * @param sameUpdateRatio true: one gradient step per {@code dqn.trainEvery()} environment steps, like
 *                        ours (RL4J's own update rule, network and replay memory, gated by a
 *                        step counter); false: RL4J's default, one gradient step per environment step
 * @param normalizerSteps steps the observation normaliser learns from before it freezes
 */
public record Rl4jDqnConfig(DqnConfig dqn, boolean sameUpdateRatio, long normalizerSteps) implements LearnerConfig {

    public Rl4jDqnConfig {
        int[] h = dqn.hidden();
        for (int w : h) {
            if (w != h[0]) {
                throw new IllegalArgumentException("RL4J's dense DQN needs equal hidden layer widths, got "
                        + java.util.Arrays.toString(h));
            }
        }
        if (dqn.actionGap() != 0) {
            throw new IllegalArgumentException("RL4J's DQN has no advantage learning (actionGap " + dqn.actionGap() + ")");
        }
    }

    @Override
    public long seed() {
        return dqn.seed();
    }

    @Override
    public Rl4jDqnLearner create(int observationDim, int actions) {
        return new Rl4jDqnLearner(this, observationDim, actions);
    }
}
