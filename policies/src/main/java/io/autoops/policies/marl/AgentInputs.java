package io.autoops.policies.marl;

import io.autoops.core.mdp.AgentId;
import io.autoops.core.mdp.ParallelEnvironment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How healers' observations become network inputs: each agent's observation padded with zeros to the
 * longest one, followed by a one-hot code of the agent, so that one shared network can tell the healers
 * apart. All agents must have the same number of actions.
 *
 * @param agents           the agents, in the environment's fixed order
 * @param observationDims  each agent's observation length
 * @param actions          actions per agent
 */
public record AgentInputs(List<AgentId> agents, int[] observationDims, int actions) {

    public AgentInputs {
        agents = List.copyOf(agents);
        observationDims = observationDims.clone();
        if (agents.isEmpty() || agents.size() != observationDims.length || actions < 1) {
            throw new IllegalArgumentException("need one observation length per agent and at least one action");
        }
    }

    /** The layout of an environment's agents; they must all have the same number of actions. */
    public static AgentInputs of(ParallelEnvironment<?> env) {
        List<AgentId> agents = env.possibleAgents();
        int[] dims = new int[agents.size()];
        int actions = env.actionSpace(agents.get(0)).n();
        List<String> odd = new ArrayList<>();
        for (int i = 0; i < dims.length; i++) {
            dims[i] = env.observationSpace(agents.get(i)).dimension();
            if (env.actionSpace(agents.get(i)).n() != actions) {
                odd.add(agents.get(i) + " has " + env.actionSpace(agents.get(i)).n());
            }
        }
        if (!odd.isEmpty()) {
            throw new IllegalArgumentException("multi-agent learners need the same number of actions for every agent ("
                    + agents.get(0) + " has " + actions + "; " + String.join(", ", odd) + ")");
        }
        return new AgentInputs(agents, dims, actions);
    }

    public int count() {
        return agents.size();
    }

    /** Length of one network input row. */
    public int inputDim() {
        return Arrays.stream(observationDims).max().orElseThrow() + agents.size();
    }

    /** Writes agent {@code i}'s input row for {@code observation} to {@code out[off, off + inputDim())}. */
    public void encode(int i, double[] observation, double[] out, int off) {
        if (observation.length != observationDims[i]) {
            throw new IllegalArgumentException("agent " + agents.get(i) + ": observation has " + observation.length
                    + " values, expected " + observationDims[i]);
        }
        int width = inputDim();
        Arrays.fill(out, off, off + width, 0.0);
        System.arraycopy(observation, 0, out, off, observation.length);
        out[off + width - agents.size() + i] = 1.0;
    }

    /** Refuses an environment whose agents or spaces differ from this layout, naming the difference. */
    public void requireMatches(ParallelEnvironment<?> env) {
        if (!env.possibleAgents().equals(agents)) {
            throw new IllegalArgumentException("environment agents " + env.possibleAgents() + " differ from the learner's "
                    + agents);
        }
        for (int i = 0; i < agents.size(); i++) {
            AgentId a = agents.get(i);
            if (env.observationSpace(a).dimension() != observationDims[i] || env.actionSpace(a).n() != actions) {
                throw new IllegalArgumentException("agent " + a + ": environment has " + env.observationSpace(a).dimension()
                        + " features and " + env.actionSpace(a).n() + " actions, the learner " + observationDims[i]
                        + " and " + actions);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgentInputs other && agents.equals(other.agents)
                && Arrays.equals(observationDims, other.observationDims) && actions == other.actions;
    }

    @Override
    public int hashCode() {
        return agents.hashCode() * 31 + Arrays.hashCode(observationDims) + actions;
    }

    @Override
    public String toString() {
        return "AgentInputs[agents=" + agents + ", observationDims=" + Arrays.toString(observationDims) + ", actions="
                + actions + "]";
    }
}
