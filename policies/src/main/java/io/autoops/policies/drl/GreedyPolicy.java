package io.autoops.policies.drl;

import io.autoops.core.mdp.Policy;

/**
 * The greedy policy of a network whose outputs rank actions (Q-values, or a policy's logits): normalise the observation, take the valid action with the
 * highest value. Refuses NaN or infinite observations instead of acting on them. Not thread-safe.
 */
public final class GreedyPolicy implements Policy {

    private final Mlp network;
    private final ObservationNormalizer normalizer;
    private final float[] input;

    public GreedyPolicy(Mlp network, ObservationNormalizer normalizer) {
        if (network.inputs() != normalizer.dimension()) {
            throw new IllegalArgumentException("network has " + network.inputs() + " inputs, normaliser "
                    + normalizer.dimension());
        }
        this.network = network;
        this.normalizer = normalizer;
        this.input = new float[network.inputs()];
    }

    @Override
    public int act(double[] observation, boolean[] mask) {
        if (observation.length != input.length) {
            throw new IllegalArgumentException("observation has " + observation.length + " values, the policy expects "
                    + input.length);
        }
        for (int i = 0; i < observation.length; i++) {
            if (!Double.isFinite(observation[i])) {
                throw new IllegalArgumentException("observation feature " + i + " is " + observation[i]
                        + ": refusing to act on it");
            }
        }
        normalizer.apply(observation, 1, input);
        float[] q = network.predictSmall(input, 1);
        return Masks.argmax(q, 0, mask, 0, network.outputs());
    }

    /** The network's outputs (Q-values or logits) for one observation (for inspection and game-theoretic use). */
    public float[] values(double[] observation) {
        normalizer.apply(observation, 1, input);
        return java.util.Arrays.copyOf(network.predictSmall(input, 1), network.outputs());
    }
}
