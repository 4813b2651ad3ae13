package io.autoops.policies.rl4j;

import io.autoops.core.mdp.VectorEnvironment;
import io.autoops.policies.drl.ObservationNormalizer;
import org.deeplearning4j.gym.StepReply;
import org.deeplearning4j.rl4j.mdp.MDP;
import org.deeplearning4j.rl4j.space.ArrayObservationSpace;
import org.deeplearning4j.rl4j.space.Box;
import org.deeplearning4j.rl4j.space.DiscreteSpace;
import org.deeplearning4j.rl4j.space.ObservationSpace;

import java.util.function.Supplier;

/**
 * An AutoOps environment as an RL4J {@link MDP}: what lets RL4J's learners train on the simulator
 * (or on any environment a user wrote against the MDP contract; wrap it in a one-copy
 * {@code SyncVectorEnvironment}). Observations go through an {@link ObservationNormalizer} that is
 * estimated over the first steps and then frozen, as for our own learners, and reach RL4J as a
 * {@link Box}. RL4J has no action masks: an action the environment's mask forbids is replaced by
 * the first valid one (the no-op in the simulator), and counted. RL4J treats every episode end as
 * terminal; a time-limit truncation therefore looks terminal to it (our learners bootstrap there).
 *
 * <p>{@link #newInstance()} (RL4J's asynchronous learners ask one per thread) builds a fresh copy
 * from the factory with its own seed; the normaliser is shared. Not thread-safe per instance.
 */
public final class Rl4jMdp implements MDP<Box, Integer, DiscreteSpace> {

    private final Supplier<? extends VectorEnvironment> factory;
    private final VectorEnvironment env;
    private final ObservationNormalizer normalizer;
    private final long normalizerSteps;
    private final long seed;
    private final int dim;
    private final int nA;
    private final DiscreteSpace actionSpace;
    private final ObservationSpace<Box> observationSpace;
    private final double[] row;
    private boolean started;
    private boolean done = true;
    private long steps;
    private long replaced;
    private int instances;

    /**
     * @param factory         builds one-copy vector environments (the first is built here)
     * @param normalizer      shared observation normaliser (learns during the first {@code normalizerSteps})
     * @param normalizerSteps steps the normaliser learns from before it freezes
     * @param seed            seeds the episodes of this instance
     */
    public Rl4jMdp(Supplier<? extends VectorEnvironment> factory, ObservationNormalizer normalizer, long normalizerSteps,
                   long seed) {
        this(factory, factory.get(), normalizer, normalizerSteps, seed);
    }

    /** Wraps {@code env} (one copy) itself; {@code factory} is for {@link #newInstance()}. */
    public Rl4jMdp(Supplier<? extends VectorEnvironment> factory, VectorEnvironment env, ObservationNormalizer normalizer,
                   long normalizerSteps, long seed) {
        if (env.numEnvs() != 1) {
            throw new IllegalArgumentException("an RL4J MDP steps one environment, got a vector of " + env.numEnvs());
        }
        this.factory = factory;
        this.env = env;
        this.normalizer = normalizer;
        this.normalizerSteps = normalizerSteps;
        this.seed = seed;
        this.dim = env.observationSpace().dimension();
        this.nA = env.actionSpace().n();
        if (normalizer.dimension() != dim) {
            throw new IllegalArgumentException("normaliser has " + normalizer.dimension() + " features, the environment " + dim);
        }
        this.actionSpace = new DiscreteSpace(nA);
        this.observationSpace = new ArrayObservationSpace<>(new int[] {dim});
        this.row = new double[dim];
    }

    @Override
    public ObservationSpace<Box> getObservationSpace() {
        return observationSpace;
    }

    @Override
    public DiscreteSpace getActionSpace() {
        return actionSpace;
    }

    @Override
    public Box reset() {
        if (!started) {
            env.reset(seed);
            started = true;
        }
        // after an episode end the vector environment has already reset itself (auto-reset)
        done = false;
        return box(env.observations());
    }

    @Override
    public StepReply<Box> step(Integer action) {
        if (done) {
            throw new IllegalStateException("step after the episode ended; call reset()");
        }
        int a = action;
        boolean[] mask = env.actionMasks();
        if (a < 0 || a >= nA) {
            throw new IllegalArgumentException("action " + a + " outside [0, " + nA + ")");
        }
        if (!mask[a]) {
            replaced++;
            a = 0;
            while (!mask[a]) {
                a++;
            }
        }
        env.step(new int[] {a});
        steps++;
        done = env.terminated()[0] || env.truncated()[0];
        Box obs = box(done ? env.finalObservations() : env.observations());
        return new StepReply<>(obs, env.rewards()[0], done, null);
    }

    private Box box(double[] raw) {
        synchronized (normalizer) {
            if (!normalizer.frozen()) {
                normalizer.update(raw, 1);
                if (steps >= normalizerSteps) {
                    normalizer.freeze();
                }
            }
            float[] out = new float[dim];
            normalizer.applyRow(raw, 0, out, 0);
            for (int i = 0; i < dim; i++) {
                row[i] = out[i];
            }
        }
        return new Box(row.clone());
    }

    @Override
    public boolean isDone() {
        return done;
    }

    @Override
    public void close() {
        env.close();
    }

    @Override
    public Rl4jMdp newInstance() {
        instances++;
        return new Rl4jMdp(factory, normalizer, normalizerSteps, seed + 1_000_003L * instances);
    }

    /** Continues a resumed run's step count (the normaliser freezes by it); returns this. */
    Rl4jMdp countingFrom(long steps) {
        this.steps = steps;
        return this;
    }

    /** Steps taken by this instance. */
    public long steps() {
        return steps;
    }

    /** Actions RL4J chose that the mask forbade, replaced by the first valid action. */
    public long replacedActions() {
        return replaced;
    }
}
