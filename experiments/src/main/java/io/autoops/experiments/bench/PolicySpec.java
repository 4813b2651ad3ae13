package io.autoops.experiments.bench;

import io.autoops.core.mdp.Policy;
import io.autoops.env.sim.Simulator;

import java.util.function.Function;

/**
 * A registered policy: how to make it for one episode, and what the platform does beside it.
 *
 * @param name        registry name, e.g. {@code rules.threshold}
 * @param description one line
 * @param options     platform options for its episodes (e.g. the HPA for {@code rules.k8s-default})
 * @param factory     makes a fresh policy for an episode's simulator
 * @param reference   {@code noop} and {@code oracle} are the normalisation references, not competitors
 */
public record PolicySpec(String name, String description, Simulator.Options options,
                         Function<Simulator, Policy> factory, boolean reference) {
}
