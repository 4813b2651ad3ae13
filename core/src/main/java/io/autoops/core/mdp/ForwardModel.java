package io.autoops.core.mdp;

import java.util.List;

/**
 * What a model-based multi-agent planner may ask of an environment: who acts, what each may do now,
 * who has a problem, and what every agent would get if the agents played a joint action now. The
 * look-ahead runs on a copy; the environment itself is left as it is.
 */
public interface ForwardModel {

    /** The agents, in a fixed order; agent k is index k everywhere below. */
    List<AgentId> agents();

    /** Valid local actions of agent k now; index 0 is the no-op and always valid. */
    boolean[] mask(int agent);

    /** The agents whose own part of the system shows a problem now, worst first. */
    int[] troubled();

    /**
     * Each agent's utility summed over {@code horizon} steps when the agents play {@code joint} (one
     * local action per agent) now and no-ops after. Deterministic for a given state.
     */
    double[] lookAhead(int[] joint, int horizon);

    /** A readable name of agent {@code agent}'s local action {@code action}; the default is its index. */
    default String actionLabel(int agent, int action) {
        return Integer.toString(action);
    }
}
