package io.autoops.env.sim;

import io.autoops.core.mdp.AgentId;
import io.autoops.core.mdp.BoxSpace;
import io.autoops.core.mdp.DiscreteSpace;
import io.autoops.core.mdp.Feature;
import io.autoops.core.mdp.ObservationSchema;
import io.autoops.core.mdp.ParallelEnvironment;
import io.autoops.core.mdp.ParallelReset;
import io.autoops.core.mdp.ParallelStep;
import io.autoops.env.scenario.Scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The multi-agent view: one healer per service. A healer sees its own service's features, those of
 * the services it calls, the nodes and the time of day; it can do nothing or restart, scale out, scale
 * in, roll back or shed load on its own service (node drains are left to a central operator). Its
 * reward is its own service's health minus its own costs ({@link Simulator#serviceReward(int)}); the
 * sum is the social welfare. Scale-outs compete for the shared node memory, which makes the healers'
 * situation a game. With {@link Rewards#SHARED} every healer instead receives the system's reward (the
 * single-agent view's: user-facing success minus all costs) divided by the number of healers, so the
 * healers are a team whose summed reward is what the benchmark scores. The global state is the full
 * single-agent observation. Not thread-safe.
 */
public final class SimParallelEnvironment implements ParallelEnvironment<SimParallelEnvironment.Info> {

    /** What each healer is rewarded with. */
    public enum Rewards {
        /** Its own service's health minus its own costs: the healers play a game. */
        OWN,
        /** An equal share of the system's reward: the healers are a team. */
        SHARED
    }

    /** Per-step information: the system's good share, the welfare, and conflicts between healers. */
    public record Info(int tick, double goodShare, double welfare, int conflicts) {
    }

    private final Simulator sim;
    private final List<AgentId> agents;
    private final Map<AgentId, Integer> serviceOf = new HashMap<>();
    private final Map<AgentId, int[]> featureIndex = new HashMap<>();
    private final Map<AgentId, BoxSpace> observationSpaces = new HashMap<>();
    private final Map<AgentId, DiscreteSpace> actionSpaces = new HashMap<>();
    private final BoxSpace globalSpace;
    private final double[] full;
    private final boolean[] fullMask;
    private final int[] joint;
    private final Rewards rewarding;
    private boolean live;

    public SimParallelEnvironment(Scenario scenario) {
        this(new Simulator(scenario));
    }

    public SimParallelEnvironment(Simulator sim) {
        this(sim, Rewards.OWN);
    }

    public SimParallelEnvironment(Simulator sim, Rewards rewarding) {
        this.sim = sim;
        this.rewarding = rewarding;
        ObservationSchema schema = sim.schema();
        this.globalSpace = new BoxSpace(schema);
        this.full = new double[schema.size()];
        this.fullMask = new boolean[sim.actionSpace().n()];
        List<AgentId> ids = new ArrayList<>();
        int nS = sim.serviceCount();
        for (int s = 0; s < nS; s++) {
            String name = sim.scenario().services().get(s);
            AgentId id = new AgentId(name);
            ids.add(id);
            serviceOf.put(id, s);
            List<Integer> idx = new ArrayList<>();
            for (int k = 0; k < SimSpaces.SF; k++) {
                idx.add(s * SimSpaces.SF + k);
            }
            for (int d : sim.dependenciesOf(s)) {
                for (int k = 0; k < SimSpaces.SF; k++) {
                    idx.add(d * SimSpaces.SF + k);
                }
            }
            for (int k = nS * SimSpaces.SF; k < schema.size(); k++) {
                idx.add(k);
            }
            int[] arr = idx.stream().mapToInt(Integer::intValue).toArray();
            featureIndex.put(id, arr);
            List<Feature> features = new ArrayList<>();
            for (int k : arr) {
                features.add(schema.feature(k));
            }
            observationSpaces.put(id, new BoxSpace(new ObservationSchema(features)));
            List<String> labels = new ArrayList<>();
            labels.add("noop");
            for (String kind : SimSpaces.SERVICE_ACTIONS) {
                labels.add(kind + ":" + name);
            }
            actionSpaces.put(id, new DiscreteSpace(labels));
        }
        this.agents = List.copyOf(ids);
        this.joint = new int[agents.size()];
    }

    public Simulator simulator() {
        return sim;
    }

    @Override
    public List<AgentId> possibleAgents() {
        return agents;
    }

    @Override
    public List<AgentId> agents() {
        return live ? agents : List.of();
    }

    @Override
    public BoxSpace observationSpace(AgentId agent) {
        return require(observationSpaces, agent);
    }

    @Override
    public DiscreteSpace actionSpace(AgentId agent) {
        return require(actionSpaces, agent);
    }

    @Override
    public ParallelReset<Info> reset(long seed) {
        sim.reset(seed);
        live = true;
        return new ParallelReset<>(observations(), info());
    }

    @Override
    public ParallelStep<Info> step(Map<AgentId, Integer> actions) {
        if (!live) {
            throw new IllegalStateException("call reset(seed) before step (or after the episode ended)");
        }
        if (!actions.keySet().equals(new java.util.HashSet<>(agents))) {
            throw new IllegalArgumentException("need exactly one action per live agent " + agents + ", got "
                    + actions.keySet());
        }
        for (int k = 0; k < agents.size(); k++) {
            AgentId a = agents.get(k);
            int local = actions.get(a);
            if (!actionSpaces.get(a).contains(local)) {
                throw new IllegalArgumentException("agent " + a + ": action " + local + " is out of range");
            }
            joint[k] = toGlobal(a, local);
            if (!sim.isValid(joint[k])) {
                throw new IllegalArgumentException("agent " + a + ": action " + local + " ("
                        + actionSpaces.get(a).label(local) + ") is masked out");
            }
        }
        sim.stepJoint(joint);
        Map<AgentId, Double> rewards = new HashMap<>();
        Map<AgentId, Boolean> term = new HashMap<>();
        Map<AgentId, Boolean> trunc = new HashMap<>();
        for (AgentId a : agents) {
            rewards.put(a, rewarding == Rewards.OWN ? sim.serviceReward(serviceOf.get(a)) : sim.reward() / agents.size());
            term.put(a, sim.terminated());
            trunc.put(a, sim.truncated());
        }
        Map<AgentId, double[]> obs = observations();
        if (sim.ended()) {
            live = false;
        }
        return new ParallelStep<>(obs, rewards, term, trunc, info());
    }

    @Override
    public boolean[] actionMask(AgentId agent) {
        int s = serviceOf.get(requireAgent(agent));
        sim.actionMask(fullMask, 0);
        return SimSpaces.localMask(fullMask, s);
    }

    /** The global action index of an agent's local action. */
    public int toGlobal(AgentId agent, int local) {
        return SimSpaces.globalAction(serviceOf.get(agent), local);
    }

    @Override
    public double[] globalState() {
        double[] g = new double[full.length];
        sim.observe(g, 0);
        return g;
    }

    @Override
    public BoxSpace globalStateSpace() {
        return globalSpace;
    }

    private Map<AgentId, double[]> observations() {
        sim.observe(full, 0);
        Map<AgentId, double[]> out = new HashMap<>();
        for (AgentId a : agents) {
            int[] idx = featureIndex.get(a);
            double[] o = new double[idx.length];
            for (int k = 0; k < idx.length; k++) {
                o[k] = full[idx[k]];
            }
            out.put(a, o);
        }
        return out;
    }

    private Info info() {
        double welfare = 0;
        for (int s = 0; s < sim.serviceCount(); s++) {
            welfare += sim.serviceReward(s);
        }
        return new Info(sim.tick(), sim.goodShare(), welfare, sim.conflicts());
    }

    private AgentId requireAgent(AgentId a) {
        if (!serviceOf.containsKey(a)) {
            throw new IllegalArgumentException("unknown agent " + a + "; agents: " + agents);
        }
        return a;
    }

    private <T> T require(Map<AgentId, T> map, AgentId a) {
        return map.get(requireAgent(a));
    }
}
