package io.autoops.policies.rules;

import io.autoops.core.mdp.DiscreteSpace;
import io.autoops.core.mdp.Feature;
import io.autoops.core.mdp.ObservationSchema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThresholdPolicyTest {

    private final ObservationSchema schema = new ObservationSchema(List.of(
            Feature.of("api.cpu", "ratio", 0, 1), Feature.of("api.error_rate", "ratio", 0, 1),
            Feature.of("api.memory", "ratio", 0, 1), Feature.of("api.p99_latency_ratio", "ratio", 0, 100),
            Feature.of("node.n1.cpu", "ratio", 0, 1)));
    private final DiscreteSpace actions = new DiscreteSpace(List.of("noop", "restart:api", "scale-out:api",
            "rollback:api", "drain:n1"));

    private ThresholdPolicy seedPolicy() {
        return new ThresholdPolicy(RuleSet.seed(), schema, actions);
    }

    private static double[] obs(double cpu, double err) {
        return new double[] {cpu, err, 0.5, 0.3, 0.4};
    }

    @Test
    void seedRules_cpuAbove80ForTwoDecisions_restarts() {
        ThresholdPolicy p = seedPolicy();
        assertThat(p.act(obs(0.85, 0), null)).isZero(); // one spike does not page
        assertThat(p.act(obs(0.85, 0), null)).isEqualTo(actions.indexOf("restart:api"));
    }

    @Test
    void liveRules_missingInstances_restartAtOnce() {
        ObservationSchema withReplicas = new ObservationSchema(List.of(Feature.of("api.error_rate", "ratio", 0, 1),
                Feature.of("api.ready_replicas", "count", 0, 10), Feature.of("api.desired_replicas", "count", 0, 10)));
        ThresholdPolicy p = new ThresholdPolicy(RuleSet.live(), withReplicas, actions);
        assertThat(p.act(new double[] {0, 2, 2}, null)).isZero();
        assertThat(p.act(new double[] {0, 1, 2}, null)).as("one of two instances missing").isEqualTo(actions.indexOf("restart:api"));
        assertThat(p.act(new double[] {0, 1, 2}, null)).as("cooling down").isZero();
    }

    @Test
    void seedRules_cpuAbove95_isCriticalAndActsAtOnce() {
        assertThat(seedPolicy().act(obs(0.97, 0), null)).isEqualTo(actions.indexOf("restart:api"));
    }

    @Test
    void seedRules_errors_rollBack_andCoolDownHolds() {
        ThresholdPolicy p = seedPolicy();
        p.act(obs(0.2, 0.3), null);
        assertThat(p.act(obs(0.2, 0.3), null)).isEqualTo(actions.indexOf("rollback:api"));
        for (int i = 0; i < 11; i++) {
            assertThat(p.act(obs(0.2, 0.3), null)).as("cool-down step %d", i).isZero();
        }
        // the condition held all along: it fires again as soon as the 12-step cool-down is over
        assertThat(p.act(obs(0.2, 0.3), null)).isEqualTo(actions.indexOf("rollback:api"));
    }

    @Test
    void maskedAction_isSkippedForTheNextRule() {
        ThresholdPolicy p = seedPolicy();
        boolean[] mask = {true, true, true, false, true};
        double[] o = obs(0.85, 0.3);
        assertThat(p.act(o, mask)).isZero();
        // errors (critical) would roll back, but rollback is masked: the CPU warning's restart is next
        assertThat(p.act(o, mask)).isEqualTo(actions.indexOf("restart:api"));
    }

    @Test
    void reset_clearsCountersAndCoolDowns() {
        ThresholdPolicy p = seedPolicy();
        assertThat(p.act(obs(0.97, 0), null)).isNotZero();
        p.reset();
        assertThat(p.act(obs(0.97, 0), null)).isNotZero();
    }

    @Test
    void ruleFile_errorsNameTheProblem() {
        assertThatThrownBy(() -> RuleSet.parse("r.yaml", "rules:\n  - {name: x, feature: cpu, above: 1, action: reboot}\n"))
                .hasMessageContaining("r.yaml").hasMessageContaining("unknown action 'reboot'");
        assertThatThrownBy(() -> RuleSet.parse("r.yaml", "rules:\n  - {name: x, feature: cpu, abuv: 1, action: restart}\n"))
                .hasMessageContaining("r.yaml:2").hasMessageContaining("abuv");
    }
}
