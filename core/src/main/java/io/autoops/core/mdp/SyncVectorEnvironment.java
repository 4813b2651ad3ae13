package io.autoops.core.mdp;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * A {@link VectorEnvironment} over any {@link Environment}: N instances stepped one after the other
 * on the calling thread. Environments with a native vector view are faster; this one makes any
 * environment usable by vectorised learners.
 */
public final class SyncVectorEnvironment implements VectorEnvironment {

    private final List<Environment<?>> envs;
    private final int dim;
    private final int nActions;
    private final double[] observations;
    private final double[] finalObservations;
    private final double[] rewards;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final boolean[] masks;
    private final SplittableRandom[] seeders;
    private boolean started;

    public SyncVectorEnvironment(int numEnvs, Supplier<? extends Environment<?>> factory) {
        if (numEnvs < 1) {
            throw new IllegalArgumentException("numEnvs must be >= 1, got " + numEnvs);
        }
        this.envs = new ArrayList<>(numEnvs);
        for (int i = 0; i < numEnvs; i++) {
            envs.add(factory.get());
        }
        this.dim = envs.get(0).observationSpace().dimension();
        this.nActions = envs.get(0).actionSpace().n();
        this.observations = new double[numEnvs * dim];
        this.finalObservations = new double[numEnvs * dim];
        this.rewards = new double[numEnvs];
        this.terminated = new boolean[numEnvs];
        this.truncated = new boolean[numEnvs];
        this.masks = new boolean[numEnvs * nActions];
        this.seeders = new SplittableRandom[numEnvs];
    }

    @Override
    public int numEnvs() {
        return envs.size();
    }

    @Override
    public BoxSpace observationSpace() {
        return envs.get(0).observationSpace();
    }

    @Override
    public DiscreteSpace actionSpace() {
        return envs.get(0).actionSpace();
    }

    @Override
    public void reset(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        for (int i = 0; i < envs.size(); i++) {
            seeders[i] = root.split();
            resetCopy(i);
            rewards[i] = 0;
            terminated[i] = false;
            truncated[i] = false;
        }
        started = true;
    }

    private void resetCopy(int i) {
        Reset<?> r = envs.get(i).reset(seeders[i].nextLong());
        System.arraycopy(r.observation(), 0, observations, i * dim, dim);
        System.arraycopy(envs.get(i).actionMask(), 0, masks, i * nActions, nActions);
    }

    @Override
    public void step(int[] actions) {
        if (!started) {
            throw new IllegalStateException("call reset(seed) before step");
        }
        if (actions.length != envs.size()) {
            throw new IllegalArgumentException("expected " + envs.size() + " actions, got " + actions.length);
        }
        for (int i = 0; i < envs.size(); i++) {
            Step<?> s = envs.get(i).step(actions[i]);
            rewards[i] = s.reward();
            terminated[i] = s.terminated();
            truncated[i] = s.truncated();
            if (s.ended()) {
                System.arraycopy(s.observation(), 0, finalObservations, i * dim, dim);
                resetCopy(i);
            } else {
                System.arraycopy(s.observation(), 0, observations, i * dim, dim);
                System.arraycopy(envs.get(i).actionMask(), 0, masks, i * nActions, nActions);
            }
        }
    }

    @Override
    public double[] observations() {
        return observations;
    }

    @Override
    public double[] rewards() {
        return rewards;
    }

    @Override
    public boolean[] terminated() {
        return terminated;
    }

    @Override
    public boolean[] truncated() {
        return truncated;
    }

    @Override
    public double[] finalObservations() {
        return finalObservations;
    }

    @Override
    public boolean[] actionMasks() {
        return masks;
    }

    @Override
    public void close() {
        envs.forEach(Environment::close);
    }
}
