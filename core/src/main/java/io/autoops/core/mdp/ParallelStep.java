package io.autoops.core.mdp;

import java.util.Map;

/**
 * The outcome of one multi-agent step: for every agent that acted, its next observation, reward,
 * and whether it terminated or was truncated. Maps are immutable and share the same key set.
 */
public record ParallelStep<I>(Map<AgentId, double[]> observations, Map<AgentId, Double> rewards,
                              Map<AgentId, Boolean> terminated, Map<AgentId, Boolean> truncated, I info) {
    public ParallelStep {
        observations = Map.copyOf(observations);
        rewards = Map.copyOf(rewards);
        terminated = Map.copyOf(terminated);
        truncated = Map.copyOf(truncated);
        if (!observations.keySet().equals(rewards.keySet()) || !rewards.keySet().equals(terminated.keySet())
                || !terminated.keySet().equals(truncated.keySet())) {
            throw new IllegalArgumentException("observations, rewards, terminated and truncated must have the same agents");
        }
        rewards.forEach((agent, r) -> {
            if (!Double.isFinite(r)) {
                throw new IllegalArgumentException("reward of " + agent + " must be finite, got " + r);
            }
        });
    }

    /** Sum of all agents' rewards: the social welfare of this step. */
    public double welfare() {
        return rewards.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Whether every agent that acted is done. */
    public boolean allEnded() {
        return observations.keySet().stream().allMatch(a -> terminated.get(a) || truncated.get(a));
    }
}
