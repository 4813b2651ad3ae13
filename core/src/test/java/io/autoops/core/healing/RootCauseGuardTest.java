package io.autoops.core.healing;

import io.autoops.core.mdp.Feature;
import io.autoops.core.mdp.ObservationSchema;
import io.autoops.core.ops.Reading;
import io.autoops.core.ops.Remediation;
import io.autoops.core.ops.Target;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Acting where the symptoms start: a caller of a slow service is not restarted for its latency. */
class RootCauseGuardTest {

    static final ObservationSchema SCHEMA;

    static {
        List<Feature> f = new ArrayList<>();
        for (String s : List.of("gateway", "product")) {
            for (String x : List.of("error_rate", "p99_latency_ratio", "memory", "cpu", "ready_replicas", "desired_replicas")) {
                f.add(Feature.of(s + "." + x, "ratio", 0, 10));
            }
        }
        SCHEMA = new ObservationSchema(f);
    }

    static final Guards.Topology TOPOLOGY = new Guards.Topology() {
        @Override
        public Map<String, Integer> instancesOn(String node) {
            return null;
        }

        @Override
        public Map<String, List<String>> calls() {
            return Map.of("gateway", List.of("product"), "product", List.of());
        }
    };

    static final List<Remediation> ACTIONS = List.of(new Remediation.NoOp(),
            new Remediation.Restart(Target.service("gateway"), Duration.ZERO, 1),
            new Remediation.Restart(Target.service("product"), Duration.ZERO, 1));

    final Guards guards = new Guards(HealingAgentTest.open(), TOPOLOGY);

    static double[] obs(double gatewayP99, double productP99, double gatewayReady) {
        return new double[] {0, gatewayP99, 0.2, 0.1, gatewayReady, 2, 0, productP99, 0.2, 0.1, 2, 2};
    }

    Guard.Verdict check(Remediation r, double[] o) {
        return guards.check(new Guard.Proposal(r, new Reading(0, o, List.of()), SCHEMA, new ActionHistory(1), 0), Set.of());
    }

    @Test
    void aCallerSlowBecauseOfItsDependencyIsLeftAloneAndTheDependencyIsTheTarget() {
        double[] o = obs(1.6, 3.0, 2);
        Guard.Verdict v = check(ACTIONS.get(1), o);
        assertThat(v.guard()).isEqualTo(Guards.ROOT_CAUSE);
        assertThat(v.reason()).contains("explained by its dependency product");
        assertThat(check(ACTIONS.get(2), o).allowed()).isTrue();
        assertThat(guards.policyMask(ACTIONS, new ActionHistory(1), 0, SCHEMA, o, TOPOLOGY)).containsExactly(true, false, true);
    }

    @Test
    void afterAnActionOtherTargetsLatencyWaitsForTheSystemToSettle() {
        HealingSettings o = HealingAgentTest.open();
        Guards settling = new Guards(new HealingSettings(o.allowedKinds(), o.deniedTargets(), 0, 0, 1, 1.0, 0, Set.of(), 1, 0,
                1, 1_000, 0, Map.of(), o.health(), 15_000), TOPOLOGY);
        ActionHistory h = new ActionHistory(60_000);
        h.started(ACTIONS.get(2), 0);
        double[] slowGateway = obs(1.6, 0.3, 2);
        Guard.Verdict v = settling.check(new Guard.Proposal(ACTIONS.get(1), new Reading(0, slowGateway, List.of()), SCHEMA, h,
                5_000), Set.of());
        assertThat(v.guard()).isEqualTo(Guards.SETTLE);
        assertThat(settling.check(new Guard.Proposal(ACTIONS.get(1), new Reading(0, obs(1.6, 0.3, 1), List.of()), SCHEMA, h,
                5_000), Set.of()).allowed()).as("a missing replica is not an after-effect").isTrue();
        assertThat(settling.check(new Guard.Proposal(ACTIONS.get(1), new Reading(0, slowGateway, List.of()), SCHEMA, h,
                15_000), Set.of()).allowed()).as("settled").isTrue();
        assertThat(settling.policyMask(ACTIONS, h, 5_000, SCHEMA, slowGateway, TOPOLOGY)).containsExactly(true, false, true);
    }

    @Test
    void aServiceWithSymptomsOfItsOwnOrHealthyDependenciesIsFair() {
        assertThat(check(ACTIONS.get(1), obs(1.6, 3.0, 1)).allowed()).as("missing a replica of its own").isTrue();
        assertThat(check(ACTIONS.get(1), obs(1.6, 0.3, 2)).allowed()).as("its dependency is fine").isTrue();
        Guards blind = new Guards(HealingAgentTest.open(), Guards.Topology.UNKNOWN);
        assertThat(blind.check(new Guard.Proposal(ACTIONS.get(1), new Reading(0, obs(1.6, 3.0, 2), List.of()), SCHEMA,
                new ActionHistory(1), 0), Set.of()).allowed()).as("no call graph, no root-cause guard").isTrue();
    }
}
