package io.autoops.core.mdp;

import java.util.Map;

/** The start of a multi-agent episode: one observation per live agent. */
public record ParallelReset<I>(Map<AgentId, double[]> observations, I info) {
    public ParallelReset {
        observations = Map.copyOf(observations);
    }
}
