package io.autoops.core.alerting;

import io.autoops.core.monitoring.Sample;
import io.autoops.core.monitoring.SeriesKey;
import io.autoops.core.ops.VirtualClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertingAgentTest {

    private final VirtualClock clock = new VirtualClock(0);
    private final List<String> sent = new ArrayList<>();

    /** The seed's rules: CPU above 80 % is a warning, above 95 % critical. */
    private AlertingAgent seedAgent(long forMillis) {
        AlertingAgent agent = new AlertingAgent(clock, AlertingAgent.Settings.defaults());
        agent.addRule(new AlertRule("cpu_high", "cpu_usage", Map.of(), true, 80, 5, forMillis, Severity.WARNING,
                "CPU usage is above 80%"));
        agent.addRule(new AlertRule("cpu_critical", "cpu_usage", Map.of(), true, 95, 5, forMillis, Severity.CRITICAL,
                "CPU usage is above 95%"));
        agent.addChannel((event, alert) -> sent.add(event + " " + alert.rule() + " " + alert.severity()));
        return agent;
    }

    private void feed(AlertingAgent agent, String service, double... values) {
        for (double v : values) {
            clock.advance(5_000);
            agent.onSample(new Sample("cpu_usage", Map.of("service", service, "host", "server01"), clock.millis(), v));
            agent.tick();
        }
    }

    @Test
    void seedRules_warnAbove80_criticalAbove95_resolveWhenCalm() {
        AlertingAgent agent = seedAgent(0);
        feed(agent, "api", 50, 85);
        assertThat(agent.activeAlerts()).extracting(Alert::rule).containsExactly("cpu_high");
        feed(agent, "api", 97);
        assertThat(agent.activeAlerts()).extracting(Alert::severity).containsExactly(Severity.WARNING, Severity.CRITICAL);
        feed(agent, "api", 88); // at or below 95 - 5 (hysteresis) clears the critical, not the warning
        assertThat(agent.activeAlerts()).extracting(Alert::rule).containsExactly("cpu_high");
        feed(agent, "api", 70);
        assertThat(agent.activeAlerts()).isEmpty();
        assertThat(agent.history()).extracting(Alert::state).containsOnly(Alert.State.RESOLVED);
        assertThat(sent).containsExactly("fired cpu_high WARNING", "fired cpu_critical CRITICAL",
                "resolved cpu_critical CRITICAL", "resolved cpu_high WARNING");
    }

    @Test
    void forDuration_aSingleSpikeDoesNotPage() {
        AlertingAgent agent = seedAgent(10_000);
        feed(agent, "api", 50, 99, 50, 99, 50);
        assertThat(agent.activeAlerts()).isEmpty();
        feed(agent, "api", 99, 99, 99);
        assertThat(agent.activeAlerts()).hasSize(2);
    }

    @Test
    void repeatedSamples_areDeduplicatedIntoOneAlert() {
        AlertingAgent agent = seedAgent(0);
        feed(agent, "api", 85, 86, 87, 88, 89);
        assertThat(agent.activeAlerts()).hasSize(1);
        assertThat(agent.activeAlerts().get(0).value()).isEqualTo(89);
        assertThat(sent).hasSize(1);
    }

    @Test
    void alertStormOfOneFault_becomesOneIncident() {
        AlertingAgent agent = seedAgent(0);
        for (String s : List.of("gateway", "order", "payment", "user", "product")) {
            feed(agent, s, 99);
        }
        assertThat(agent.activeAlerts()).hasSize(10);
        assertThat(agent.incidents()).hasSize(1);
        assertThat(agent.incident(agent.incidents().get(0))).hasSize(10);
        assertThat(agent.activeAlerts().get(9).context()).anyMatch(c -> c.startsWith("related: "));
    }

    @Test
    void acknowledge_recordsWhoAndWhen() {
        AlertingAgent agent = seedAgent(0);
        feed(agent, "api", 85);
        String id = agent.activeAlerts().get(0).id();
        assertThat(agent.acknowledge(id, "alice")).isTrue();
        Alert a = agent.activeAlerts().get(0);
        assertThat(a.state()).isEqualTo(Alert.State.ACKNOWLEDGED);
        assertThat(a.acknowledgedBy()).isEqualTo("alice");
        assertThat(a.acknowledgedAt()).isEqualTo(clock.millis());
        feed(agent, "api", 40);
        assertThat(agent.history().get(0).acknowledgedBy()).isEqualTo("alice");
    }

    @Test
    void unresolvedAlert_isEscalated() {
        AlertingAgent agent = seedAgent(0);
        feed(agent, "api", 85);
        for (int i = 0; i < 130; i++) { // 650 s > 600 s deadline
            feed(agent, "api", 85);
        }
        Alert a = agent.activeAlerts().get(0);
        assertThat(a.escalated()).isTrue();
        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(sent).contains("escalated cpu_high CRITICAL");
    }

    @Test
    void sloImpact_makesAlertsCritical() {
        AlertingAgent agent = seedAgent(0);
        double[] good = {1.0};
        agent.sloImpact(() -> good[0], 0.95);
        feed(agent, "api", 85);
        assertThat(agent.activeAlerts().get(0).severity()).isEqualTo(Severity.WARNING);
        good[0] = 0.7;
        feed(agent, "api", 85);
        assertThat(agent.activeAlerts().get(0).severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void failingChannel_isRetried_andTheAlertIsNotLost() {
        AlertingAgent agent = new AlertingAgent(clock, AlertingAgent.Settings.defaults());
        agent.addRule(new AlertRule("cpu_high", "cpu_usage", Map.of(), true, 80, 5, 0, Severity.WARNING, "CPU high"));
        int[] calls = {0};
        List<String> delivered = new ArrayList<>();
        agent.addChannel((event, alert) -> {
            if (++calls[0] <= 2) {
                throw new IllegalStateException("webhook down");
            }
            delivered.add(event + " " + alert.id());
        });
        feed(agent, "api", 85);
        assertThat(delivered).isEmpty();
        assertThat(agent.pendingNotifications()).isEqualTo(1);
        for (int i = 0; i < 10; i++) {
            clock.advance(5_000);
            agent.tick();
        }
        assertThat(delivered).containsExactly("fired alert-1");
        assertThat(agent.notificationFailures()).isEqualTo(2);
        assertThat(agent.pendingNotifications()).isZero();
    }

    @Test
    void anomalyAlerts_fireAndClear() {
        AlertingAgent agent = seedAgent(0);
        SeriesKey key = new SeriesKey("latency_p99", Map.of("service", "payment"));
        agent.onAnomaly("sigma3", key, 0.999, List.of("p99 1.2 s vs 0.3 s usual"));
        agent.onAnomaly("sigma3", key, 0.9995, List.of());
        assertThat(agent.activeAlerts()).hasSize(1);
        assertThat(agent.activeAlerts().get(0).context().get(0)).contains("anomalous latency_p99").contains("usual");
        agent.anomalyCleared("sigma3", key);
        assertThat(agent.activeAlerts()).isEmpty();
    }
}
