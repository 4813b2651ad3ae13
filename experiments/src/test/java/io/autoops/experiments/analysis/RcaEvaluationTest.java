package io.autoops.experiments.analysis;

import io.autoops.env.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RcaEvaluationTest {

    @Test
    void crashAndBadDeploy_rootIsRankedFirst_nodeFailureTheNode() {
        var scenarios = List.of(ScenarioLoader.load("standard/crash"), ScenarioLoader.load("standard/bad-deploy"),
                ScenarioLoader.load("standard/node-failure"));
        var acc = RcaEvaluation.evaluate(scenarios, List.of(1_000_000L, 1_000_001L, 1_000_002L), 120);
        assertThat(acc).extracting(RcaEvaluation.Accuracy::faultType).containsExactly("bad-deploy", "crash", "node-failure");
        for (var a : acc) {
            assertThat(a.symptomatic()).as(a.faultType()).isEqualTo(3);
            assertThat(a.top1Share()).as(a.faultType()).isEqualTo(1.0);
        }
    }
}
