package io.autoops.core.monitoring;

import io.autoops.core.ops.VirtualClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class MonitoringAgentTest {

    private final VirtualClock clock = new VirtualClock(0);

    @Test
    void collect_respectsEachMetricsInterval_andHistoryIsBounded() {
        MonitoringAgent agent = new MonitoringAgent(clock, 5);
        AtomicInteger fast = new AtomicInteger();
        AtomicInteger slow = new AtomicInteger();
        agent.register(MetricSpec.fixed("cpu_usage", Map.of("host", "a"), fast::incrementAndGet, 1_000));
        agent.register(MetricSpec.fixed("memory_usage", Map.of("host", "a"), slow::incrementAndGet, 5_000));
        for (int t = 0; t < 20; t++) {
            agent.collectDue();
            clock.advance(1_000);
        }
        assertThat(fast.get()).isEqualTo(20);
        assertThat(slow.get()).isEqualTo(4);
        SeriesKey cpu = new SeriesKey("cpu_usage", Map.of("host", "a"));
        assertThat(agent.last(cpu, 100)).containsExactly(16, 17, 18, 19, 20); // bounded at 5
        assertThat(agent.range(cpu, 17_000, 18_000)).extracting(Sample::value).containsExactly(18.0, 19.0);
    }

    @Test
    void failingSubscriber_isIsolated() {
        MonitoringAgent agent = new MonitoringAgent(clock);
        agent.register(MetricSpec.fixed("cpu_usage", Map.of(), () -> 50, 1_000));
        List<Sample> seen = new ArrayList<>();
        agent.subscribe(s -> {
            throw new IllegalStateException("broken subscriber");
        });
        agent.subscribe(seen::add);
        for (int t = 0; t < 3; t++) {
            agent.collectDue();
            clock.advance(1_000);
        }
        assertThat(seen).hasSize(3);
        assertThat(agent.subscriberFailures()).isEqualTo(3);
        assertThat(agent.samples()).isEqualTo(3);
    }

    @Test
    void find_selectsSeriesByLabels() {
        MonitoringAgent agent = new MonitoringAgent(clock);
        agent.register(MetricSpec.fixed("cpu", Map.of("service", "payment", "zone", "a"), () -> 1, 1_000));
        agent.register(MetricSpec.fixed("cpu", Map.of("service", "order", "zone", "a"), () -> 1, 1_000));
        agent.register(MetricSpec.fixed("memory", Map.of("service", "payment"), () -> 1, 1_000));
        assertThat(agent.find("cpu", Map.of("zone", "a"))).hasSize(2);
        assertThat(agent.find("cpu", Map.of("service", "payment"))).containsExactly(
                new SeriesKey("cpu", Map.of("service", "payment", "zone", "a")));
    }

    @Test
    void adaptiveSampling_tightensTowardsTheThreshold_andRelaxesWhenCalm() {
        MonitoringAgent agent = new MonitoringAgent(clock);
        double[] value = {10};
        agent.register(new MetricSpec("cpu", Map.of(), () -> value[0], 4_000, 80));
        SeriesKey key = new SeriesKey("cpu", Map.of());
        for (int t = 0; t < 6; t++) { // calm, far below 80
            agent.collectDue();
            clock.advance(agent.interval(key));
        }
        assertThat(agent.interval(key)).isGreaterThan(4_000);
        for (int t = 0; t < 6; t++) { // climbing towards 80
            value[0] = 60 + 3 * t;
            clock.advance(agent.interval(key));
            agent.collectDue();
        }
        assertThat(agent.interval(key)).isEqualTo(1_000);
    }

    @Test
    void sourceFeatures_becomeLabelledSeries() {
        assertThat(MonitoringAgent.keyOf("payment.cpu")).isEqualTo(new SeriesKey("cpu", Map.of("service", "payment")));
        assertThat(MonitoringAgent.keyOf("node.node-1.memory")).isEqualTo(new SeriesKey("node_memory", Map.of("node", "node-1")));
        assertThat(MonitoringAgent.keyOf("time_of_day")).isEqualTo(new SeriesKey("time_of_day", Map.of()));
    }
}
