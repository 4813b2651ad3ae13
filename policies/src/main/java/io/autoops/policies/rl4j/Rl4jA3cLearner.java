package io.autoops.policies.rl4j;

import io.autoops.core.mdp.VectorEnvironment;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.rl4j.learning.ILearning;
import org.deeplearning4j.rl4j.learning.async.a3c.discrete.A3CDiscrete;
import org.deeplearning4j.rl4j.learning.async.a3c.discrete.A3CDiscreteDense;
import org.deeplearning4j.rl4j.learning.configuration.A3CLearningConfiguration;
import org.deeplearning4j.rl4j.learning.listener.TrainingListener;
import org.deeplearning4j.rl4j.network.ac.ActorCriticFactorySeparateStdDense;
import org.deeplearning4j.rl4j.network.ac.IActorCritic;
import org.deeplearning4j.rl4j.network.configuration.ActorCriticDenseNetworkConfiguration;
import org.deeplearning4j.rl4j.space.Box;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * RL4J's A3C as an AutoOps learner; the greedy policy takes the actor's most probable valid action.
 * Each asynchronous worker needs its own environment: give a factory with {@link #workers}.
 */
public final class Rl4jA3cLearner extends Rl4jLearner {

    private final Rl4jA3cConfig cfg;
    private A3CDiscrete<Box> a3c;
    private Supplier<? extends VectorEnvironment> workers;
    private int startSteps;

    Rl4jA3cLearner(Rl4jA3cConfig cfg, int dim, int nA) {
        super(dim, nA, cfg.normalizerSteps());
        this.cfg = cfg;
    }

    /** Where the workers' one-copy environments come from (required before training). */
    public Rl4jA3cLearner workers(Supplier<? extends VectorEnvironment> factory) {
        this.workers = factory;
        return this;
    }

    @Override
    protected Supplier<? extends VectorEnvironment> workerEnvironments() {
        return workers;
    }

    @Override
    public String algorithm() {
        return "rl4j-a3c";
    }

    @Override
    public Map<String, String> hyperParameters() {
        return Map.of("hidden", cfg.hiddenLayers() + " x " + cfg.hiddenUnits(), "learningRate", "" + cfg.learningRate(),
                "gamma", "" + cfg.gamma(), "nStep", "" + cfg.nStep(), "threads", "" + cfg.threads(),
                "learner", "RL4J A3CDiscreteDense");
    }

    @Override
    protected MultiLayerNetwork rankingNetwork() {
        if (a3c == null) {
            return null;
        }
        for (var n : a3c.getNeuralNet().getNeuralNetworks()) {
            MultiLayerNetwork m = (MultiLayerNetwork) n;
            if (m.layerSize(m.getnLayers() - 1) == nA) {
                return m;
            }
        }
        throw new IllegalStateException("RL4J's actor-critic has no network with " + nA + " outputs");
    }

    /** The value network, then the policy network. */
    @Override
    protected List<MultiLayerNetwork> trainedNetworks() {
        return a3c == null ? List.of() : networksOf(a3c.getNeuralNet());
    }

    private static List<MultiLayerNetwork> networksOf(IActorCritic<?> ac) {
        return java.util.Arrays.stream(ac.getNeuralNetworks()).map(MultiLayerNetwork.class::cast).toList();
    }

    /** RL4J's A3C counts its steps from 0 in a private counter: it runs the remaining steps, counted on from the start. */
    @Override
    protected ILearning<?, ?, ?> build(Rl4jMdp mdp, int totalSteps, int startSteps) {
        this.startSteps = startSteps;
        Nd4j.getRandom().setSeed(cfg.seed() ^ startSteps);
        ActorCriticDenseNetworkConfiguration net = ActorCriticDenseNetworkConfiguration.builder()
                .numLayers(cfg.hiddenLayers()).numHiddenNodes(cfg.hiddenUnits())
                .updater(new Adam(cfg.learningRate())).build();
        A3CLearningConfiguration conf = A3CLearningConfiguration.builder()
                .seed(cfg.seed() ^ startSteps).maxEpochStep(Integer.MAX_VALUE / 2).maxStep(totalSteps - startSteps)
                .numThreads(cfg.threads()).nStep(cfg.nStep()).gamma(cfg.gamma()).rewardFactor(1.0)
                .build();
        IActorCritic<?> ac = new ActorCriticFactorySeparateStdDense(net).buildActorCritic(new int[] {dim}, nA);
        restoreInto(networksOf(ac)); // before RL4J clones its global target from it
        a3c = new A3CDiscreteDense<>(mdp, ac, conf);
        // RL4J's monitor thread checks for the end every 20 s by default: every run would last a multiple of it
        a3c.setProgressMonitorFrequency(100);
        return a3c;
    }

    @Override
    protected long stepsDone(ILearning<?, ?, ?> learning) {
        return startSteps + learning.getStepCount();
    }

    @Override
    protected void addListener(ILearning<?, ?, ?> learning, TrainingListener listener) {
        ((A3CDiscrete<?>) learning).addListener(listener);
    }
}
