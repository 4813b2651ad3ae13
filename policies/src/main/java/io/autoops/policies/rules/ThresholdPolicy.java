package io.autoops.policies.rules;

import io.autoops.core.mdp.DiscreteSpace;
import io.autoops.core.mdp.ObservationSchema;
import io.autoops.core.mdp.Policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Threshold rules as a policy. Targets are the services and nodes named in the observation schema
 * ({@code <service>.<feature>}, {@code node.<node>.<feature>}); a rule applies to every target that
 * has its feature and whose action exists in the action space ({@code <kind>:<target>}). At each
 * decision the policy picks, among rules that fired (condition held for {@code for} decisions) on a
 * target out of cool-down and whose action is valid, the most severe, then the earliest rule, then
 * the target with the largest excess over the threshold.
 *
 * <p>Stateful (condition counters, cool-downs): one episode at a time; {@link #reset()} clears it.
 */
public final class ThresholdPolicy implements Policy {

    /** {@code minus} is a feature subtracted from {@code feature} (for derived features), or -1. */
    private record Binding(int rule, int feature, int minus, int action, int target) {
    }

    /** A derived feature: desired minus ready instances of a service. */
    public static final String UNREADY = "unready_replicas";

    private final RuleSet rules;
    private final Binding[] bindings;
    private final int[] held;
    private final int[] cooldownUntil;
    private int step;

    public ThresholdPolicy(RuleSet rules, ObservationSchema schema, DiscreteSpace actions) {
        this.rules = rules;
        List<String> targets = new ArrayList<>();
        List<Binding> b = new ArrayList<>();
        for (int r = 0; r < rules.rules().size(); r++) {
            RuleSet.Rule rule = rules.rules().get(r);
            for (int f = 0; f < schema.size(); f++) {
                String name = schema.feature(f).name();
                String target;
                if (rule.feature().startsWith("node.")) {
                    String suffix = "." + rule.feature().substring("node.".length());
                    if (!name.startsWith("node.") || !name.endsWith(suffix)) {
                        continue;
                    }
                    target = name.substring("node.".length(), name.length() - suffix.length());
                } else if (rule.feature().equals(UNREADY)) {
                    String suffix = ".desired_replicas";
                    if (name.startsWith("node.") || !name.endsWith(suffix)) {
                        continue;
                    }
                    target = name.substring(0, name.length() - suffix.length());
                } else {
                    String suffix = "." + rule.feature();
                    if (name.startsWith("node.") || !name.endsWith(suffix)) {
                        continue;
                    }
                    target = name.substring(0, name.length() - suffix.length());
                }
                int a = actions.indexOf(rule.action() + ":" + target);
                if (a < 0) {
                    continue;
                }
                if (!targets.contains(target)) {
                    targets.add(target);
                }
                int minus = rule.feature().equals(UNREADY) ? schema.indexOf(target + ".ready_replicas") : -1;
                if (rule.feature().equals(UNREADY) && minus < 0) {
                    continue;
                }
                b.add(new Binding(r, f, minus, a, targets.indexOf(target)));
            }
        }
        if (b.isEmpty()) {
            throw new IllegalArgumentException("rules " + rules.name() + " match no feature and action of this environment");
        }
        this.bindings = b.toArray(new Binding[0]);
        this.held = new int[bindings.length];
        this.cooldownUntil = new int[targets.size()];
    }

    public RuleSet rules() {
        return rules;
    }

    @Override
    public void reset() {
        Arrays.fill(held, 0);
        Arrays.fill(cooldownUntil, 0);
        step = 0;
    }

    @Override
    public int act(double[] observation, boolean[] mask) {
        step++;
        int best = -1;
        int bestRank = -1;
        int bestRule = Integer.MAX_VALUE;
        double bestExcess = -1;
        for (int k = 0; k < bindings.length; k++) {
            Binding b = bindings[k];
            RuleSet.Rule rule = rules.rules().get(b.rule());
            double v = b.minus() < 0 ? observation[b.feature()] : observation[b.feature()] - observation[b.minus()];
            held[k] = v > rule.above() ? held[k] + 1 : 0;
            if (held[k] < rule.forSteps() || step < cooldownUntil[b.target()] || (mask != null && !mask[b.action()])) {
                continue;
            }
            int rank = rule.rank();
            double excess = (v - rule.above()) / Math.max(1e-9, Math.abs(rule.above()));
            if (rank > bestRank || (rank == bestRank && (b.rule() < bestRule
                    || (b.rule() == bestRule && excess > bestExcess)))) {
                best = k;
                bestRank = rank;
                bestRule = b.rule();
                bestExcess = excess;
            }
        }
        if (best < 0) {
            return 0;
        }
        Binding b = bindings[best];
        cooldownUntil[b.target()] = step + rules.cooldownSteps();
        held[best] = 0;
        return b.action();
    }
}
