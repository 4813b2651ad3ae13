package io.autoops.experiments.live;

import io.autoops.core.bundle.PolicyBundle;
import io.autoops.core.mdp.DiscreteSpace;
import io.autoops.core.mdp.ObservationSchema;
import io.autoops.core.mdp.Policy;
import io.autoops.experiments.bench.PolicyRegistry;
import io.autoops.policies.drl.DrlBundles;
import io.autoops.policies.rules.RuleSet;
import io.autoops.policies.rules.ThresholdPolicy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The policies that can heal a live system, by name: {@code rules.live} (threshold rules for decisions
 * once a second), {@code rules.threshold} (the seed's rules), {@code rules:FILE} (your rules), the
 * learned bundles shipped in the repository ({@code dqn.standard}, ...) and {@code bundle:FILE}. A bundle
 * whose observation schema or actions differ from the live system's is refused, naming the differences.
 * (The stage-game policies need the simulator's forward model and do not run live.)
 */
public final class LivePolicies {

    public static final String DEFAULT = "rules.live";

    private LivePolicies() {
    }

    public static List<String> names() {
        List<String> out = new ArrayList<>(List.of("rules.live", "rules.threshold", "rules:FILE"));
        out.addAll(PolicyRegistry.shippedBundles());
        out.add("bundle:FILE");
        return out;
    }

    public static Policy resolve(String name, ObservationSchema schema, DiscreteSpace actions) {
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
            return DrlBundles.loadGreedy(PolicyBundle.read(Path.of(name.substring(PolicyRegistry.BUNDLE_PREFIX.length()))),
                    schema, actions);
        }
        if (PolicyRegistry.shippedBundles().contains(name)) {
            return DrlBundles.loadGreedy(PolicyBundle.read(PolicyRegistry.extractShipped(name)), schema, actions);
        }
        throw new IllegalArgumentException("unknown live policy '" + name + "'; known: " + String.join(", ", names()));
    }
}
