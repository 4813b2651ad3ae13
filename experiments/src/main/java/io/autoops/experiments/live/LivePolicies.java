package io.autoops.experiments.live;

import io.autoops.core.bundle.PolicyBundle;
import io.autoops.core.healing.BackstopPolicy;
import io.autoops.core.mdp.DiscreteSpace;
import io.autoops.core.mdp.ObservationSchema;
import io.autoops.core.mdp.Policy;
import io.autoops.experiments.bench.PolicyRegistry;
import io.autoops.policies.drl.DrlBundles;
import io.autoops.policies.rules.RuleSet;
import io.autoops.policies.rules.ThresholdPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The policies that can heal a live system, by name: {@code rules.live} (threshold rules for decisions
 * once a second), {@code rules.threshold} (the seed's rules), {@code rules:FILE} (your rules), the
 * learned bundles shipped in the repository ({@code dqn.standard}, ...) and {@code bundle:FILE}. A bundle
 * whose observation schema or actions differ from the live system's is refused, naming the differences.
 * (The stage-game policies need the simulator's forward model and do not run live.)
 */
public final class LivePolicies {

    public static final String DEFAULT = "rules.live";
    /** Shipped bundles of per-service healers are named so; they need the simulator's per-service view. */
    private static final String MULTI_AGENT = "marl-";

    private LivePolicies() {
    }

    public static List<String> names() {
        List<String> out = new ArrayList<>(List.of("rules.live", "rules.threshold", "rules:FILE"));
        PolicyRegistry.shippedBundles().stream().filter(n -> !n.startsWith(MULTI_AGENT)).forEach(out::add);
        out.add("bundle:FILE");
        return out;
    }

    /** {@link #resolve(String, ObservationSchema, DiscreteSpace, Map)} without the services' baseline replicas. */
    public static Policy resolve(String name, ObservationSchema schema, DiscreteSpace actions) {
        return resolve(name, schema, actions, Map.of());
    }

    /**
     * Policy {@code name} for a live system.
     *
     * @param baseline the live services' replicas at rest (the scenario's): a bundle trained behind the
     *                 {@code symptoms+surplus} gate needs them, to offer scale-in above them only
     */
    public static Policy resolve(String name, ObservationSchema schema, DiscreteSpace actions, Map<String, Integer> baseline) {
        if (name.equals("rules.live")) {
            return new ThresholdPolicy(RuleSet.live(), schema, actions);
        }
        if (name.equals("rules.threshold")) {
            return new ThresholdPolicy(RuleSet.seed(), schema, actions);
        }
        if (name.startsWith("rules:")) {
            return new ThresholdPolicy(RuleSet.load(Path.of(name.substring("rules:".length()))), schema, actions);
        }
        if (name.startsWith(PolicyRegistry.BUNDLE_PREFIX)) {
            return single(name, PolicyBundle.read(Path.of(name.substring(PolicyRegistry.BUNDLE_PREFIX.length()))), schema,
                    actions, baseline);
        }
        if (PolicyRegistry.shippedBundles().contains(name)) {
            return single(name, PolicyBundle.read(PolicyRegistry.extractShipped(name)), schema, actions, baseline);
        }
        throw new IllegalArgumentException("unknown live policy '" + name + "'; known: " + String.join(", ", names()));
    }

    /**
     * Policy {@code name} with policy {@code backstop} behind it ({@link BackstopPolicy}): when the
     * backstop asks for an action, {@code name} gets {@code after} (counted in decisions {@code interval}
     * apart) to act, else the backstop's action is taken. For a learned policy's blind spots, e.g.
     * {@code dqn.shop} backed by {@code rules.live}.
     */
    public static BackstopPolicy withBackstop(String name, String backstop, Duration after, Duration interval,
                                              ObservationSchema schema, DiscreteSpace actions) {
        return withBackstop(name, backstop, after, interval, schema, actions, Map.of());
    }

    /** {@link #withBackstop(String, String, Duration, Duration, ObservationSchema, DiscreteSpace)} with baselines as for {@link #resolve}. */
    public static BackstopPolicy withBackstop(String name, String backstop, Duration after, Duration interval,
                                              ObservationSchema schema, DiscreteSpace actions, Map<String, Integer> baseline) {
        if (backstop.equals(name)) {
            throw new IllegalArgumentException("--backstop " + backstop + " is the policy itself; name another, e.g. rules.live");
        }
        if (after.compareTo(interval) < 0) {
            throw new IllegalArgumentException("--backstop-after " + after.toMillis() + " ms is shorter than one decision interval ("
                    + interval.toMillis() + " ms)");
        }
        int patience = (int) Math.max(1, (after.toMillis() + interval.toMillis() - 1) / interval.toMillis());
        return new BackstopPolicy(resolve(name, schema, actions, baseline), name, resolve(backstop, schema, actions, baseline),
                backstop, patience);
    }

    private static Policy single(String name, PolicyBundle bundle, ObservationSchema schema, DiscreteSpace actions,
                                 Map<String, Integer> baseline) {
        if (PolicyRegistry.isMultiAgent(bundle)) {
            throw new IllegalArgumentException("policy '" + name + "' is a team of per-service healers ("
                    + bundle.metadata().algorithm() + "); live healing runs one policy over the whole system: use "
                    + String.join(", ", names()));
        }
        return DrlBundles.loadPolicy(bundle, schema, actions, Map.of(), baseline);
    }
}
