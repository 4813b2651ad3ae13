package io.autoops.env.sim;

import io.autoops.core.mdp.AgentId;
import io.autoops.core.mdp.BoxSpace;
import io.autoops.core.mdp.DiscreteSpace;
import io.autoops.core.mdp.ParallelEnvironment;
import io.autoops.core.mdp.ParallelReset;
import io.autoops.core.mdp.ParallelStep;
import io.autoops.env.scenario.Scenario;

import java.util.List;
import java.util.Map;

/**
 * The healers' view over a suite of scenarios that share one topology: each episode runs the scenario
 * its seed picks ({@code floorMod(seed, size)}), so multi-agent learners train on the whole suite.
 * Agents and spaces are those of every scenario. Not thread-safe.
 */
public final class SimParallelSuite implements ParallelEnvironment<SimParallelEnvironment.Info> {

    private final List<SimParallelEnvironment> envs;
    private SimParallelEnvironment current;

    public SimParallelSuite(List<Scenario> scenarios, Simulator.Options options, SimParallelEnvironment.Rewards rewards) {
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("need at least one scenario");
        }
        this.envs = scenarios.stream().map(s -> new SimParallelEnvironment(new Simulator(s, options), rewards)).toList();
        SimParallelEnvironment first = envs.get(0);
        for (SimParallelEnvironment e : envs) {
            if (!e.possibleAgents().equals(first.possibleAgents())
                    || !e.globalStateSpace().schema().equals(first.globalStateSpace().schema())) {
                throw new IllegalArgumentException("scenario " + e.simulator().scenario().name() + " has another topology than "
                        + first.simulator().scenario().name() + ": the healers of a suite must be the same");
            }
        }
        this.current = first;
    }

    /** The simulator of the current episode. */
    public Simulator simulator() {
        return current.simulator();
    }

    @Override
    public List<AgentId> possibleAgents() {
        return current.possibleAgents();
    }

    @Override
    public List<AgentId> agents() {
        return current.agents();
    }

    @Override
    public BoxSpace observationSpace(AgentId agent) {
        return current.observationSpace(agent);
    }

    @Override
    public DiscreteSpace actionSpace(AgentId agent) {
        return current.actionSpace(agent);
    }

    @Override
    public ParallelReset<SimParallelEnvironment.Info> reset(long seed) {
        current = envs.get((int) Math.floorMod(seed, (long) envs.size()));
        return current.reset(seed);
    }

    @Override
    public ParallelStep<SimParallelEnvironment.Info> step(Map<AgentId, Integer> actions) {
        return current.step(actions);
    }

    @Override
    public boolean[] actionMask(AgentId agent) {
        return current.actionMask(agent);
    }

    @Override
    public double[] globalState() {
        return current.globalState();
    }

    @Override
    public BoxSpace globalStateSpace() {
        return current.globalStateSpace();
    }
}
