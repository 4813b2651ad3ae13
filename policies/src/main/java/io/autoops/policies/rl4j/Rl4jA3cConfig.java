package io.autoops.policies.rl4j;

import io.autoops.policies.drl.LearnerConfig;

/**
 * RL4J's asynchronous advantage actor-critic ({@code A3CDiscreteDense}, separate actor and critic
 * networks).
 *
 * @param hiddenLayers    hidden layers of each network
 * @param hiddenUnits     units per hidden layer
 * @param learningRate    Adam step size
 * @param gamma           discount factor
 * @param nStep           steps per update of a worker (its t_max)
 * @param threads         asynchronous workers (1 keeps a run reproducible)
 * @param normalizerSteps steps the observation normaliser learns from before it freezes
 * @param seed            seed of the networks and the workers
 */
public record Rl4jA3cConfig(int hiddenLayers, int hiddenUnits, double learningRate, double gamma, int nStep, int threads,
                            long normalizerSteps, long seed) implements LearnerConfig {

    public Rl4jA3cConfig {
        if (hiddenLayers < 1 || hiddenUnits < 1 || !(learningRate > 0) || !(gamma >= 0 && gamma < 1) || nStep < 1
                || threads < 1) {
            throw new IllegalArgumentException("invalid A3C configuration: " + this);
        }
    }

    /** 2 x 64 hidden units, like our learners; 16-step updates, one worker. */
    public static Rl4jA3cConfig defaults(long seed) {
        return new Rl4jA3cConfig(2, 64, 3e-4, 0.97, 16, 1, 2_000, seed);
    }

    @Override
    public Rl4jA3cLearner create(int observationDim, int actions) {
        return new Rl4jA3cLearner(this, observationDim, actions);
    }
}
