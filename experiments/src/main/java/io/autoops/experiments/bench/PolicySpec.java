package io.autoops.experiments.bench;

import io.autoops.core.mdp.JointPolicy;
import io.autoops.core.mdp.Policy;
import io.autoops.env.sim.Simulator;

import java.util.function.Function;

/**
 * A registered policy: how to make it for one episode, and what the platform does beside it.
 *
 * @param name        registry name, e.g. {@code rules.threshold}
 * @param description one line
 * @param options     platform options for its episodes (e.g. the HPA for {@code rules.k8s-default})
 * @param factory     makes a fresh policy for an episode's simulator (null for a joint policy)
 * @param joint       makes fresh per-service healers for an episode's simulator (null for a single policy)
 * @param reference   {@code noop} and {@code oracle} are the normalisation references, not competitors
 */
public record PolicySpec(String name, String description, Simulator.Options options,
                         Function<Simulator, Policy> factory, Function<Simulator, JointPolicy> joint,
                         boolean reference) {

    public PolicySpec {
        if ((factory == null) == (joint == null)) {
            throw new IllegalArgumentException("policy " + name + " needs exactly one of a single-agent or a joint factory");
        }
    }

    /** A single-agent policy acting through the central view. */
    public PolicySpec(String name, String description, Simulator.Options options, Function<Simulator, Policy> factory,
                      boolean reference) {
        this(name, description, options, factory, null, reference);
    }

    /** Per-service healers deciding together. */
    public static PolicySpec joint(String name, String description, Function<Simulator, JointPolicy> joint) {
        return new PolicySpec(name, description, Simulator.Options.SCENARIO, null, joint, false);
    }

    /** Plays one episode of this policy. */
    public io.autoops.experiments.run.EpisodeResult play(io.autoops.env.scenario.Scenario scenario, long seed,
                                                         io.autoops.experiments.run.EpisodeRunner.TickListener listener) {
        return joint != null
                ? io.autoops.experiments.run.EpisodeRunner.runJoint(scenario, options, name, joint, seed, listener)
                : io.autoops.experiments.run.EpisodeRunner.run(scenario, options, name, factory, seed, listener);
    }
}
