package io.autoops.core.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RootCauseAnalyzerTest {

    private final Map<String, List<String>> calls = Map.of(
            "gateway", List.of("order", "user"), "order", List.of("payment"), "payment", List.of(), "user", List.of());

    @Test
    void rank_deepestAnomalousDependencyComesFirst() {
        // payment fails; order and the gateway show the errors it propagates
        var ranked = new RootCauseAnalyzer().rank(Map.of("gateway", 0.8, "order", 0.9, "payment", 0.95, "user", 0.0),
                calls, Map.of(), Map.of());
        assertThat(ranked.get(0).name()).isEqualTo("payment");
        assertThat(ranked.get(0).evidence()).contains("its dependencies look healthy");
        assertThat(ranked.get(1).score()).isLessThan(ranked.get(0).score());
    }

    @Test
    void rank_nodeHostingManyAnomalousServicesIsTheCause() {
        var ranked = new RootCauseAnalyzer().rank(Map.of("gateway", 0.7, "order", 0.7, "payment", 0.1, "user", 0.8),
                calls, Map.of("node-1", 0.2, "node-2", 0.0),
                Map.of("node-1", List.of("gateway", "order", "user"), "node-2", List.of("payment")));
        assertThat(ranked.get(0).name()).isEqualTo("node-1");
    }
}
