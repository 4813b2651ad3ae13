package io.autoops.policies.rl4j;

import io.autoops.policies.drl.DqnConfig;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.rl4j.agent.learning.algorithm.dqn.BaseTransitionTDAlgorithm;
import org.deeplearning4j.rl4j.agent.learning.algorithm.dqn.DoubleDQN;
import org.deeplearning4j.rl4j.agent.learning.algorithm.dqn.StandardDQN;
import org.deeplearning4j.rl4j.agent.learning.behavior.ILearningBehavior;
import org.deeplearning4j.rl4j.agent.learning.behavior.LearningBehavior;
import org.deeplearning4j.rl4j.agent.learning.update.UpdateRule;
import org.deeplearning4j.rl4j.agent.learning.update.updater.NeuralNetUpdaterConfiguration;
import org.deeplearning4j.rl4j.agent.learning.update.updater.sync.SyncLabelsNeuralNetUpdater;
import org.deeplearning4j.rl4j.experience.ExperienceHandler;
import org.deeplearning4j.rl4j.experience.ReplayMemoryExperienceHandler;
import org.deeplearning4j.rl4j.experience.StateActionRewardState;
import org.deeplearning4j.rl4j.learning.ILearning;
import org.deeplearning4j.rl4j.learning.configuration.QLearningConfiguration;
import org.deeplearning4j.rl4j.learning.listener.TrainingListener;
import org.deeplearning4j.rl4j.learning.sync.qlearning.discrete.QLearningDiscrete;
import org.deeplearning4j.rl4j.learning.sync.qlearning.discrete.QLearningDiscreteDense;
import org.deeplearning4j.rl4j.network.configuration.DQNDenseNetworkConfiguration;
import org.deeplearning4j.rl4j.network.dqn.DQNFactoryStdDense;
import org.deeplearning4j.rl4j.network.dqn.IDQN;
import org.deeplearning4j.rl4j.observation.Observation;
import org.deeplearning4j.rl4j.space.Box;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.util.List;
import java.util.Map;

/** RL4J's DQN as an AutoOps learner; see {@link Rl4jDqnConfig} and {@link Rl4jLearner}. */
public final class Rl4jDqnLearner extends Rl4jLearner {

    private final Rl4jDqnConfig cfg;
    private IDQN<?> qNetwork;

    Rl4jDqnLearner(Rl4jDqnConfig cfg, int dim, int nA) {
        super(dim, nA, cfg.normalizerSteps());
        this.cfg = cfg;
    }

    @Override
    public String algorithm() {
        return "rl4j-dqn";
    }

    @Override
    public Map<String, String> hyperParameters() {
        DqnConfig d = cfg.dqn();
        return Map.of("hidden", java.util.Arrays.toString(d.hidden()), "learningRate", "" + d.learningRate(),
                "gamma", "" + d.gamma(), "batchSize", "" + d.batchSize(), "trainEvery",
                cfg.sameUpdateRatio() ? "" + d.trainEvery() : "1", "targetUpdateEvery", "" + d.targetUpdateEvery(),
                "epsilonDecaySteps", "" + d.epsilonDecaySteps(), "learner", "RL4J QLearningDiscreteDense");
    }

    @Override
    protected MultiLayerNetwork rankingNetwork() {
        return qNetwork == null ? null : (MultiLayerNetwork) qNetwork.getNeuralNetworks()[0];
    }

    @Override
    protected List<MultiLayerNetwork> trainedNetworks() {
        return qNetwork == null ? List.of() : List.of(rankingNetwork());
    }

    @Override
    protected ILearning<?, ?, ?> build(Rl4jMdp mdp, int totalSteps, int startSteps) {
        DqnConfig d = cfg.dqn();
        Nd4j.getRandom().setSeed(d.seed());
        DQNDenseNetworkConfiguration net = DQNDenseNetworkConfiguration.builder()
                .numLayers(d.hidden().length).numHiddenNodes(d.hidden()[0])
                .updater(new Adam(d.learningRate())).build();
        qNetwork = new DQNFactoryStdDense(net).buildDQN(new int[] {dim}, nA);
        restoreInto(trainedNetworks()); // before RL4J clones the target network from it
        QLearningConfiguration ql = QLearningConfiguration.builder()
                .seed(d.seed() ^ startSteps).maxEpochStep(Integer.MAX_VALUE / 2).maxStep(totalSteps)
                .expRepMaxSize(d.bufferSize()).batchSize(d.batchSize())
                // ours counts the target period in gradient steps, RL4J in updates too
                .targetDqnUpdateFreq(d.targetUpdateEvery()).updateStart(d.learningStarts())
                .rewardFactor(1.0).gamma(d.gamma()).errorClamp(d.tdClip())
                .minEpsilon(d.epsilonEnd()).epsilonNbStep(d.epsilonDecaySteps()).doubleDQN(d.doubleDqn())
                .build();
        QLearningDiscrete<Box> learning;
        if (!cfg.sameUpdateRatio()) {
            learning = new QLearningDiscreteDense<>(mdp, qNetwork, ql);
        } else {
            Random rnd = Nd4j.getRandomFactory().getNewRandomInstance(d.seed() ^ startSteps);
            learning = new QLearningDiscrete<Box>(mdp, qNetwork, ql, ql.getEpsilonNbStep(),
                    everyKSteps(qNetwork, ql, d.trainEvery(), rnd), rnd) {
            };
        }
        // RL4J's epsilon is a function of this count: a resumed run continues its schedule
        learning.setStepCount(startSteps);
        return learning;
    }

    /** RL4J's own learning behaviour (as QLearningDiscrete builds it), updating once per {@code k} experiences. */
    private static ILearningBehavior<Integer> everyKSteps(IDQN<?> q, QLearningConfiguration ql, int k, Random rnd) {
        @SuppressWarnings({"rawtypes", "unchecked"})
        IDQN target = (IDQN) q.clone();
        BaseTransitionTDAlgorithm.Configuration td = BaseTransitionTDAlgorithm.Configuration.builder()
                .gamma(ql.getGamma()).errorClamp(ql.getErrorClamp()).build();
        @SuppressWarnings({"rawtypes", "unchecked"})
        var algorithm = ql.isDoubleDQN() ? new DoubleDQN(q, target, td) : new StandardDQN(q, target, td);
        NeuralNetUpdaterConfiguration uc = NeuralNetUpdaterConfiguration.builder()
                .targetUpdateFrequency(ql.getTargetDqnUpdateFreq()).build();
        @SuppressWarnings({"rawtypes", "unchecked"})
        UpdateRule rule = new UpdateRule(algorithm, new SyncLabelsNeuralNetUpdater(q, target, uc));
        ReplayMemoryExperienceHandler<Integer> replay = new ReplayMemoryExperienceHandler<>(
                ReplayMemoryExperienceHandler.Configuration.builder().maxReplayMemorySize(ql.getExpRepMaxSize())
                        .batchSize(ql.getBatchSize()).build(), rnd);
        ExperienceHandler<Integer, StateActionRewardState<Integer>> gated = new ExperienceHandler<>() {
            private long added;
            private long trainedAt;

            @Override
            public void addExperience(Observation observation, Integer action, double reward, boolean terminal) {
                replay.addExperience(observation, action, reward, terminal);
                added++;
            }

            @Override
            public void setFinalObservation(Observation observation) {
                replay.setFinalObservation(observation);
            }

            @Override
            public int getTrainingBatchSize() {
                return replay.getTrainingBatchSize();
            }

            @Override
            public boolean isTrainingBatchReady() {
                return replay.isTrainingBatchReady() && added - trainedAt >= k;
            }

            @Override
            public List<StateActionRewardState<Integer>> generateTrainingBatch() {
                trainedAt = added;
                return replay.generateTrainingBatch();
            }

            @Override
            public void reset() {
                replay.reset();
            }
        };
        @SuppressWarnings("unchecked")
        ILearningBehavior<Integer> behavior = LearningBehavior.<Integer, StateActionRewardState<Integer>>builder()
                .experienceHandler(gated).updateRule(rule).build();
        return behavior;
    }

    @Override
    protected void addListener(ILearning<?, ?, ?> learning, TrainingListener listener) {
        ((QLearningDiscrete<?>) learning).addListener(listener);
    }

    @Override
    protected double exploration(ILearning<?, ?, ?> learning) {
        return ((QLearningDiscrete<?>) learning).getEgPolicy().getEpsilon();
    }
}
