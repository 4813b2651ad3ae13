package io.autoops.env.sim;

import io.autoops.core.mdp.AgentId;
import io.autoops.core.mdp.ForwardModel;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulator as a {@link ForwardModel} for the per-service healers of {@link SimParallelEnvironment}
 * (same agents, same local actions). Look-aheads run on a planning twin (see
 * {@link Simulator#planningTwin()}): it sees the current state, including faults already acting, but
 * no fault yet to come; its traffic noise is fixed per tick, so every candidate joint action of one
 * decision faces the same noise. A service is troubled when its errors exceed 2 %, its p99 latency its
 * SLO, or its CPU or memory 85 %.
 */
public final class SimForwardModel implements ForwardModel {

    private final Simulator sim;
    private final Simulator twin;
    private final List<AgentId> agents;
    private final boolean[] full;
    private final int[] global;

    public SimForwardModel(Simulator sim) {
        this.sim = sim;
        this.twin = sim.planningTwin();
        List<AgentId> ids = new ArrayList<>();
        for (String s : sim.scenario().services()) {
            ids.add(new AgentId(s));
        }
        this.agents = List.copyOf(ids);
        this.full = new boolean[sim.actionSpace().n()];
        this.global = new int[agents.size()];
    }

    @Override
    public List<AgentId> agents() {
        return agents;
    }

    @Override
    public boolean[] mask(int agent) {
        sim.actionMask(full, 0);
        return SimSpaces.localMask(full, agent);
    }

    @Override
    public String actionLabel(int agent, int action) {
        return action == 0 ? "noop" : SimSpaces.SERVICE_ACTIONS[action - 1] + ":" + agents.get(agent).name();
    }

    @Override
    public int[] troubled() {
        double[] obs = new double[sim.observationSize()];
        sim.observe(obs, 0);
        List<double[]> bad = new ArrayList<>();
        for (int s = 0; s < agents.size(); s++) {
            int o = s * SimSpaces.SF;
            double severity = Math.max(Math.max(obs[o + 3] / 0.02, obs[o + 2]),
                    Math.max(obs[o + 4], obs[o + 5]) / 0.85);
            if (severity > 1) {
                bad.add(new double[] {s, severity});
            }
        }
        bad.sort((x, y) -> Double.compare(y[1], x[1]));
        return bad.stream().mapToInt(x -> (int) x[0]).toArray();
    }

    @Override
    public double[] lookAhead(int[] joint, int horizon) {
        if (joint.length != agents.size()) {
            throw new IllegalArgumentException("need one action per agent (" + agents.size() + "), got " + joint.length);
        }
        sim.copyStateTo(twin, 0x9E3779B97F4A7C15L * (sim.tick() + 1));
        for (int k = 0; k < joint.length; k++) {
            global[k] = SimSpaces.globalAction(k, joint[k]);
        }
        double[] u = new double[joint.length];
        for (int t = 0; t < horizon && !twin.ended(); t++) {
            if (t == 0) {
                twin.stepJoint(global);
            } else {
                twin.step(0);
            }
            for (int s = 0; s < u.length; s++) {
                u[s] += twin.serviceReward(s);
            }
        }
        return u;
    }
}
