package io.autoops.policies.drl;

import io.autoops.core.mdp.Learner;

import java.util.Map;

/**
 * A learner whose greedy policy is a network over normalised observations: what the training
 * harness evaluates, keeps as the best model and writes as a bundle, whatever the algorithm.
 */
public interface NetworkLearner extends Learner {

    /** The network whose outputs rank actions (Q-values, or a policy's logits); shared, not a copy. */
    Mlp network();

    /** The observation normaliser the network's inputs go through. */
    ObservationNormalizer normalizer();

    @Override
    GreedyPolicy policy();

    /** Environment steps before the first update (no evaluation is worth doing before). */
    long warmupSteps();

    /** The hyper-parameters worth recording in a bundle's metadata. */
    Map<String, String> hyperParameters();
}
