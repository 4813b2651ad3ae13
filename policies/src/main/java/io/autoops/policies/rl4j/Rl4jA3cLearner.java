package io.autoops.policies.rl4j;

import io.autoops.core.mdp.VectorEnvironment;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.rl4j.learning.ILearning;
import org.deeplearning4j.rl4j.learning.async.a3c.discrete.A3CDiscrete;
import org.deeplearning4j.rl4j.learning.async.a3c.discrete.A3CDiscreteDense;
import org.deeplearning4j.rl4j.learning.configuration.A3CLearningConfiguration;
import org.deeplearning4j.rl4j.learning.listener.TrainingListener;
import org.deeplearning4j.rl4j.network.configuration.ActorCriticDenseNetworkConfiguration;
import org.deeplearning4j.rl4j.space.Box;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

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

    @Override
    protected ILearning<?, ?, ?> build(Rl4jMdp mdp, int maxSteps) {
        Nd4j.getRandom().setSeed(cfg.seed());
        ActorCriticDenseNetworkConfiguration net = ActorCriticDenseNetworkConfiguration.builder()
                .numLayers(cfg.hiddenLayers()).numHiddenNodes(cfg.hiddenUnits())
                .updater(new Adam(cfg.learningRate())).build();
        A3CLearningConfiguration conf = A3CLearningConfiguration.builder()
                .seed(cfg.seed()).maxEpochStep(Integer.MAX_VALUE / 2).maxStep(maxSteps)
                .numThreads(cfg.threads()).nStep(cfg.nStep()).gamma(cfg.gamma()).rewardFactor(1.0)
                .build();
        a3c = new A3CDiscreteDense<>(mdp, net, conf);
        return a3c;
    }

    @Override
    protected void addListener(ILearning<?, ?, ?> learning, TrainingListener listener) {
        ((A3CDiscrete<?>) learning).addListener(listener);
    }
}
