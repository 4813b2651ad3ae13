package io.autoops.experiments.agents;

import io.autoops.core.alerting.Alert;
import io.autoops.core.alerting.AlertRule;
import io.autoops.core.alerting.AlertingAgent;
import io.autoops.core.alerting.Severity;
import io.autoops.core.analysis.AnomalyWatch;
import io.autoops.core.analysis.RootCauseAnalyzer;
import io.autoops.core.analysis.Symptoms;
import io.autoops.core.bus.MessageBus;
import io.autoops.core.healing.Guards;
import io.autoops.core.healing.HealingSettings;
import io.autoops.core.healing.strategy.StrategyHealer;
import io.autoops.core.healing.strategy.StrategyLibrary;
import io.autoops.core.healing.strategy.TargetLocks;
import io.autoops.core.mdp.ObservationSchema;
import io.autoops.core.mdp.Policy;
import io.autoops.core.monitoring.MonitoringAgent;
import io.autoops.core.monitoring.Sample;
import io.autoops.core.ops.Actuator;
import io.autoops.core.ops.MetricSource;
import io.autoops.core.ops.Reading;
import io.autoops.core.ops.Remediation;
import io.autoops.core.ops.Target;
import io.autoops.core.ops.VirtualClock;
import io.autoops.env.sim.Simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The seed's full agent pipeline on the simulator, one tick at a time on its clock, the agents talking
 * over a synchronous {@link MessageBus} (samples, then a tick marker): monitoring ingests the tick's reading; analysis scores each service's error rate and p99 latency with an online
 * detector and ranks root causes when an incident opens; alerting evaluates the seed's threshold rules
 * (with {@code for} durations, grouping into incidents, SLO-driven severity); healing answers active
 * alerts with the seed's strategies ({@link StrategyLibrary#seed()}), verifying each step and falling
 * back. A simulated operator approves risky strategies after {@code approveAfterMillis}. It is a
 * {@link Policy} so that the simulator's episode runner measures it like any other; the remediations
 * the healer starts are the actions of the next ticks, one per tick. Deterministic for a seed. Not thread-safe.
 */
public final class AgentPipeline implements Policy, AutoCloseable {

    /** What the pipeline saw of one incident. */
    public record Incident(String id, long detectedAt, int alerts, List<String> rules, List<String> rootCauses,
                           List<String> actions, long resolvedAt) {
    }

    /** Published once per tick after its samples: alerting, then healing, take their turn. */
    record Tick(long atMillis) {
    }

    private static final int QUEUE = 10_000;

    private final Simulator sim;
    private final VirtualClock clock = new VirtualClock(0);
    private final MessageBus bus = MessageBus.synchronous();
    private final MonitoringAgent monitoring = new MonitoringAgent(clock);
    private final AlertingAgent alerting = new AlertingAgent(clock, AlertingAgent.Settings.defaults());
    private final StrategyHealer healer;
    private final long approveAfterMillis;
    /** When an incident opened and what root causes were ranked then; the rest is read from the agents. */
    private record Opened(long detectedAt, List<String> rootCauses) {
    }

    private final Map<String, Opened> opened = new LinkedHashMap<>();
    private final Map<String, List<String>> incidentTargets = new HashMap<>();
    private final List<String> escalations = new ArrayList<>();
    private final ObservationSchema schema;
    private final java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
    private double[] last;

    public AgentPipeline(Simulator sim, StrategyLibrary library, long approveAfterMillis) {
        this.sim = sim;
        this.schema = sim.schema();
        this.approveAfterMillis = approveAfterMillis;
        seedRules().forEach(alerting::addRule);
        alerting.sloImpact(sim::goodShare, sim.scenario().spec().recovery().sloThreshold());
        // Monitoring publishes every sample; each agent takes what it needs from the bus, in publish order.
        monitoring.subscribe(bus::publish);
        bus.subscribe(Sample.class, "alerting", QUEUE, alerting::onSample);
        bus.subscribe(Sample.class, "analysis", QUEUE, AnomalyWatch.services(schema, () -> last, alerting.anomalyListener()));
        bus.subscribe(Tick.class, "alerting-tick", 16, t -> {
            alerting.tick();
            noteIncidents();
        });
        bus.subscribe(Tick.class, "healing", 16, this::heal);
        MetricSource source = new MetricSource() {
            @Override
            public ObservationSchema schema() {
                return schema;
            }

            @Override
            public Reading read() {
                return new Reading(clock.millis(), last.clone(), List.of());
            }
        };
        StrategyHealer.Settings s = new StrategyHealer.Settings(10 * 60_000L, 5_000, 180_000, 15_000, 60_000);
        this.healer = new StrategyHealer("healer", library, source, new OneActionPerTick(), HealingSettings.Health.defaults(),
                clock, s, new TargetLocks(clock), escalations::add);
    }

    /**
     * The seed's threshold rules over the simulator's features: CPU above 80 % (warning) and 95 %
     * (critical), memory above 90 %, error rate above 5 % and p99 latency above the SLO for 10 s, a
     * missing replica for 20 s, a node's CPU above 95 % for 10 s.
     */
    static List<AlertRule> seedRules() {
        return List.of(
                new AlertRule("cpu_high", "cpu", Map.of(), true, 0.80, 0.05, 10_000, Severity.WARNING, "CPU above 80 %"),
                new AlertRule("cpu_critical", "cpu", Map.of(), true, 0.95, 0.05, 10_000, Severity.CRITICAL, "CPU above 95 %"),
                new AlertRule("memory_high", "memory", Map.of(), true, 0.90, 0.05, 0, Severity.WARNING, "memory close to its limit"),
                new AlertRule("error_rate_high", "error_rate", Map.of(), true, 0.05, 0.025, 10_000, Severity.CRITICAL,
                        "error rate above 5 %"),
                new AlertRule("latency_high", "p99_latency_ratio", Map.of(), true, 1.0, 0.1, 10_000, Severity.WARNING,
                        "p99 latency above its SLO"),
                new AlertRule("replicas_missing", "missing_replicas", Map.of(), true, 0.5, 0.5, 20_000, Severity.WARNING,
                        "fewer instances ready than desired"),
                new AlertRule("node_cpu_high", "node_cpu", Map.of(), true, 0.95, 0.05, 10_000, Severity.WARNING,
                        "node CPU saturated"));
    }

    @Override
    public int act(double[] observation, boolean[] mask) {
        last = observation.clone();
        clock.set((long) Math.round(sim.tick() * sim.scenario().spec().tickSeconds() * 1000));
        Reading r = new Reading(clock.millis(), observation, List.of());
        monitoring.ingest(schema, r);
        for (String s : sim.scenario().services()) {
            double missing = observation[schema.indexOf(s + ".desired_replicas")] - observation[schema.indexOf(s + ".ready_replicas")];
            bus.publish(new Sample("missing_replicas", Map.of("service", s), clock.millis(), missing));
        }
        bus.publish(new Tick(clock.millis()));
        bus.drain();
        Integer a = queue.poll();
        return a == null || (mask != null && !mask[a]) ? 0 : a;
    }

    /** The healing agent's turn, once the tick's samples and alerts are in. */
    private void heal(Tick tick) {
        for (Alert a : alerting.activeAlerts()) {
            String service = a.labels().get("service");
            // Root cause first: a caller whose errors or latency its dependencies explain is left alone.
            if (service == null || Guards.explainedBy(new Remediation.Restart(Target.service(service), Duration.ZERO, 1),
                    schema, last, sim.callGraph()) == null) {
                healer.onAlert(a);
            }
        }
        for (StrategyHealer.Pending p : healer.pending()) {
            if (tick.atMillis() >= p.requestedAt() + approveAfterMillis) {
                healer.approve(p.id(), "simulated-operator");
            }
        }
        healer.tick();
    }

    /** The incidents so far, with what was done about them. */
    public List<Incident> incidents() {
        List<Incident> out = new ArrayList<>();
        for (Map.Entry<String, Opened> e : opened.entrySet()) {
            String id = e.getKey();
            Opened i = e.getValue();
            List<String> actions = new ArrayList<>();
            List<String> targets = incidentTargets.getOrDefault(id, List.of());
            List<Alert> all = alerting.incident(id);
            boolean open = all.stream().anyMatch(a -> a.state() != Alert.State.RESOLVED);
            long resolved = open ? -1 : all.stream().mapToLong(Alert::resolvedAt).max().orElse(-1);
            for (StrategyHealer.Record rec : healer.history()) {
                boolean during = rec.startedAt() >= i.detectedAt() && (resolved < 0 || rec.startedAt() <= resolved);
                if (during && targets.contains(rec.target())) {
                    actions.add(String.format(Locale.ROOT, "%s %s (%s)%s -> %s at %s", at(rec.startedAt()),
                            rec.action() == null ? "-" : rec.action(), rec.strategy(),
                            rec.approvedBy() == null ? "" : " approved by " + rec.approvedBy(), rec.outcome(), at(rec.endedAt())));
                }
            }
            out.add(new Incident(id, i.detectedAt(), all.size(), all.stream().map(a -> a.rule() + a.labels()).distinct().toList(),
                    i.rootCauses(), actions, resolved));
        }
        return out;
    }

    public List<String> escalations() {
        return List.copyOf(escalations);
    }

    public StrategyLibrary library() {
        return healer.library();
    }

    /** The bus's counters per subscription (delivered, dropped, failed). */
    public List<MessageBus.Stats> busStats() {
        return bus.stats();
    }

    @Override
    public void close() {
        healer.close();
        bus.close();
    }

    /** m:ss of simulated time. */
    public static String at(long millis) {
        long s = millis / 1000;
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** Records new incidents with the root-cause ranking of the moment they opened. */
    private void noteIncidents() {
        for (Alert a : alerting.activeAlerts()) {
            incidentTargets.computeIfAbsent(a.incident(), k -> new ArrayList<>());
            String target = a.labels().containsKey("service") ? "service:" + a.labels().get("service")
                    : a.labels().containsKey("node") ? "node:" + a.labels().get("node") : null;
            if (target != null && !incidentTargets.get(a.incident()).contains(target)) {
                incidentTargets.get(a.incident()).add(target);
            }
            if (opened.containsKey(a.incident())) {
                continue;
            }
            List<String> causes = new ArrayList<>();
            new RootCauseAnalyzer().rank(Symptoms.services(schema, last), sim.callGraph(), Symptoms.nodes(schema, last),
                    sim.placement()).stream().limit(3)
                    .forEach(c -> causes.add(String.format(Locale.ROOT, "%s %.2f", c.name(), c.score())));
            opened.put(a.incident(), new Opened(a.firedAt(), causes));
        }
    }

    /**
     * The simulator takes one action per tick: remediations started in the same tick queue up and are
     * applied one per tick, in order (one that is no longer possible by then is dropped).
     */
    private final class OneActionPerTick implements Actuator {
        @Override
        public Actuation execute(Remediation r) {
            int a = sim.actionSpace().labels().indexOf(r.label());
            if (a < 0) {
                return new Actuation(r, Actuation.Outcome.REFUSED, "the simulator has no action " + r.label());
            }
            if (!sim.isValid(a)) {
                return new Actuation(r, Actuation.Outcome.REFUSED, r.label() + " is not possible now");
            }
            queue.add(a);
            return new Actuation(r, Actuation.Outcome.DONE, "queued at tick " + sim.tick() + " behind " + (queue.size() - 1));
        }
    }
}
