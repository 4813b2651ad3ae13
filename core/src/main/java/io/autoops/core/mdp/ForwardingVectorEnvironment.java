package io.autoops.core.mdp;

/**
 * A vector environment that hands every call to another one: the base of decorators that change one
 * part of what a learner sees (the action masks of a gate, the observations of a noise model) and
 * override only that.
 */
public abstract class ForwardingVectorEnvironment implements VectorEnvironment {

    protected final VectorEnvironment inner;

    protected ForwardingVectorEnvironment(VectorEnvironment inner) {
        this.inner = inner;
    }

    @Override
    public int numEnvs() {
        return inner.numEnvs();
    }

    @Override
    public BoxSpace observationSpace() {
        return inner.observationSpace();
    }

    @Override
    public DiscreteSpace actionSpace() {
        return inner.actionSpace();
    }

    @Override
    public void reset(long seed) {
        inner.reset(seed);
    }

    @Override
    public void step(int[] actions) {
        inner.step(actions);
    }

    @Override
    public double[] observations() {
        return inner.observations();
    }

    @Override
    public double[] rewards() {
        return inner.rewards();
    }

    @Override
    public boolean[] terminated() {
        return inner.terminated();
    }

    @Override
    public boolean[] truncated() {
        return inner.truncated();
    }

    @Override
    public double[] finalObservations() {
        return inner.finalObservations();
    }

    @Override
    public boolean[] actionMasks() {
        return inner.actionMasks();
    }

    @Override
    public void close() {
        inner.close();
    }
}
