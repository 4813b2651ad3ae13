package io.autoops.core.mdp;

import java.util.Map;

/** A decision function for several agents at once: the observations of all live agents to one action each. */
@FunctionalInterface
public interface JointPolicy {

    /**
     * @param observations one observation per live agent
     * @param masks        valid actions per agent; an absent agent means every action is valid
     * @return exactly one valid action per agent in {@code observations}
     */
    Map<AgentId, Integer> act(Map<AgentId, double[]> observations, Map<AgentId, boolean[]> masks);

    /** Called at the start of each episode. */
    default void reset() {
    }
}
