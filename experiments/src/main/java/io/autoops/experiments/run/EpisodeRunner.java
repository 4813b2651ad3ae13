package io.autoops.experiments.run;

import io.autoops.core.mdp.AgentId;
import io.autoops.core.mdp.JointPolicy;
import io.autoops.core.mdp.Policy;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.sim.SimEnvironment;
import io.autoops.env.sim.SimInfo;
import io.autoops.env.sim.SimParallelEnvironment;
import io.autoops.env.sim.Simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * Plays one episode of a policy on a simulated scenario and measures it. The one loop: policies never
 * loop. A single-agent {@link Policy} acts through the central view ({@link SimEnvironment}); a
 * {@link JointPolicy} of per-service healers through the multi-agent view ({@link SimParallelEnvironment}).
 * Both are measured the same way, on the same system reward.
 */
public final class EpisodeRunner {

    /** Receives every tick, e.g. to write a trace. */
    public interface TickListener {
        void onTick(Simulator sim, SimInfo info, double reward);
    }

    private EpisodeRunner() {
    }

    public static EpisodeResult run(Scenario scenario, Simulator.Options options, String policyName, Policy policy,
                                    long seed, TickListener listener) {
        return run(scenario, options, policyName, sim -> policy, seed, listener);
    }

    /** Runs an episode with a policy made for this episode's simulator (the oracle needs it). */
    public static EpisodeResult run(Scenario scenario, Simulator.Options options, String policyName,
                                    Function<Simulator, Policy> policyFactory, long seed, TickListener listener) {
        Simulator sim = new Simulator(scenario, options);
        SimEnvironment env = new SimEnvironment(sim);
        Policy policy = policyFactory.apply(sim);
        policy.reset();
        double[][] obs = {env.reset(seed).observation()};
        return measure(scenario, policyName, seed, sim, listener, () -> {
            boolean[] mask = env.actionMask();
            int a = policy.act(obs[0], mask);
            if (a < 0 || a >= mask.length || !mask[a]) {
                throw invalid(policyName, a >= 0 && a < mask.length ? env.actionSpace().label(a) : a + " (out of range)",
                        sim, scenario, seed);
            }
            obs[0] = env.step(a).observation();
            return a == 0 ? 0 : 1;
        });
    }

    /** Runs an episode of per-service healers deciding together. */
    public static EpisodeResult runJoint(Scenario scenario, Simulator.Options options, String policyName,
                                         Function<Simulator, JointPolicy> policyFactory, long seed,
                                         TickListener listener) {
        Simulator sim = new Simulator(scenario, options);
        SimParallelEnvironment env = new SimParallelEnvironment(sim);
        JointPolicy policy = policyFactory.apply(sim);
        policy.reset();
        @SuppressWarnings("unchecked")
        Map<AgentId, double[]>[] obs = new Map[] {env.reset(seed).observations()};
        return measure(scenario, policyName, seed, sim, listener, () -> {
            Map<AgentId, boolean[]> masks = new HashMap<>();
            for (AgentId a : env.agents()) {
                masks.put(a, env.actionMask(a));
            }
            Map<AgentId, Integer> actions = policy.act(obs[0], masks);
            int acted = 0;
            for (AgentId a : env.agents()) {
                Integer local = actions.get(a);
                boolean[] mask = masks.get(a);
                if (local == null || local < 0 || local >= mask.length || !mask[local]) {
                    throw invalid(policyName, a.name() + " -> " + (local == null ? "nothing"
                            : local >= 0 && local < mask.length ? env.actionSpace(a).label(local) : local + " (out of range)"),
                            sim, scenario, seed);
                }
                acted += local == 0 ? 0 : 1;
            }
            obs[0] = env.step(actions).observations();
            return acted;
        });
    }

    private static IllegalStateException invalid(String policy, String action, Simulator sim, Scenario scenario, long seed) {
        return new IllegalStateException("policy " + policy + " chose invalid action " + action + " at tick "
                + sim.tick() + " of " + scenario.name() + ", seed " + seed);
    }

    /** Steps until the episode ends ({@code tick} takes one step and says how many actions it took) and measures. */
    private static EpisodeResult measure(Scenario scenario, String policyName, long seed, Simulator sim,
                                         TickListener listener, IntSupplier tick) {
        double ret = 0;
        double good = 0;
        double all = 0;
        double welfare = 0;
        int violationTicks = 0;
        int actions = 0;
        int falsePositives = 0;
        int conflicts = 0;
        double threshold = scenario.spec().recovery().sloThreshold();
        if (listener != null) {
            listener.onTick(sim, SimInfo.of(sim), 0);
        }
        while (true) {
            actions += tick.getAsInt();
            ret += sim.reward();
            good += sim.goodRequests();
            all += sim.requests();
            if (sim.goodShare() < threshold) {
                violationTicks++;
            }
            falsePositives += sim.falsePositives();
            conflicts += sim.conflicts();
            for (int s = 0; s < sim.serviceCount(); s++) {
                welfare += sim.serviceReward(s);
            }
            if (listener != null) {
                listener.onTick(sim, SimInfo.of(sim), sim.reward());
            }
            if (sim.ended()) {
                break;
            }
        }
        double minutes = violationTicks * scenario.spec().tickSeconds() / 60;
        return new EpisodeResult(scenario.name(), policyName, seed, ret, all > 0 ? good / all : 1, minutes, actions,
                falsePositives, sim.totalCost(), scenario.faultFree(), welfare, conflicts, sim.faultOutcomes());
    }
}
