package io.autoops.core.analysis;

import io.autoops.core.mdp.BoxSpace;
import io.autoops.core.mdp.DiscreteSpace;
import io.autoops.core.mdp.Feature;
import io.autoops.core.mdp.ObservationSchema;
import io.autoops.core.mdp.Policy;
import io.autoops.core.mdp.VectorEnvironment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SymptomGateTest {

    static final String[] SERVICE = {"error_rate", "p99_latency_ratio", "cpu", "memory", "ready_replicas", "desired_replicas"};
    static final ObservationSchema SCHEMA = schema("a", "b");
    static final DiscreteSpace ACTIONS = new DiscreteSpace(List.of("noop", "restart:a", "rollback:a", "scale-in:a",
            "restart:b", "restart:b/1", "drain:node-1"));

    static ObservationSchema schema(String... services) {
        List<Feature> f = new ArrayList<>();
        for (String s : services) {
            for (String k : SERVICE) {
                f.add(Feature.of(s + "." + k, "x", 0, 100));
            }
        }
        f.add(Feature.of("node.node-1.cpu", "ratio", 0, 1));
        f.add(Feature.of("node.node-1.ready", "bool", 0, 1));
        return new ObservationSchema(f);
    }

    /** Both services healthy (2 of 2 ready, low latency and errors), the node ready at 30 % CPU. */
    static double[] healthy() {
        double[] o = new double[SCHEMA.size()];
        for (String s : List.of("a", "b")) {
            set(o, s + ".p99_latency_ratio", 0.3);
            set(o, s + ".cpu", 0.1);
            set(o, s + ".memory", 0.3);
            set(o, s + ".ready_replicas", 2);
            set(o, s + ".desired_replicas", 2);
        }
        set(o, "node.node-1.cpu", 0.3);
        set(o, "node.node-1.ready", 1);
        return o;
    }

    static void set(double[] o, String feature, double v) {
        o[SCHEMA.indexOf(feature)] = v;
    }

    static List<String> open(SymptomGate gate, double[] obs) {
        boolean[] mask = ACTIONS.allValid();
        gate.restrict(obs, 0, mask, 0);
        List<String> out = new ArrayList<>();
        for (int a = 0; a < mask.length; a++) {
            if (mask[a]) {
                out.add(ACTIONS.label(a));
            }
        }
        return out;
    }

    @Test
    void aHealthySystemOffersOnlyTheNoOp() {
        SymptomGate gate = new SymptomGate(SCHEMA, ACTIONS);
        assertThat(open(gate, healthy())).containsExactly("noop");
    }

    @Test
    void surplus_offersScaleInToAHealthyServiceAboveItsBaselineOnly() {
        SymptomGate gate = SymptomGate.named(SymptomGate.SYMPTOMS_SURPLUS, SCHEMA, ACTIONS, java.util.Map.of(),
                java.util.Map.of("a", 2, "b", 2));
        assertThat(open(gate, healthy())).as("at its baseline a healthy system is left alone").containsExactly("noop");
        double[] scaledOut = healthyAbove("a");
        assertThat(open(gate, scaledOut)).as("a scale-out taken back once a is healthy").containsExactly("noop", "scale-in:a");
        set(scaledOut, "a.error_rate", 0.2);
        assertThat(open(gate, scaledOut)).as("not while a shows symptoms")
                .containsExactly("noop", "restart:a", "rollback:a");
        double[] starting = healthy();
        set(starting, "a.ready_replicas", 2);
        set(starting, "a.desired_replicas", 3);
        assertThat(open(gate, starting)).as("a missing replica is a symptom: no scale-in, the service is offered")
                .containsExactly("noop", "restart:a", "rollback:a");
        assertThat(open(SymptomGate.named(SymptomGate.SYMPTOMS, SCHEMA, ACTIONS, java.util.Map.of(), java.util.Map.of("a", 2)),
                healthyAbove("a"))).as("the symptoms gate never offers scale-in").containsExactly("noop");
    }

    @Test
    void named_refusesUnknownGatesAndSurplusWithoutBaselines() {
        assertThatThrownBy(() -> SymptomGate.named("vibes", SCHEMA, ACTIONS, java.util.Map.of(), java.util.Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown action gate 'vibes'")
                .hasMessageContaining("symptoms, symptoms+surplus");
        assertThatThrownBy(() -> SymptomGate.named(SymptomGate.SYMPTOMS_SURPLUS, SCHEMA, ACTIONS, java.util.Map.of(),
                java.util.Map.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseline replicas");
    }

    /** Healthy, with {@code service} at 3 of 3 replicas. */
    static double[] healthyAbove(String service) {
        double[] o = healthy();
        set(o, service + ".ready_replicas", 3);
        set(o, service + ".desired_replicas", 3);
        return o;
    }

    @Test
    void eachSymptomOpensItsOwnTargetOnly() {
        SymptomGate gate = new SymptomGate(SCHEMA, ACTIONS);
        double[] errors = healthy();
        set(errors, "a.error_rate", 0.2);
        assertThat(open(gate, errors)).as("scale-in remedies nothing: never offered")
                .containsExactly("noop", "restart:a", "rollback:a");

        double[] missing = healthy();
        set(missing, "b.ready_replicas", 1);
        assertThat(open(gate, missing)).as("an instance action counts for its service")
                .containsExactly("noop", "restart:b", "restart:b/1");

        double[] slow = healthy();
        set(slow, "b.p99_latency_ratio", 1.4);
        assertThat(open(gate, slow)).as("p99 40 %% over the SLO is below the anomaly score 0.5").containsExactly("noop");
        set(slow, "b.p99_latency_ratio", 1.6);
        assertThat(open(gate, slow)).contains("restart:b");

        double[] hot = healthy();
        set(hot, "node.node-1.cpu", 0.97);
        assertThat(open(gate, hot)).containsExactly("noop", "drain:node-1");
        set(hot, "node.node-1.cpu", 0.3);
        set(hot, "node.node-1.ready", 0);
        assertThat(open(gate, hot)).containsExactly("noop", "drain:node-1");
    }

    @Test
    void withTheCallGraphACallersBorrowedSymptomsDoNotOpenIt() {
        SymptomGate gate = new SymptomGate(SCHEMA, ACTIONS, java.util.Map.of("a", List.of("b"), "b", List.of()));
        double[] o = healthy();
        set(o, "b.error_rate", 0.5);
        set(o, "a.error_rate", 0.3); // a fails because b does
        assertThat(open(gate, o)).as("act on the dependency, not its caller").containsExactly("noop", "restart:b", "restart:b/1");
        assertThat(open(new SymptomGate(SCHEMA, ACTIONS), o)).as("without the call graph").contains("restart:a", "restart:b");
        set(o, "a.ready_replicas", 1);
        assertThat(open(gate, o)).as("a missing replica is a's own").contains("restart:a", "restart:b");
        double[] alone = healthy();
        set(alone, "a.error_rate", 0.5);
        assertThat(open(gate, alone)).as("a fails while b is well: a's own").containsExactly("noop", "restart:a", "rollback:a");
    }

    @Test
    void theGatedPolicyChoosesAmongOpenActionsAndKeepsTheCallersMask() {
        SymptomGate gate = new SymptomGate(SCHEMA, ACTIONS);
        boolean[][] seen = new boolean[1][];
        Policy last = (obs, mask) -> {
            seen[0] = mask.clone();
            for (int a = mask.length - 1; a >= 0; a--) {
                if (mask[a]) {
                    return a;
                }
            }
            return 0;
        };
        Policy gated = gate.gate(last);
        assertThat(gated.act(healthy(), null)).isZero();
        double[] errors = healthy();
        set(errors, "a.error_rate", 0.2);
        assertThat(gated.act(errors, null)).isEqualTo(ACTIONS.indexOf("rollback:a"));
        boolean[] callers = ACTIONS.allValid();
        callers[ACTIONS.indexOf("rollback:a")] = false;
        assertThat(gated.act(errors, callers)).isEqualTo(ACTIONS.indexOf("restart:a"));
        assertThat(callers[ACTIONS.indexOf("restart:b")]).as("the caller's mask is not written").isTrue();
        assertThat(seen[0][ACTIONS.indexOf("restart:b")]).isFalse();
    }

    @Test
    void aVectorEnvironmentBehindTheGateMasksEachCopyByItsOwnObservation() {
        SymptomGate gate = new SymptomGate(SCHEMA, ACTIONS);
        double[] obs = new double[2 * SCHEMA.size()];
        System.arraycopy(healthy(), 0, obs, 0, SCHEMA.size());
        double[] second = healthy();
        set(second, "node.node-1.cpu", 0.99);
        System.arraycopy(second, 0, obs, SCHEMA.size(), SCHEMA.size());
        boolean[] inner = new boolean[2 * ACTIONS.n()];
        Arrays.fill(inner, true);
        inner[ACTIONS.n() + ACTIONS.indexOf("drain:node-1")] = false; // the environment's own mask still counts
        VectorEnvironment env = gate.gate(fixed(obs, inner));
        boolean[] m = env.actionMasks();
        assertThat(m[0]).isTrue();
        for (int a = 1; a < ACTIONS.n(); a++) {
            assertThat(m[a]).as("copy 0, %s", ACTIONS.label(a)).isFalse();
            assertThat(m[ACTIONS.n() + a]).as("copy 1, %s", ACTIONS.label(a)).isFalse();
        }
        inner[ACTIONS.n() + ACTIONS.indexOf("drain:node-1")] = true;
        assertThat(env.actionMasks()[ACTIONS.n() + ACTIONS.indexOf("drain:node-1")]).isTrue();
        assertThat(inner[1]).as("the inner masks are not written").isTrue();
    }

    @Test
    void anActionOnATargetWithoutFeaturesIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new SymptomGate(SCHEMA, new DiscreteSpace(List.of("noop", "restart:c"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("restart:c").hasMessageContaining("c.error_rate");
        assertThatThrownBy(() -> new SymptomGate(SCHEMA, ACTIONS).gate(fixed(new double[3], new boolean[ACTIONS.n()])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features");
    }

    /** A vector environment frozen in one state. */
    static VectorEnvironment fixed(double[] obs, boolean[] masks) {
        int n = masks.length / ACTIONS.n();
        BoxSpace box = obs.length == n * SCHEMA.size() ? new BoxSpace(SCHEMA)
                : new BoxSpace(new ObservationSchema(List.of(Feature.of("x", "x", 0, 1))));
        return new VectorEnvironment() {
            public int numEnvs() {
                return n;
            }

            public BoxSpace observationSpace() {
                return box;
            }

            public DiscreteSpace actionSpace() {
                return ACTIONS;
            }

            public void reset(long seed) {
            }

            public void step(int[] actions) {
            }

            public double[] observations() {
                return obs;
            }

            public double[] rewards() {
                return new double[n];
            }

            public boolean[] terminated() {
                return new boolean[n];
            }

            public boolean[] truncated() {
                return new boolean[n];
            }

            public double[] finalObservations() {
                return obs;
            }

            public boolean[] actionMasks() {
                return masks;
            }
        };
    }
}
