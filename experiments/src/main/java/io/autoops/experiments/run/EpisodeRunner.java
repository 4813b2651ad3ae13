package io.autoops.experiments.run;

import io.autoops.core.mdp.Policy;
import io.autoops.core.mdp.Reset;
import io.autoops.core.mdp.Step;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.sim.SimEnvironment;
import io.autoops.env.sim.SimInfo;
import io.autoops.env.sim.Simulator;

/** Plays one episode of a policy on a simulated scenario and measures it. The one loop: policies never loop. */
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
                                    java.util.function.Function<Simulator, Policy> policyFactory, long seed,
                                    TickListener listener) {
        Simulator sim = new Simulator(scenario, options);
        SimEnvironment env = new SimEnvironment(sim);
        Policy policy = policyFactory.apply(sim);
        policy.reset();
        Reset<SimInfo> reset = env.reset(seed);
        double[] obs = reset.observation();
        double ret = 0;
        double good = 0;
        double all = 0;
        int violationTicks = 0;
        int actions = 0;
        int falsePositives = 0;
        double threshold = scenario.spec().recovery().sloThreshold();
        if (listener != null) {
            listener.onTick(sim, reset.info(), 0);
        }
        while (true) {
            boolean[] mask = env.actionMask();
            int a = policy.act(obs, mask);
            if (a < 0 || a >= mask.length || !mask[a]) {
                throw new IllegalStateException("policy " + policyName + " chose invalid action " + a + " ("
                        + (a >= 0 && a < mask.length ? env.actionSpace().label(a) : "out of range") + ") at tick "
                        + sim.tick() + " of " + scenario.name() + ", seed " + seed);
            }
            Step<SimInfo> s = env.step(a);
            obs = s.observation();
            ret += s.reward();
            good += sim.goodRequests();
            all += sim.requests();
            if (sim.goodShare() < threshold) {
                violationTicks++;
            }
            if (a != 0) {
                actions++;
                if (s.info().falsePositive()) {
                    falsePositives++;
                }
            }
            if (listener != null) {
                listener.onTick(sim, s.info(), s.reward());
            }
            if (s.ended()) {
                break;
            }
        }
        double minutes = violationTicks * scenario.spec().tickSeconds() / 60;
        return new EpisodeResult(scenario.name(), policyName, seed, ret, all > 0 ? good / all : 1, minutes, actions,
                falsePositives, sim.totalCost(), scenario.faultFree(), sim.faultOutcomes());
    }
}
