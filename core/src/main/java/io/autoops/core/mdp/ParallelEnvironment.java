package io.autoops.core.mdp;

import java.util.List;
import java.util.Map;

/**
 * A multi-agent environment in which all live agents act at once, PettingZoo-parallel-style.
 *
 * <p>{@link #agents()} are the live agents of the current episode; an agent that terminated or was
 * truncated leaves that list and is never revived within the episode. {@link #step(Map)} takes one
 * action for each live agent (no more, no fewer) and returns one observation, reward and pair of
 * flags per agent that acted. {@link #globalState()} is the full state for centralised training.
 * Determinism, space and mask rules are those of {@link Environment}. Not thread-safe.
 *
 * @param <I> typed per-step information shared by all agents
 */
public interface ParallelEnvironment<I> extends AutoCloseable {

    /** Every agent that can appear in an episode, in a fixed order. */
    List<AgentId> possibleAgents();

    /** The agents still live in the current episode, in {@link #possibleAgents()} order. */
    List<AgentId> agents();

    BoxSpace observationSpace(AgentId agent);

    DiscreteSpace actionSpace(AgentId agent);

    ParallelReset<I> reset(long seed);

    ParallelStep<I> step(Map<AgentId, Integer> actions);

    /** Valid actions of a live agent in the current state. */
    boolean[] actionMask(AgentId agent);

    /** The global state for centralised critics: a fresh array of {@link #globalStateSpace()}'s dimension. */
    double[] globalState();

    BoxSpace globalStateSpace();

    @Override
    default void close() {
    }
}
