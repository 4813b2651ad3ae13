package io.autoops.env.sim;

import io.autoops.core.mdp.BoxSpace;
import io.autoops.core.mdp.DiscreteSpace;
import io.autoops.core.mdp.VectorEnvironment;
import io.autoops.env.scenario.Scenario;

import java.util.List;
import java.util.SplittableRandom;

/**
 * N simulators stepped together, writing straight into flat arrays: the allocation-free path that
 * learners use. Copies may run different scenarios of a suite (they must share the topology, hence
 * the observation schema and action space): copy {@code i} runs {@code scenarios.get(i % size)}, or,
 * when sampling, a scenario drawn (seeded) for each new episode.
 */
public final class SimVectorEnvironment implements VectorEnvironment {

    private final Simulator[] sims;
    private final Simulator[][] pool;
    private final BoxSpace observationSpace;
    private final int dim;
    private final int nA;
    private final double[] observations;
    private final double[] finalObservations;
    private final double[] rewards;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final boolean[] masks;
    private final SplittableRandom[] seeders;
    private boolean started;

    public SimVectorEnvironment(List<Scenario> scenarios, int numEnvs, Simulator.Options options) {
        this(scenarios, numEnvs, options, false);
    }

    /**
     * @param sampleScenarios draw each episode's scenario at random (seeded) instead of a fixed one per copy
     */
    public SimVectorEnvironment(List<Scenario> scenarios, int numEnvs, Simulator.Options options, boolean sampleScenarios) {
        if (numEnvs < 1 || scenarios.isEmpty()) {
            throw new IllegalArgumentException("need numEnvs >= 1 and at least one scenario");
        }
        sims = new Simulator[numEnvs];
        pool = sampleScenarios ? new Simulator[numEnvs][scenarios.size()] : null;
        for (int i = 0; i < numEnvs; i++) {
            if (pool != null) {
                for (int k = 0; k < scenarios.size(); k++) {
                    pool[i][k] = new Simulator(scenarios.get(k), options);
                }
                sims[i] = pool[i][0];
            } else {
                sims[i] = new Simulator(scenarios.get(i % scenarios.size()), options);
            }
        }
        if (pool != null) {
            for (Simulator s : pool[0]) {
                if (!s.schema().equals(sims[0].schema())) {
                    throw new IllegalArgumentException("scenario " + s.scenario().name() + " has another topology than "
                            + sims[0].scenario().name() + ": a vector environment needs one observation schema");
                }
            }
        }
        for (Simulator s : sims) {
            if (!s.schema().equals(sims[0].schema()) || !s.actionSpace().labels().equals(sims[0].actionSpace().labels())) {
                throw new IllegalArgumentException("scenario " + s.scenario().name() + " has another topology than "
                        + sims[0].scenario().name() + ": a vector environment needs one observation schema");
            }
        }
        observationSpace = new BoxSpace(sims[0].schema());
        dim = observationSpace.dimension();
        nA = sims[0].actionSpace().n();
        observations = new double[numEnvs * dim];
        finalObservations = new double[numEnvs * dim];
        rewards = new double[numEnvs];
        terminated = new boolean[numEnvs];
        truncated = new boolean[numEnvs];
        masks = new boolean[numEnvs * nA];
        seeders = new SplittableRandom[numEnvs];
    }

    public SimVectorEnvironment(Scenario scenario, int numEnvs) {
        this(List.of(scenario), numEnvs, Simulator.Options.SCENARIO);
    }

    /** The engine of copy {@code i}; read-only use. */
    public Simulator simulator(int i) {
        return sims[i];
    }

    @Override
    public int numEnvs() {
        return sims.length;
    }

    @Override
    public BoxSpace observationSpace() {
        return observationSpace;
    }

    @Override
    public DiscreteSpace actionSpace() {
        return sims[0].actionSpace();
    }

    @Override
    public void reset(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        for (int i = 0; i < sims.length; i++) {
            seeders[i] = root.split();
            startEpisode(i);
            sims[i].observe(observations, i * dim);
            sims[i].actionMask(masks, i * nA);
            rewards[i] = 0;
            terminated[i] = false;
            truncated[i] = false;
        }
        started = true;
    }

    @Override
    public void step(int[] actions) {
        if (!started) {
            throw new IllegalStateException("call reset(seed) before step");
        }
        if (actions.length != sims.length) {
            throw new IllegalArgumentException("expected " + sims.length + " actions, got " + actions.length);
        }
        for (int i = 0; i < sims.length; i++) {
            Simulator s = sims[i];
            s.step(actions[i]);
            rewards[i] = s.reward();
            terminated[i] = s.terminated();
            truncated[i] = s.truncated();
            if (s.ended()) {
                s.observe(finalObservations, i * dim);
                startEpisode(i);
                s = sims[i];
            }
            s.observe(observations, i * dim);
            s.actionMask(masks, i * nA);
        }
    }

    private void startEpisode(int i) {
        long seed = seeders[i].nextLong();
        if (pool != null) {
            sims[i] = pool[i][(int) Math.floorMod(seed, (long) pool[i].length)];
        }
        sims[i].reset(seed);
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
}
