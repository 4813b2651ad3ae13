package io.autoops.policies.drl;

import java.util.Arrays;

/**
 * Every hyper-parameter of the PPO learner, in one place.
 *
 * @param hidden          hidden layer sizes of the actor and of the critic (separate networks, ReLU)
 * @param learningRate    Adam step size of both networks
 * @param gamma           discount factor in [0, 1)
 * @param gaeLambda       GAE's lambda in [0, 1]: 0 is one-step TD advantages, 1 Monte-Carlo
 * @param rolloutSteps    steps per vector copy collected before each update (N copies: N x this transitions)
 * @param epochs          passes over each rollout
 * @param minibatchSize   transitions per gradient step
 * @param clipRange       the probability ratio is clipped to [1 - clip, 1 + clip]
 * @param entropyCoef     weight of the entropy bonus (over the valid actions)
 * @param valueCoef       weight of the critic's squared error (its own network: it scales its gradient)
 * @param gradientClip    L2 norm limit of each layer's gradient
 * @param normalizerSteps environment steps the observation normaliser is estimated on, then frozen
 * @param seed            seed of the networks' initialisation, action sampling and minibatch shuffling
 */
public record PpoConfig(int[] hidden, double learningRate, double gamma, double gaeLambda, int rolloutSteps, int epochs,
                        int minibatchSize, double clipRange, double entropyCoef, double valueCoef, double gradientClip,
                        int normalizerSteps, long seed) implements LearnerConfig {

    public PpoConfig {
        hidden = hidden.clone();
        if (!(gamma >= 0 && gamma < 1) || !(gaeLambda >= 0 && gaeLambda <= 1) || rolloutSteps < 1 || epochs < 1
                || minibatchSize < 1 || !(clipRange > 0) || entropyCoef < 0 || !(valueCoef > 0) || !(learningRate > 0)
                || normalizerSteps < 0) {
            throw new IllegalArgumentException("invalid PPO configuration: " + this);
        }
    }

    /** Defaults for the simulated system: 2 x 64 hidden units, 16 x 128-step rollouts, 4 epochs of 256. */
    public static PpoConfig defaults(long seed) {
        return new PpoConfig(new int[] {64, 64}, 3e-4, 0.97, 0.95, 128, 4, 256, 0.2, 0.01, 0.5, 100.0, 2_000, seed);
    }

    @Override
    public PpoLearner create(int observationDim, int actions) {
        return new PpoLearner(this, observationDim, actions);
    }

    @Override
    public String toString() {
        return "PpoConfig[hidden=" + Arrays.toString(hidden) + ", learningRate=" + learningRate + ", gamma=" + gamma
                + ", gaeLambda=" + gaeLambda + ", rolloutSteps=" + rolloutSteps + ", epochs=" + epochs
                + ", minibatchSize=" + minibatchSize + ", clipRange=" + clipRange + ", entropyCoef=" + entropyCoef
                + ", valueCoef=" + valueCoef + ", gradientClip=" + gradientClip + ", normalizerSteps=" + normalizerSteps
                + ", seed=" + seed + "]";
    }
}
