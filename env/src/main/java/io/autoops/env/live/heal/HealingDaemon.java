package io.autoops.env.live.heal;

import io.autoops.core.alerting.AlertRule;
import io.autoops.core.alerting.AlertingAgent;
import io.autoops.core.alerting.Severity;
import io.autoops.core.analysis.AnomalyWatch;
import io.autoops.core.analysis.RootCauseAnalyzer;
import io.autoops.core.analysis.Symptoms;
import io.autoops.core.bus.MessageBus;
import io.autoops.core.healing.AuditLog;
import io.autoops.core.healing.HealingAgent;
import io.autoops.core.healing.HealingSettings;
import io.autoops.core.mdp.ObservationSchema;
import io.autoops.core.mdp.Policy;
import io.autoops.core.monitoring.MonitoringAgent;
import io.autoops.core.monitoring.Sample;
import io.autoops.core.ops.Actuator;
import io.autoops.core.ops.Clock;
import io.autoops.core.ops.MetricSource;
import io.autoops.core.ops.Reading;
import io.autoops.core.ops.Remediation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The healing daemon: the monitoring agent records every reading and publishes its samples on a
 * concurrent {@link MessageBus}; the alerting agent (health rules, sent to Alertmanager) and the
 * analysis agent (an online detector per service error rate and p99 latency, raising anomaly alerts)
 * take them on their own threads; root-cause ranking adds evidence, and the {@link HealingAgent}
 * decides and acts behind its guards, every {@code interval} and at once when Alertmanager's webhook
 * reports a firing alert. The {@link ControlApi} serves operators and metrics.
 */
public final class HealingDaemon implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealingDaemon.class);

    /** File next to the audit log holding the control API's URL while the daemon runs. */
    public static final String CONTROL_URL = "control.url";

    private static final int QUEUE = 10_000;

    /** Published after a reading's samples: the alerting agent evaluates its rules then. */
    private record ReadingDone(long atMillis) {
    }

    private final HealConfig config;
    private final LiveSystem system;
    private final Clock clock;
    private final MonitoringAgent monitoring;
    private final AlertingAgent alerting;
    private final HealingAgent healer;
    private final DaemonMetrics metrics = new DaemonMetrics();
    private final AlertmanagerChannel alertmanager;
    private final ControlApi control;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "healing-loop");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<double[]> lastValues = new AtomicReference<>();
    private final List<Map<String, String>> received = new ArrayList<>();
    private final MessageBus bus = MessageBus.concurrent();

    public HealingDaemon(HealConfig config, LiveSystem system, Policy policy, String policyName, Clock clock) {
        this.config = config;
        this.system = system;
        this.clock = clock;
        this.monitoring = new MonitoringAgent(clock);
        this.alerting = new AlertingAgent(clock, AlertingAgent.Settings.defaults());
        this.alertmanager = config.alertmanager() == null ? null : new AlertmanagerChannel(config.alertmanager().url());
        healthRules(config.guards().health()).forEach(alerting::addRule);
        alerting.addChannel((event, alert) -> LOG.info("alert {} {} {} {}", event, alert.rule(), alert.labels(), alert.severity()));
        if (alertmanager != null) {
            alerting.addChannel(alertmanager);
        }
        config.webhooks().forEach(w -> alerting.addChannel(new WebhookChannel(w.url(), w.headers())));
        // The agents talk over the bus, each on its own thread: monitoring publishes every sample, the
        // alerting agent evaluates its rules once a reading's samples are in, analysis scores the series.
        monitoring.subscribe(bus::publish);
        bus.subscribe(Object.class, "alerting", QUEUE, m -> {
            if (m instanceof Sample s) {
                alerting.onSample(s);
            } else if (m instanceof ReadingDone) {
                alerting.tick();
            }
        });
        bus.subscribe(Sample.class, "analysis", QUEUE,
                AnomalyWatch.services(system.source().schema(), lastValues::get, alerting.anomalyListener()));
        MetricSource shared = new MetricSource() {
            @Override
            public ObservationSchema schema() {
                return system.source().schema();
            }

            @Override
            public Reading read() {
                Reading r = system.source().read();
                if (r.complete()) {
                    lastValues.set(r.values()); // before the samples go out: analysis gates on this reading
                }
                monitoring.ingest(system.source().schema(), r);
                bus.publish(new ReadingDone(r.atMillis()));
                return r;
            }
        };
        this.healer = new HealingAgent(shared, system.actuator(), policy, policyName, system.actions(), config.guards(),
                system.topology(), AuditLog.open(config.audit()), clock, listener());
        healer.evidence(this::evidence);
        this.control = new ControlApi(config.control(), this, metrics);
    }

    /** Starts the loop and the control API; returns at once. */
    public void start() {
        try {
            Path tmp = Files.createTempFile(config.audit().toAbsolutePath().getParent(), ".control-", ".tmp");
            Files.writeString(tmp, "http://127.0.0.1:" + control.port() + "/\n");
            Files.move(tmp, controlUrlFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + controlUrlFile() + ": " + e.getMessage(), e);
        }
        loop.scheduleWithFixedDelay(this::cycle, 0, config.interval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("healing {} with policy {}; control API on 127.0.0.1:{}", system.description(), healer.status().policy(),
                control.port());
    }

    private Path controlUrlFile() {
        return config.audit().toAbsolutePath().resolveSibling(CONTROL_URL);
    }

    /** Runs a decision now (an Alertmanager webhook reported a firing alert). */
    public void trigger(String why) {
        LOG.info("triggered: {}", why);
        loop.execute(this::cycle);
    }

    private void cycle() {
        try {
            HealingAgent.Cycle c = healer.cycle();
            metrics.cycle(c.state());
            metrics.status(healer.status());
            metrics.bus(bus.stats());
        } catch (RuntimeException e) {
            LOG.error("decision cycle failed: {}", e.toString(), e);
            metrics.cycle("error");
        }
    }

    public HealingAgent healer() {
        return healer;
    }

    public AlertingAgent alerting() {
        return alerting;
    }

    public int controlPort() {
        return control.port();
    }

    public String token() {
        return control.token();
    }

    /** Alerts Alertmanager sent to the webhook, newest last (bounded). */
    public synchronized List<Map<String, String>> received() {
        return List.copyOf(received);
    }

    synchronized void receivedAlert(Map<String, String> labels) {
        received.add(labels);
        if (received.size() > 200) {
            received.remove(0);
        }
    }

    private HealingAgent.Listener listener() {
        return new HealingAgent.Listener() {
            @Override
            public void decided(String action, long nanos) {
                metrics.decided(action, nanos);
            }

            @Override
            public void acted(Remediation r, Actuator.Actuation.Outcome outcome) {
                metrics.acted(r.kind(), outcome.name());
            }

            @Override
            public void approvalRequested(HealingAgent.Pending p) {
                notifyOperator("AutoOpsApprovalRequested", "warning", p.action() + " waits for approval: " + p.reason()
                        + " (decision " + p.decision() + ")");
            }

            @Override
            public void escalated(String reason) {
                metrics.escalated();
                notifyOperator("AutoOpsEscalation", "critical", reason);
            }
        };
    }

    private void notifyOperator(String name, String severity, String text) {
        LOG.warn("{}: {}", name, text);
        if (alertmanager == null) {
            return;
        }
        try {
            alertmanager.post(Map.of("alertname", name, "severity", severity, "source", "autoops"), text,
                    Instant.ofEpochMilli(clock.millis()), null);
        } catch (Exception e) {
            LOG.warn("could not tell Alertmanager ({}): {}", name, e.toString());
        }
    }

    /** The agents' bus: delivered, dropped and failed messages per subscription. */
    public List<MessageBus.Stats> busStats() {
        return bus.stats();
    }

    /** Root-cause candidates from the last reading and the active alerts, for decision records. */
    private List<String> evidence() {
        List<String> out = new ArrayList<>();
        double[] v = lastValues.get();
        if (v != null) {
            ObservationSchema schema = system.source().schema();
            Map<String, List<String>> calls = system.topology().calls();
            Map<String, Double> services = Symptoms.services(schema, v);
            if (services.values().stream().anyMatch(a -> a > 0.5)) {
                new RootCauseAnalyzer().rank(services, calls, Symptoms.nodes(schema, v), Map.of()).stream().limit(3)
                        .forEach(c -> out.add(String.format(Locale.ROOT, "root cause? %s %.2f: %s", c.name(), c.score(), c.evidence())));
            }
        }
        alerting.activeAlerts().forEach(a -> out.add("alert " + a.rule() + " " + a.labels() + " " + a.severity()));
        List<Map<String, String>> fromAlertmanager = received();
        fromAlertmanager.subList(Math.max(0, fromAlertmanager.size() - 3), fromAlertmanager.size())
                .forEach(l -> out.add("alertmanager " + l.getOrDefault("alertname", "?") + " " + l));
        return out;
    }

    /** Alert rules from the health thresholds: what verification calls unhealthy, an operator hears about. */
    static List<AlertRule> healthRules(HealingSettings.Health h) {
        return List.of(
                new AlertRule("ErrorRateHigh", "error_rate", Map.of(), true, h.errorRate(), h.errorRate() / 2, 2_000,
                        Severity.CRITICAL, "error rate above its healthy bound"),
                new AlertRule("LatencyHigh", "p99_latency_ratio", Map.of(), true, h.p99LatencyRatio(), 0.1, 2_000,
                        Severity.WARNING, "p99 latency above its SLO"),
                new AlertRule("MemoryHigh", "memory", Map.of(), true, h.memory(), 0.05, 0, Severity.WARNING,
                        "memory close to its limit"),
                new AlertRule("NodeCpuHigh", "node_cpu", Map.of(), true, h.nodeCpu(), 0.05, 2_000, Severity.WARNING,
                        "node CPU saturated"));
    }

    @Override
    public void close() {
        loop.shutdown(); // an action under way finishes and its outcome is recorded
        try {
            loop.awaitTermination(config.guards().actionTimeoutMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        control.close();
        try {
            Files.deleteIfExists(controlUrlFile());
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", controlUrlFile(), e.toString());
        }
        bus.close();
        healer.close();
        system.source().close();
    }
}
