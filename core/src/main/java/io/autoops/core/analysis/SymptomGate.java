package io.autoops.core.analysis;

import io.autoops.core.mdp.DiscreteSpace;
import io.autoops.core.mdp.ForwardingVectorEnvironment;
import io.autoops.core.mdp.ObservationSchema;
import io.autoops.core.mdp.Policy;
import io.autoops.core.mdp.VectorEnvironment;

import java.util.ArrayList;
import java.util.List;

/**
 * The symptom gate: a policy is offered a remediation only on a target that shows symptoms of its own
 * ({@link Symptoms}: a service that fails requests, answers slower than its SLO, runs out of CPU or
 * memory or misses replicas; a node that is saturated or not ready); the no-op is always offered.
 * Scale-in remedies no symptom: the {@value #SYMPTOMS} gate never offers it (behind it a policy is a
 * healer, not an autoscaler), so every scale-out stays; the {@value #SYMPTOMS_SURPLUS} gate also offers
 * it to a service without symptoms that wants more replicas than its baseline (the scale-out taken
 * back once the trouble is over), never below the baseline. Given the call graph, a service whose only symptoms are errors or
 * latency while a service it calls shows symptoms is not offered either (the root-cause guard's rule:
 * restarting the caller of a failing service helps nothing). This is how the seed's healing agent works (it acts on alerts, not on
 * every reading), and it keeps a learned policy from acting on a healthy system whose numbers merely
 * differ from the simulator's.
 *
 * <p>The gate is the same in training (wrap the {@link VectorEnvironment}, so the learner only ever
 * chooses among gated actions) and in use (wrap the {@link Policy}). A bundle trained behind it carries
 * the property {@code gate=<name>}, and loading the bundle puts the gate back ({@link #named}). Thread-safe.
 */
public final class SymptomGate {

    /** Bundle property naming the gate a policy was trained behind. */
    public static final String PROPERTY = "gate";
    /** The gate of remediations on targets with symptoms. */
    public static final String SYMPTOMS = "symptoms";
    /** That gate, and scale-in for a symptom-free service above its baseline replicas. */
    public static final String SYMPTOMS_SURPLUS = "symptoms+surplus";
    /** The gates a bundle may name. */
    public static final List<String> NAMES = List.of(SYMPTOMS, SYMPTOMS_SURPLUS);
    private static final String SCALE_IN = "scale-in:";

    /** Feature indices of one target: a service (error, p99, cpu, memory, ready, desired) or a node (ready, cpu). */
    private record TargetFeatures(boolean node, int[] at) {
        /** Symptoms that travel up the call graph (a node has none). */
        double propagating(double[] obs, int o) {
            return node ? 0 : Symptoms.propagating(obs[o + at[0]], obs[o + at[1]]);
        }

        /** A service's desired replicas. */
        double desired(double[] obs, int o) {
            return obs[o + at[5]];
        }

        /** Symptoms of the target itself. */
        double own(double[] obs, int o) {
            return node ? Symptoms.node(obs[o + at[0]], obs[o + at[1]])
                    : Symptoms.intrinsic(obs[o + at[2]], obs[o + at[3]], obs[o + at[4]], obs[o + at[5]]);
        }
    }

    private static final int ALWAYS = -1;
    private static final int NEVER = -2;

    private final List<TargetFeatures> targets = new ArrayList<>();
    private final long[] dependencies; // per target: bit set of the targets it calls, directly or not
    private final int[] targetOf; // per action: index into targets, ALWAYS (the no-op) or NEVER (scale-in)
    private final int[] surplusOf; // per action: for a scale-in the gate may offer, its service's target index; else -1
    private final double[] baselineOf; // per target: the service's baseline replicas (NaN: none, or a node)
    private final int dim;

    /** A gate without the root-cause rule (where a root-cause guard masks the same actions, as live). */
    public SymptomGate(ObservationSchema schema, DiscreteSpace actions) {
        this(schema, actions, java.util.Map.of());
    }

    /** The {@value #SYMPTOMS} gate, with the root-cause rule ({@link #SymptomGate(ObservationSchema, DiscreteSpace, java.util.Map, java.util.Map)}). */
    public SymptomGate(ObservationSchema schema, DiscreteSpace actions, java.util.Map<String, List<String>> calls) {
        this(schema, actions, calls, java.util.Map.of());
    }

    /**
     * The gate a bundle property names.
     *
     * @param baseline each service's replicas at rest (the scenario's); needed by {@value #SYMPTOMS_SURPLUS}
     * @throws IllegalArgumentException for an unknown name, or {@value #SYMPTOMS_SURPLUS} without baselines
     */
    public static SymptomGate named(String name, ObservationSchema schema, DiscreteSpace actions,
                                    java.util.Map<String, List<String>> calls, java.util.Map<String, Integer> baseline) {
        return switch (name) {
            case SYMPTOMS -> new SymptomGate(schema, actions, calls);
            case SYMPTOMS_SURPLUS -> {
                if (baseline.isEmpty()) {
                    throw new IllegalArgumentException("action gate '" + SYMPTOMS_SURPLUS
                            + "' needs each service's baseline replicas, and none were given");
                }
                yield new SymptomGate(schema, actions, calls, baseline);
            }
            default -> throw new IllegalArgumentException("unknown action gate '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }

    /**
     * @param calls    callees of each service: a service whose only symptoms are errors or latency while a
     *                 service it calls (directly or not) shows symptoms is not offered (act on the dependency;
     *                 the root-cause guard's rule); empty: no such rule
     * @param baseline replicas of each service at rest: a service without symptoms whose desired replicas
     *                 exceed its baseline is offered scale-in; empty: scale-in is never offered
     * @throws IllegalArgumentException when an action's target has no features in the schema
     */
    public SymptomGate(ObservationSchema schema, DiscreteSpace actions, java.util.Map<String, List<String>> calls,
                       java.util.Map<String, Integer> baseline) {
        this.dim = schema.size();
        this.targetOf = new int[actions.n()];
        this.surplusOf = new int[actions.n()];
        java.util.Arrays.fill(surplusOf, -1);
        List<String> names = new ArrayList<>();
        for (int a = 0; a < actions.n(); a++) {
            String label = actions.label(a);
            int colon = label.indexOf(':');
            if (colon < 0) {
                targetOf[a] = ALWAYS; // the no-op
                continue;
            }
            String target = label.substring(colon + 1);
            int slash = target.indexOf('/');
            String service = slash < 0 ? target : target.substring(0, slash);
            int known = names.indexOf(service);
            if (known < 0) {
                known = names.size();
                names.add(service);
                targets.add(features(schema, service, label));
            }
            if (label.startsWith(SCALE_IN)) {
                targetOf[a] = NEVER;
                if (baseline.containsKey(service)) {
                    surplusOf[a] = known;
                }
            } else {
                targetOf[a] = known;
            }
        }
        baselineOf = new double[targets.size()];
        for (int t = 0; t < targets.size(); t++) {
            Integer b = baseline.get(names.get(t));
            baselineOf[t] = b == null || targets.get(t).node() ? Double.NaN : b;
        }
        if (targets.size() > 64) {
            throw new IllegalArgumentException("symptom gate: at most 64 targets (services and nodes), got " + targets.size());
        }
        dependencies = new long[targets.size()];
        for (int t = 0; t < targets.size(); t++) {
            java.util.Deque<String> todo = new java.util.ArrayDeque<>(calls.getOrDefault(names.get(t), List.of()));
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (!todo.isEmpty()) {
                String d = todo.poll();
                if (seen.add(d)) {
                    int i = names.indexOf(d);
                    if (i >= 0 && i != t) {
                        dependencies[t] |= 1L << i;
                    }
                    todo.addAll(calls.getOrDefault(d, List.of()));
                }
            }
        }
    }

    private static TargetFeatures features(ObservationSchema schema, String target, String label) {
        if (schema.indexOf("node." + target + ".ready") >= 0) {
            return new TargetFeatures(true, indices(schema, label, "node." + target + ".ready", "node." + target + ".cpu"));
        }
        return new TargetFeatures(false, indices(schema, label, target + ".error_rate", target + ".p99_latency_ratio",
                target + ".cpu", target + ".memory", target + ".ready_replicas", target + ".desired_replicas"));
    }

    private static int[] indices(ObservationSchema schema, String label, String... features) {
        int[] at = new int[features.length];
        for (int i = 0; i < features.length; i++) {
            at[i] = schema.indexOf(features[i]);
            if (at[i] < 0) {
                throw new IllegalArgumentException("symptom gate: action '" + label + "' acts on a target without feature '"
                        + features[i] + "' in the observation schema");
            }
        }
        return at;
    }

    /** Closes, in {@code mask[maskOffset ...]}, every action whose target shows no symptom in {@code obs[offset ...]}. */
    public void restrict(double[] obs, int offset, boolean[] mask, int maskOffset) {
        long own = 0;     // bit t: symptoms of its own (CPU, memory, missing replicas; a node's), never explained away
        long borrowed = 0; // bit t: errors or latency, which may come from a service it calls
        for (int t = 0; t < targets.size(); t++) {
            TargetFeatures f = targets.get(t);
            if (f.own(obs, offset) >= Symptoms.ANOMALOUS) {
                own |= 1L << t;
            } else if (f.propagating(obs, offset) >= Symptoms.ANOMALOUS) {
                borrowed |= 1L << t;
            }
        }
        long anomalous = own | borrowed;
        long open = anomalous;
        for (int t = 0; t < targets.size(); t++) {
            if ((borrowed & (1L << t)) != 0 && (anomalous & dependencies[t]) != 0) {
                open &= ~(1L << t); // a called service with symptoms explains them: act there
            }
        }
        for (int a = 0; a < targetOf.length; a++) {
            int t = targetOf[a];
            if (t == NEVER && surplusOf[a] >= 0) {
                int s = surplusOf[a];
                if ((anomalous & (1L << s)) != 0 || !(targets.get(s).desired(obs, offset) > baselineOf[s] + 0.5)) {
                    mask[maskOffset + a] = false;   // scale-in only takes a surplus back from a service in good health
                }
            } else if (t == NEVER || (t >= 0 && (open & (1L << t)) == 0)) {
                mask[maskOffset + a] = false;
            }
        }
    }

    /** The policy behind the gate: it chooses only among the no-op and actions on targets with symptoms. */
    public Policy gate(Policy policy) {
        return new Policy() {
            @Override
            public int act(double[] observation, boolean[] mask) {
                boolean[] m = mask == null ? new boolean[targetOf.length] : mask.clone();
                if (mask == null) {
                    java.util.Arrays.fill(m, true);
                }
                restrict(observation, 0, m, 0);
                return policy.act(observation, m);
            }

            @Override
            public void reset() {
                policy.reset();
            }
        };
    }

    /** The vector environment behind the gate: its action masks close the actions on targets without symptoms. */
    public VectorEnvironment gate(VectorEnvironment env) {
        if (env.observationSpace().dimension() != dim || env.actionSpace().n() != targetOf.length) {
            throw new IllegalArgumentException("symptom gate built for " + dim + " features and " + targetOf.length
                    + " actions, the environment has " + env.observationSpace().dimension() + " and " + env.actionSpace().n());
        }
        return new Gated(env);
    }

    private final class Gated extends ForwardingVectorEnvironment {
        private final boolean[] masks;

        Gated(VectorEnvironment env) {
            super(env);
            this.masks = new boolean[env.numEnvs() * targetOf.length];
        }

        @Override
        public boolean[] actionMasks() {
            boolean[] outer = inner.actionMasks();
            System.arraycopy(outer, 0, masks, 0, masks.length);
            double[] obs = inner.observations();
            for (int i = 0; i < inner.numEnvs(); i++) {
                restrict(obs, i * dim, masks, i * targetOf.length);
            }
            return masks;
        }
    }
}
