package io.autoops.policies.marl;

import java.util.Arrays;
import java.util.Locale;

/**
 * Every hyper-parameter of the multi-agent DQN learners, in one place.
 *
 * @param mode              {@link Mode#INDEPENDENT}: each healer learns from its own reward;
 *                          {@link Mode#TEAM}: every healer learns from the shared reward (the welfare)
 *                          through a value-decomposition network, Q_team = sum of the healers' Q-values
 * @param shareParameters   one network for all healers (its input carries the healer's identity), or one each
 * @param hidden            hidden layer sizes (ReLU)
 * @param learningRate      Adam step size
 * @param gamma             discount factor in [0, 1)
 * @param nStep             rewards summed over up to n steps before bootstrapping
 * @param bufferSize        replay capacity, in joint transitions
 * @param batchSize         joint transitions per gradient step (each brings one row per healer)
 * @param learningStarts    environment steps of pure exploration before the first gradient step
 *                          (also the steps the observation normaliser is estimated on)
 * @param trainEvery        environment steps per gradient step
 * @param targetUpdateEvery gradient steps between copies into the target networks
 * @param epsilonStart      initial exploration rate (each healer explores on its own)
 * @param epsilonEnd        final exploration rate
 * @param epsilonDecaySteps environment steps over which epsilon decays linearly
 * @param tdClip            TD errors are clipped to [-tdClip, tdClip]
 * @param gradientClip      L2 norm limit of each layer's gradient
 * @param actionPenalty     subtracted from a healer's reward whenever it acts (training only; 0 leaves the
 *                          environment's rewards as they are): reward shaping against needless actions
 * @param seed              seed of initialisation, exploration and replay sampling
 */
public record MarlConfig(Mode mode, boolean shareParameters, int[] hidden, double learningRate, double gamma, int nStep,
                         int bufferSize, int batchSize, int learningStarts, int trainEvery, int targetUpdateEvery,
                         double epsilonStart, double epsilonEnd, int epsilonDecaySteps, double tdClip,
                         double gradientClip, double actionPenalty, long seed) {

    /** How the healers' rewards drive learning. */
    public enum Mode {
        /** Independent DQN learners, each on its own reward (they may learn to collide). */
        INDEPENDENT("marl-idqn"),
        /** A shared-reward team: value decomposition (VDN) on the sum of the healers' rewards. */
        TEAM("marl-team");

        private final String algorithm;

        Mode(String algorithm) {
            this.algorithm = algorithm;
        }

        /** The algorithm name recorded in bundles and accepted by {@code train --algo}. */
        public String algorithm() {
            return algorithm;
        }
    }

    public MarlConfig {
        hidden = hidden.clone();
        if (mode == null || !(gamma >= 0 && gamma < 1) || nStep < 1 || bufferSize < batchSize || batchSize < 1
                || trainEvery < 1 || targetUpdateEvery < 1 || learningRate <= 0 || tdClip <= 0 || learningStarts < 0
                || !(actionPenalty >= 0)) {
            throw new IllegalArgumentException("invalid multi-agent DQN configuration: " + this);
        }
    }

    /** Defaults for the simulated system's healers: a shared 2 x 64 network, 3-step returns. */
    public static MarlConfig defaults(Mode mode, long seed) {
        return new MarlConfig(mode, true, new int[] {64, 64}, 5e-4, 0.97, 3, 50_000, 64, 2_000, 8, 250, 1.0, 0.02,
                60_000, 1.0, 10.0, 0.0, seed);
    }

    public MarlConfig withParameterSharing(boolean share) {
        return new MarlConfig(mode, share, hidden, learningRate, gamma, nStep, bufferSize, batchSize, learningStarts,
                trainEvery, targetUpdateEvery, epsilonStart, epsilonEnd, epsilonDecaySteps, tdClip, gradientClip,
                actionPenalty, seed);
    }

    public MarlConfig withActionPenalty(double penalty) {
        return new MarlConfig(mode, shareParameters, hidden, learningRate, gamma, nStep, bufferSize, batchSize,
                learningStarts, trainEvery, targetUpdateEvery, epsilonStart, epsilonEnd, epsilonDecaySteps, tdClip,
                gradientClip, penalty, seed);
    }

    /** Exploration rate after {@code step} environment steps. */
    public double epsilon(long step) {
        double f = Math.min(1.0, step / (double) Math.max(1, epsilonDecaySteps));
        return epsilonStart + f * (epsilonEnd - epsilonStart);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "MarlConfig[mode=%s, shareParameters=%s, hidden=%s, learningRate=%s, gamma=%s, "
                        + "nStep=%d, bufferSize=%d, batchSize=%d, learningStarts=%d, trainEvery=%d, targetUpdateEvery=%d, "
                        + "epsilon=%s->%s over %d steps, tdClip=%s, gradientClip=%s, actionPenalty=%s, seed=%d]", mode,
                shareParameters, Arrays.toString(hidden), learningRate, gamma, nStep, bufferSize, batchSize, learningStarts,
                trainEvery, targetUpdateEvery, epsilonStart, epsilonEnd, epsilonDecaySteps, tdClip, gradientClip,
                actionPenalty, seed);
    }
}
