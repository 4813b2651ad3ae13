package io.autoops.policies.drl;

/** A learner's whole configuration: it builds the learner once the spaces are known. */
public interface LearnerConfig {

    long seed();

    /** A fresh learner for {@code observationDim} features and {@code actions} actions. */
    NetworkLearner create(int observationDim, int actions);
}
