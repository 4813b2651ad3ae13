package io.autoops.core.toy;

import io.autoops.core.mdp.AgentId;
import io.autoops.core.mdp.BoxSpace;
import io.autoops.core.mdp.DiscreteSpace;
import io.autoops.core.mdp.Feature;
import io.autoops.core.mdp.ObservationSchema;
import io.autoops.core.mdp.ParallelEnvironment;
import io.autoops.core.mdp.ParallelReset;
import io.autoops.core.mdp.ParallelStep;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A two-agent coordination game with a known optimal welfare, for testing multi-agent learners.
 *
 * <p>Each step a seeded signal {@code s} in {0, 1} is drawn; both agents see it (agent {@code a} as a
 * one-hot of two features, agent {@code b} with a third, constant feature, so observation lengths
 * differ). Actions {@code wait}, {@code left}, {@code right}; {@code right} is masked for {@code b}
 * when {@code s = 0}. Both agents get 0.5 when both play {@code left} on signal 0 or both play
 * {@code right} on signal 1, else 0. Episodes last {@code length} steps, so the optimal welfare (sum of
 * all rewards) is {@code length}.
 */
public class CoordinationEnvironment implements ParallelEnvironment<Integer> {

    public static final AgentId A = new AgentId("a");
    public static final AgentId B = new AgentId("b");
    private static final List<AgentId> AGENTS = List.of(A, B);
    private static final DiscreteSpace ACTIONS = new DiscreteSpace(List.of("wait", "left", "right"));

    private final int length;
    private SplittableRandom rng = new SplittableRandom(0);
    private int signal;
    private int t;
    private boolean live;

    public CoordinationEnvironment(int length) {
        this.length = length;
    }

    public double optimalWelfare() {
        return length;
    }

    @Override
    public List<AgentId> possibleAgents() {
        return AGENTS;
    }

    @Override
    public List<AgentId> agents() {
        return live ? AGENTS : List.of();
    }

    @Override
    public BoxSpace observationSpace(AgentId agent) {
        return new BoxSpace(new ObservationSchema(agent.equals(A)
                ? List.of(Feature.of("signal0", "", 0, 1), Feature.of("signal1", "", 0, 1))
                : List.of(Feature.of("signal0", "", 0, 1), Feature.of("signal1", "", 0, 1), Feature.of("bias", "", 0, 1))));
    }

    @Override
    public DiscreteSpace actionSpace(AgentId agent) {
        return ACTIONS;
    }

    @Override
    public ParallelReset<Integer> reset(long seed) {
        rng = new SplittableRandom(seed);
        t = 0;
        live = true;
        signal = rng.nextInt(2);
        return new ParallelReset<>(observations(), signal);
    }

    @Override
    public ParallelStep<Integer> step(Map<AgentId, Integer> actions) {
        if (!live) {
            throw new IllegalStateException("call reset(seed) first");
        }
        int target = signal == 0 ? 1 : 2;
        boolean both = actions.get(A) == target && actions.get(B) == target;
        if (!actionMask(B)[actions.get(B)]) {
            throw new IllegalArgumentException("b: action " + actions.get(B) + " is masked out");
        }
        t++;
        boolean end = t >= length;
        signal = rng.nextInt(2);
        Map<AgentId, Double> rewards = Map.of(A, both ? 0.5 : 0.0, B, both ? 0.5 : 0.0);
        Map<AgentId, Boolean> no = Map.of(A, false, B, false);
        Map<AgentId, Boolean> trunc = Map.of(A, end, B, end);
        live = !end;
        return new ParallelStep<>(observations(), rewards, no, trunc, signal);
    }

    @Override
    public boolean[] actionMask(AgentId agent) {
        return agent.equals(B) && signal == 0 ? new boolean[] {true, true, false} : new boolean[] {true, true, true};
    }

    @Override
    public double[] globalState() {
        return new double[] {signal == 0 ? 1 : 0, signal == 1 ? 1 : 0};
    }

    @Override
    public BoxSpace globalStateSpace() {
        return observationSpace(A);
    }

    private Map<AgentId, double[]> observations() {
        Map<AgentId, double[]> obs = new HashMap<>();
        obs.put(A, new double[] {signal == 0 ? 1 : 0, signal == 1 ? 1 : 0});
        obs.put(B, new double[] {signal == 0 ? 1 : 0, signal == 1 ? 1 : 0, 1});
        return obs;
    }
}
