package io.autoops.core.mdp;

import io.autoops.core.ops.Remediation;
import io.autoops.core.ops.Target;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractRecordsTest {

    @Test
    void step_nanReward_failsAtConstruction() {
        assertThatThrownBy(() -> new Step<>(new double[1], Double.NaN, false, false, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reward must be finite");
    }

    @Test
    void transition_negativeAction_failsAtConstruction() {
        assertThatThrownBy(() -> new Transition(new double[1], -1, 0, new double[1], false, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void episode_discountedReturn_matchesHandComputedValue() {
        Episode ep = new Episode(1, List.of(
                new Transition(new double[1], 0, 1, new double[1], false, false),
                new Transition(new double[1], 0, 2, new double[1], false, false),
                new Transition(new double[1], 0, 4, new double[1], true, false)), true, false);
        assertThat(ep.totalReward()).isEqualTo(7.0);
        assertThat(ep.discountedReturn(0.5)).isEqualTo(1 + 0.5 * 2 + 0.25 * 4);
    }

    @Test
    void schema_hash_isStableAndIgnoresBoundsButNotUnits() {
        ObservationSchema a = new ObservationSchema(List.of(Feature.of("x", "ratio", 0, 1), Feature.of("y", "1", 0, 9)));
        ObservationSchema b = new ObservationSchema(List.of(Feature.of("x", "ratio", 0, 2), Feature.of("y", "1", 0, 9)));
        ObservationSchema c = new ObservationSchema(List.of(Feature.of("x", "percent", 0, 1), Feature.of("y", "1", 0, 9)));
        ObservationSchema reordered = new ObservationSchema(List.of(Feature.of("y", "1", 0, 9), Feature.of("x", "ratio", 0, 1)));
        assertThat(a.hash()).isEqualTo(b.hash()).hasSize(64);
        assertThat(a.hash()).isNotEqualTo(c.hash()).isNotEqualTo(reordered.hash());
        // A fixed value: the hash must not change between releases for the same features.
        assertThat(a.hash()).isEqualTo(new ObservationSchema(List.of(Feature.of("x", "ratio", 5, 6),
                Feature.of("y", "1", 1, 2))).hash());
        assertThat(a.differences(reordered)).containsExactly(
                "feature order differs at position 0: expected 'x', found 'y'");
    }

    @Test
    void schema_duplicateName_isRefused() {
        assertThatThrownBy(() -> new ObservationSchema(List.of(Feature.of("x", "1", 0, 1), Feature.of("x", "1", 0, 1))))
                .hasMessageContaining("duplicate feature name 'x'");
    }

    @Test
    void feature_invertedBounds_areRefused() {
        assertThatThrownBy(() -> Feature.of("x", "1", 2, 1)).hasMessageContaining("low <= high");
    }

    @Test
    void boxSpace_firstViolation_namesTheFeature() {
        BoxSpace box = new BoxSpace(new ObservationSchema(List.of(Feature.of("cpu", "ratio", 0, 1))));
        assertThat(box.firstViolation(new double[] {0.5})).isNull();
        assertThat(box.firstViolation(new double[] {1.5})).contains("'cpu' = 1.5");
        assertThat(box.firstViolation(new double[] {Double.NaN})).contains("'cpu' is NaN");
        assertThat(box.firstViolation(new double[] {0, 0})).contains("2 values");
    }

    @Test
    void remediation_wrongTargetKindOrNegativeValues_areRefused() {
        assertThatThrownBy(() -> new Remediation.DrainNode(Target.service("payment"), Duration.ZERO, 1))
                .hasMessageContaining("not one of [NODE]");
        assertThatThrownBy(() -> new Remediation.ScaleOut(Target.service("payment"), 0, Duration.ZERO, 1))
                .hasMessageContaining("at least one replica");
        assertThatThrownBy(() -> new Remediation.Restart(Target.service("payment"), Duration.ofSeconds(-1), 1))
                .hasMessageContaining("delay must not be negative");
        assertThatThrownBy(() -> new Remediation.ShedLoad(Target.service("payment"), 1.5, Duration.ZERO, 1))
                .hasMessageContaining("shed fraction");
    }

    @Test
    void remediation_labelsAndRisk_followTheKind() {
        Remediation r = new Remediation.Rollback(Target.service("payment"), Duration.ofSeconds(30), 2);
        assertThat(r.label()).isEqualTo("rollback:payment");
        assertThat(r.risky()).isTrue();
        assertThat(new Remediation.Restart(Target.instance("payment", 2), Duration.ofSeconds(5), 1).label())
                .isEqualTo("restart:payment/2");
        assertThat(new Remediation.NoOp().label()).isEqualTo("noop");
        assertThat(Target.instance("payment", 2).service()).isEqualTo("payment");
    }

    @Test
    void discreteSpace_duplicateLabel_isRefused() {
        assertThatThrownBy(() -> new DiscreteSpace(List.of("a", "a"))).hasMessageContaining("duplicate action label");
    }
}
