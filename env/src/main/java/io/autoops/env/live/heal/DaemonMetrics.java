package io.autoops.env.live.heal;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The daemon's own metrics, in a registry of its own (served on the control API's {@code /metrics}). */
final class DaemonMetrics {

    final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter decisions = Counter.builder().name("autoops_decisions_total")
            .help("Decisions of the policy, by the kind of action chosen").labelNames("kind").register(registry);
    private final Counter actions = Counter.builder().name("autoops_actions_total")
            .help("Remediations run, by kind and outcome").labelNames("kind", "outcome").register(registry);
    private final Histogram latency = Histogram.builder().name("autoops_decision_latency_seconds")
            .help("Time the policy took to decide").classicOnly()
            .classicUpperBounds(0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1).register(registry);
    private final Counter cycles = Counter.builder().name("autoops_cycles_total")
            .help("Decision cycles, by what happened (acted, noop, denied, skipped, paused, ...)").labelNames("state")
            .register(registry);
    private final Counter escalations = Counter.builder().name("autoops_escalations_total")
            .help("Escalations to an operator").register(registry);
    private final Counter webhooks = Counter.builder().name("autoops_alertmanager_alerts_total")
            .help("Alerts received from Alertmanager's webhook, by status").labelNames("status").register(registry);
    private final Gauge pending = Gauge.builder().name("autoops_pending_approvals").help("Actions waiting for approval")
            .register(registry);
    private final Gauge breaker = Gauge.builder().name("autoops_circuit_breaker_open").help("1 while the circuit breaker is open")
            .register(registry);
    private final Gauge paused = Gauge.builder().name("autoops_paused").help("1 while an operator paused healing").register(registry);
    private final Gauge bus = Gauge.builder().name("autoops_bus_messages")
            .help("Messages of the agents' bus per subscription: delivered, dropped (queue full) and failed (handler threw)")
            .labelNames("subscription", "outcome").register(registry);

    void bus(java.util.List<io.autoops.core.bus.MessageBus.Stats> stats) {
        for (io.autoops.core.bus.MessageBus.Stats s : stats) {
            bus.labelValues(s.name(), "delivered").set(s.delivered());
            bus.labelValues(s.name(), "dropped").set(s.dropped());
            bus.labelValues(s.name(), "failed").set(s.failures());
        }
    }

    void status(io.autoops.core.healing.HealingAgent.Status s) {
        pending.set(s.pending().size());
        breaker.set(s.breakerOpen() ? 1 : 0);
        paused.set(s.paused() ? 1 : 0);
    }

    void decided(String action, long nanos) {
        int colon = action.indexOf(':');
        decisions.labelValues(colon < 0 ? action : action.substring(0, colon)).inc();
        latency.observe(nanos / 1e9);
    }

    void acted(String kind, String outcome) {
        actions.labelValues(kind, outcome).inc();
    }

    void cycle(String state) {
        cycles.labelValues(state).inc();
    }

    void escalated() {
        escalations.inc();
    }

    void webhook(String status) {
        webhooks.labelValues(status).inc();
    }
}
