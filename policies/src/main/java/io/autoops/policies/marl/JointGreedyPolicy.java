package io.autoops.policies.marl;

import io.autoops.core.mdp.AgentId;
import io.autoops.core.mdp.JointPolicy;
import io.autoops.policies.drl.Masks;
import io.autoops.policies.drl.Mlp;
import io.autoops.policies.drl.ObservationNormalizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each healer takes the valid action its Q-network values most, all healers in one forward pass. Refuses
 * NaN or infinite observations instead of acting on them. Not thread-safe.
 */
public final class JointGreedyPolicy implements JointPolicy {

    private final AgentInputs inputs;
    private final AgentNetworks networks;
    private final ObservationNormalizer normalizer;

    public JointGreedyPolicy(AgentInputs inputs, Mlp[] networks, ObservationNormalizer normalizer) {
        this(inputs, new AgentNetworks(inputs.count(), networks), normalizer);
    }

    JointGreedyPolicy(AgentInputs inputs, AgentNetworks networks, ObservationNormalizer normalizer) {
        if (normalizer.dimension() != inputs.inputDim() || networks.nets[0].inputs() != inputs.inputDim()
                || networks.nets[0].outputs() != inputs.actions()) {
            throw new IllegalArgumentException("networks (" + networks.nets[0].inputs() + " inputs, " + networks.nets[0].outputs()
                    + " outputs) and normaliser (" + normalizer.dimension() + ") do not fit " + inputs);
        }
        this.inputs = inputs;
        this.networks = networks;
        this.normalizer = normalizer;
    }

    @Override
    public Map<AgentId, Integer> act(Map<AgentId, double[]> observations, Map<AgentId, boolean[]> masks) {
        List<AgentId> agents = inputs.agents();
        int n = agents.size();
        int in = inputs.inputDim();
        int nA = inputs.actions();
        double[] raw = new double[n * in];
        for (int i = 0; i < n; i++) {
            double[] o = observations.get(agents.get(i));
            if (o == null) {
                continue; // an agent that has left the episode: its row stays zero and is not used
            }
            for (int k = 0; k < o.length; k++) {
                if (!Double.isFinite(o[k])) {
                    throw new IllegalArgumentException("agent " + agents.get(i) + ": observation feature " + k + " is "
                            + o[k] + ": refusing to act on it");
                }
            }
            inputs.encode(i, o, raw, i * in);
        }
        float[] x = new float[n * in];
        normalizer.apply(raw, n, x);
        float[] q = networks.predict(x, n, true);
        Map<AgentId, Integer> out = new HashMap<>();
        for (AgentId a : observations.keySet()) {
            int i = agents.indexOf(a);
            if (i < 0) {
                throw new IllegalArgumentException("unknown agent " + a + "; the policy knows " + agents);
            }
            out.put(a, Masks.argmax(q, i * nA, masks.get(a), 0, nA));
        }
        return out;
    }

    /** The Q-values of one agent's actions for its observation (for inspection and game-theoretic use). */
    public float[] values(AgentId agent, double[] observation) {
        int i = inputs.agents().indexOf(agent);
        double[] raw = new double[inputs.count() * inputs.inputDim()];
        inputs.encode(i, observation, raw, i * inputs.inputDim());
        float[] x = new float[raw.length];
        normalizer.apply(raw, inputs.count(), x);
        float[] q = networks.predict(x, inputs.count(), true);
        return java.util.Arrays.copyOfRange(q, i * inputs.actions(), (i + 1) * inputs.actions());
    }
}
