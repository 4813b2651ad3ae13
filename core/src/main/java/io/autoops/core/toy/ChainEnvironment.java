package io.autoops.core.toy;

import io.autoops.core.mdp.BoxSpace;
import io.autoops.core.mdp.DiscreteSpace;
import io.autoops.core.mdp.Environment;
import io.autoops.core.mdp.Feature;
import io.autoops.core.mdp.ObservationSchema;
import io.autoops.core.mdp.Reset;
import io.autoops.core.mdp.Step;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A chain MDP with a known optimal return, for testing learners and checkers.
 *
 * <p>States {@code 0..length-1}; the episode starts at 0 (or, with {@code randomStart}, at a seeded
 * random state left of the goal). Actions: {@code left}, {@code stay}, {@code right}; {@code left}
 * is masked at state 0. Each step costs {@code -stepCost}; reaching {@code length-1} gives
 * {@code +1} and terminates. Episodes are truncated after {@code maxSteps}. The optimal policy is
 * "always right", with return {@code 1 - stepCost * (length - 1 - start)} (undiscounted).
 *
 * <p>Observation: one-hot position plus the normalised step count.
 */
public final class ChainEnvironment implements Environment<ChainEnvironment.Info> {

    /** Where the agent is. */
    public record Info(int position, int steps) {
    }

    public static final int LEFT = 0;
    public static final int STAY = 1;
    public static final int RIGHT = 2;

    private final int length;
    private final int maxSteps;
    private final double stepCost;
    private final boolean randomStart;
    private final BoxSpace observationSpace;
    private final DiscreteSpace actionSpace = new DiscreteSpace(List.of("left", "stay", "right"));
    private int position;
    private int steps;
    private boolean running;
    private boolean ended;

    public ChainEnvironment(int length, int maxSteps, double stepCost, boolean randomStart) {
        if (length < 2 || maxSteps < 1 || !(stepCost >= 0)) {
            throw new IllegalArgumentException("need length >= 2, maxSteps >= 1, stepCost >= 0");
        }
        this.length = length;
        this.maxSteps = maxSteps;
        this.stepCost = stepCost;
        this.randomStart = randomStart;
        Feature[] features = new Feature[length + 1];
        for (int i = 0; i < length; i++) {
            features[i] = Feature.of("at_" + i, "1", 0, 1);
        }
        features[length] = Feature.of("time", "ratio", 0, 1);
        this.observationSpace = new BoxSpace(new ObservationSchema(List.of(features)));
    }

    /** A chain of the given length, fixed start, step cost 0.01, truncated after {@code 4 * length} steps. */
    public ChainEnvironment(int length) {
        this(length, 4 * length, 0.01, false);
    }

    @Override
    public BoxSpace observationSpace() {
        return observationSpace;
    }

    @Override
    public DiscreteSpace actionSpace() {
        return actionSpace;
    }

    @Override
    public Reset<Info> reset(long seed) {
        position = randomStart ? new SplittableRandom(seed).nextInt(length - 1) : 0;
        steps = 0;
        running = true;
        ended = false;
        return new Reset<>(observation(), new Info(position, steps));
    }

    @Override
    public Step<Info> step(int action) {
        if (!running) {
            throw new IllegalStateException(ended ? "episode ended: call reset" : "call reset(seed) before step");
        }
        if (!actionSpace.contains(action) || (action == LEFT && position == 0)) {
            throw new IllegalArgumentException("action " + action + " is not valid at position " + position);
        }
        position += action - 1;
        steps++;
        boolean terminated = position == length - 1;
        boolean truncated = !terminated && steps >= maxSteps;
        double reward = (terminated ? 1.0 : 0.0) - stepCost;
        if (terminated || truncated) {
            running = false;
            ended = true;
        }
        return new Step<>(observation(), reward, terminated, truncated, new Info(position, steps));
    }

    @Override
    public boolean[] actionMask() {
        return new boolean[] {position > 0, true, true};
    }

    /** Undiscounted return of the optimal policy from the start state 0. */
    public double optimalReturn() {
        return 1.0 - stepCost * (length - 1);
    }

    private double[] observation() {
        double[] obs = new double[length + 1];
        obs[position] = 1;
        obs[length] = Math.min(1.0, steps / (double) maxSteps);
        return obs;
    }
}
