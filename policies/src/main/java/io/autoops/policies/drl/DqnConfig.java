package io.autoops.policies.drl;

/**
 * Every hyper-parameter of the DQN learner, in one place.
 *
 * @param hidden            hidden layer sizes of the Q-network (ReLU)
 * @param learningRate      Adam step size
 * @param gamma             discount factor in [0, 1)
 * @param nStep             n-step returns: rewards summed over up to n steps before bootstrapping
 * @param bufferSize        replay buffer capacity, in transitions
 * @param batchSize         transitions per gradient step
 * @param learningStarts    environment steps of pure exploration before the first gradient step
 *                          (also the steps the observation normaliser is estimated on)
 * @param trainEvery        environment steps per gradient step (with N vector copies, N steps per tick)
 * @param targetUpdateEvery gradient steps between copies of the online network into the target network
 * @param epsilonStart      initial exploration rate
 * @param epsilonEnd        final exploration rate
 * @param epsilonDecaySteps environment steps over which epsilon decays linearly
 * @param doubleDqn         choose the bootstrap action with the online network, value it with the target network
 * @param tdClip            TD errors are clipped to [-tdClip, tdClip] (the gradient of a Huber loss with delta tdClip)
 * @param gradientClip      L2 norm limit of each layer's gradient
 * @param seed              seed of the network initialisation, exploration and replay sampling
 * @param actionGap         advantage learning's alpha in [0, 1): the TD target of action a in state s is lowered by
 *                          alpha (max_b Q(s, b) - Q(s, a)), which widens the gap between the best action and the
 *                          others about 1 / (1 - alpha) times and leaves the greedy policy the same (Bellemare et
 *                          al., "Increasing the action gap", AAAI 2016): a policy whose choice rests on a gap of a
 *                          tick's reward keeps it under the small shifts of inputs between a simulator and a live
 *                          system; 0: plain (double) DQN
 */
public record DqnConfig(int[] hidden, double learningRate, double gamma, int nStep, int bufferSize, int batchSize,
                        int learningStarts, int trainEvery, int targetUpdateEvery, double epsilonStart,
                        double epsilonEnd, int epsilonDecaySteps, boolean doubleDqn, double tdClip,
                        double gradientClip, long seed, double actionGap) implements LearnerConfig {

    public DqnConfig {
        hidden = hidden.clone();
        if (!(gamma >= 0 && gamma < 1) || nStep < 1 || bufferSize < batchSize || batchSize < 1 || trainEvery < 1
                || targetUpdateEvery < 1 || learningRate <= 0 || tdClip <= 0 || !(actionGap >= 0 && actionGap < 1)) {
            throw new IllegalArgumentException("invalid DQN configuration: " + this);
        }
    }

    /** Plain (double) DQN, without advantage learning ({@code actionGap} 0). */
    public DqnConfig(int[] hidden, double learningRate, double gamma, int nStep, int bufferSize, int batchSize,
                     int learningStarts, int trainEvery, int targetUpdateEvery, double epsilonStart, double epsilonEnd,
                     int epsilonDecaySteps, boolean doubleDqn, double tdClip, double gradientClip, long seed) {
        this(hidden, learningRate, gamma, nStep, bufferSize, batchSize, learningStarts, trainEvery, targetUpdateEvery,
                epsilonStart, epsilonEnd, epsilonDecaySteps, doubleDqn, tdClip, gradientClip, seed, 0);
    }

    @Override
    public String toString() {
        return "DqnConfig[hidden=" + java.util.Arrays.toString(hidden) + ", learningRate=" + learningRate + ", gamma=" + gamma
                + ", nStep=" + nStep + ", bufferSize=" + bufferSize + ", batchSize=" + batchSize + ", learningStarts="
                + learningStarts + ", trainEvery=" + trainEvery + ", targetUpdateEvery=" + targetUpdateEvery
                + ", epsilon=" + epsilonStart + "->" + epsilonEnd + " over " + epsilonDecaySteps + " steps, doubleDqn="
                + doubleDqn + ", tdClip=" + tdClip + ", gradientClip=" + gradientClip + ", seed=" + seed + ", actionGap=" + actionGap + "]";
    }

    /** Defaults for the simulated system: 2 x 64 hidden units. */
    public static DqnConfig defaults(long seed) {
        return new DqnConfig(new int[] {64, 64}, 5e-4, 0.97, 3, 50_000, 128, 2_000, 16, 250, 1.0, 0.02, 60_000, true,
                1.0, 10.0, seed, 0);
    }

    public DqnConfig withSeed(long s) {
        return new DqnConfig(hidden, learningRate, gamma, nStep, bufferSize, batchSize, learningStarts, trainEvery,
                targetUpdateEvery, epsilonStart, epsilonEnd, epsilonDecaySteps, doubleDqn, tdClip, gradientClip, s, actionGap);
    }

    /** This configuration with advantage learning's {@code alpha} (see {@code actionGap}). */
    public DqnConfig withActionGap(double alpha) {
        return new DqnConfig(hidden, learningRate, gamma, nStep, bufferSize, batchSize, learningStarts, trainEvery,
                targetUpdateEvery, epsilonStart, epsilonEnd, epsilonDecaySteps, doubleDqn, tdClip, gradientClip, seed, alpha);
    }

    @Override
    public DqnLearner create(int observationDim, int actions) {
        return new DqnLearner(this, observationDim, actions);
    }

    /** Exploration rate after {@code step} environment steps. */
    public double epsilon(long step) {
        double f = Math.min(1.0, step / (double) Math.max(1, epsilonDecaySteps));
        return epsilonStart + f * (epsilonEnd - epsilonStart);
    }
}
