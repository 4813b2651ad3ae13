package io.autoops.core.healing.strategy;

import io.autoops.core.alerting.Alert;
import io.autoops.core.healing.HealingSettings;
import io.autoops.core.healing.HealthCheck;
import io.autoops.core.ops.Actuator;
import io.autoops.core.ops.Clock;
import io.autoops.core.ops.MetricSource;
import io.autoops.core.ops.Reading;
import io.autoops.core.ops.Remediation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The healing agent driven by alerts and a {@link StrategyLibrary}: an active alert starts a treatment
 * of what it names (unless another healer holds that target or it is cooling down, see
 * {@link TargetLocks}); the treatment tries the matching strategies best first, each step by step.
 * A risky strategy first asks an operator ({@link #approve}/{@link #deny}); an approval that does not
 * come in time escalates, and an unapproved strategy never runs. Each step runs through the actuator
 * with a timeout, then the target is watched: healthy for a settle time within the verification window
 * ends the treatment (a success for the strategy), still unhealthy at the window's end goes on to the next step, then to the next strategy (a failure for
 * the one that ran out), and when none is left the incident is escalated. Every step lands in the
 * healing history (what, why, who approved, outcome, duration).
 *
 * <p>{@link #tick()} does all the work on the caller's thread, so in simulation it runs on the
 * simulator's clock, deterministically; live, call it from the daemon's loop. Thread-safe.
 */
public final class StrategyHealer implements AutoCloseable {

    /**
     * @param approvalTimeoutMillis how long a risky strategy waits for an operator before escalating
     * @param actionTimeoutMillis   how long one remediation may take before it counts as failed
     * @param verifyWindowMillis    how long after a step the problem may take to go away
     * @param settleMillis          how long the target must stay healthy to count as healed
     * @param cooldownMillis        how long a treated target is left alone afterwards
     */
    public record Settings(long approvalTimeoutMillis, long actionTimeoutMillis, long verifyWindowMillis, long settleMillis,
                           long cooldownMillis) {
        public Settings {
            if (approvalTimeoutMillis < 0 || actionTimeoutMillis < 1 || verifyWindowMillis < settleMillis || settleMillis < 0
                    || cooldownMillis < 0) {
                throw new IllegalArgumentException("invalid strategy healer settings: " + this);
            }
        }

        public static Settings defaults() {
            return new Settings(300_000, 30_000, 120_000, 15_000, 60_000);
        }
    }

    /** How one step of a treatment ended. */
    public enum Outcome { HEALED, NOT_HEALED, REFUSED, DENIED, APPROVAL_EXPIRED, ESCALATED }

    /** One line of the healing history; {@code target} is what the alert named ({@code service:payment}, {@code node:node-2}). */
    public record Record(String incident, String target, String alert, String strategy, String action, String approvedBy,
                         Outcome outcome, long startedAt, long endedAt, String detail) {
        public long durationMillis() {
            return endedAt - startedAt;
        }
    }

    /** A risky strategy waiting for an operator. */
    public record Pending(String id, String strategy, String target, String alert, long requestedAt, long expiresAt) {
    }

    private enum Phase { AWAIT_APPROVAL, READY, VERIFYING }

    private final class Treatment {
        final String id;
        final Alert alert;
        final String target;
        final List<Strategy> strategies;
        int strategy;
        int step;
        Phase phase;
        long dueAt;
        String approvedBy;
        Remediation current;
        long stepStartedAt;
        long healthySince = -1;

        Treatment(String id, Alert alert, String target, List<Strategy> strategies, long now) {
            this.id = id;
            this.alert = alert;
            this.target = target;
            this.strategies = strategies;
            this.stepStartedAt = now;
        }

        Strategy strategy() {
            return strategies.get(strategy);
        }
    }

    private final String name;
    private final StrategyLibrary library;
    private final MetricSource source;
    private final Actuator actuator;
    private final HealthCheck health;
    private final Clock clock;
    private final Settings settings;
    private final TargetLocks locks;
    private final Consumer<String> escalation;
    // A cached pool: a remediation that hangs past its timeout keeps its thread, and the next one gets another.
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "autoops-strategy-actuator");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Treatment> treatments = new LinkedHashMap<>();
    private final List<Record> history = new ArrayList<>();
    private final List<String> escalations = new ArrayList<>();
    private long next;

    /**
     * @param name       this healer's name (the owner of the targets it locks)
     * @param locks      shared with every other healer of the system
     * @param escalation told, in one line, about every escalation
     */
    public StrategyHealer(String name, StrategyLibrary library, MetricSource source, Actuator actuator,
                          HealingSettings.Health health, Clock clock, Settings settings, TargetLocks locks,
                          Consumer<String> escalation) {
        this.name = name;
        this.library = library;
        this.source = source;
        this.actuator = actuator;
        this.health = new HealthCheck(health);
        this.clock = clock;
        this.settings = settings;
        this.locks = locks;
        this.escalation = escalation;
    }

    /**
     * An alert changed: an active one starts a treatment of its target when no strategy is under way
     * there, no other healer holds it and it is not cooling down. Returns whether it did.
     */
    public synchronized boolean onAlert(Alert alert) {
        if (alert.state() != Alert.State.ACTIVE) {
            return false;
        }
        String target = targetOf(alert);
        if (target == null || treatments.containsKey(target)) {
            return false;
        }
        List<Strategy> candidates = library.candidates(alert);
        if (candidates.isEmpty() || !locks.acquire(target, name)) {
            return false;
        }
        long now = clock.millis();
        Treatment t = new Treatment(name + "-" + (++next), alert, target, candidates, now);
        treatments.put(target, t);
        begin(t, now);
        return true;
    }

    /** Moves every treatment on: approval timeouts, steps to run, verifications due. */
    public synchronized void tick() {
        long now = clock.millis();
        Reading reading = null;
        for (Iterator<Treatment> it = treatments.values().iterator(); it.hasNext(); ) {
            Treatment t = it.next();
            boolean done = false;
            if (t.phase == Phase.AWAIT_APPROVAL && now >= t.dueAt) {
                record(t, null, Outcome.APPROVAL_EXPIRED, now, "no operator approved " + t.strategy().name() + " in time");
                done = escalate(t, "approval of " + t.strategy().name() + " for " + t.target + " timed out", now);
            }
            if (!done && t.phase == Phase.VERIFYING) {
                if (reading == null) {
                    reading = source.read();
                }
                List<String> problems = reading.complete()
                        ? health.problems(source.schema(), reading, t.current.target()) : List.of("incomplete reading");
                t.healthySince = problems.isEmpty() ? (t.healthySince < 0 ? now : t.healthySince) : -1;
                if (t.healthySince >= 0 && now - t.healthySince >= settings.settleMillis()) {
                    record(t, t.current, Outcome.HEALED, now, "healthy from " + (t.healthySince - t.stepStartedAt) / 1000
                            + " s after the action on");
                    library.record(t.strategy().name(), true);
                    done = true;
                } else if (now - t.stepStartedAt >= settings.verifyWindowMillis()) {
                    record(t, t.current, Outcome.NOT_HEALED, now, problems.isEmpty() ? "not healthy for long enough"
                            : String.join("; ", problems));
                    t.step++;
                    t.phase = Phase.READY;
                }
            }
            if (!done && t.phase == Phase.READY) {
                done = runStep(t, now);
            }
            if (done) {
                locks.release(t.target, name, settings.cooldownMillis());
                it.remove();
            }
        }
    }

    /** An operator approves the risky strategy waiting under {@code id}; it runs at the next tick. */
    public synchronized boolean approve(String id, String by) {
        for (Treatment t : treatments.values()) {
            if (t.id.equals(id) && t.phase == Phase.AWAIT_APPROVAL) {
                t.approvedBy = by;
                t.phase = Phase.READY;
                return true;
            }
        }
        return false;
    }

    /** An operator denies it: the treatment goes on with the next strategy, if any. */
    public synchronized boolean deny(String id, String by) {
        for (Iterator<Treatment> it = treatments.values().iterator(); it.hasNext(); ) {
            Treatment t = it.next();
            if (t.id.equals(id) && t.phase == Phase.AWAIT_APPROVAL) {
                long now = clock.millis();
                record(t, null, Outcome.DENIED, now, "denied by " + by);
                if (nextStrategy(t, now)) {
                    locks.release(t.target, name, settings.cooldownMillis());
                    it.remove();
                }
                return true;
            }
        }
        return false;
    }

    public synchronized List<Pending> pending() {
        List<Pending> out = new ArrayList<>();
        for (Treatment t : treatments.values()) {
            if (t.phase == Phase.AWAIT_APPROVAL) {
                out.add(new Pending(t.id, t.strategy().name(), t.target, t.alert.id(), t.dueAt - settings.approvalTimeoutMillis(),
                        t.dueAt));
            }
        }
        return out;
    }

    /** Targets under treatment now. */
    public synchronized List<String> active() {
        return new ArrayList<>(treatments.keySet());
    }

    public synchronized List<Record> history() {
        return List.copyOf(history);
    }

    public synchronized List<String> escalations() {
        return List.copyOf(escalations);
    }

    public StrategyLibrary library() {
        return library;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------------------------ internals

    /** What an alert asks to heal: its service, else its node. */
    static String targetOf(Alert alert) {
        String service = alert.labels().get("service");
        if (service != null) {
            return "service:" + service;
        }
        String node = alert.labels().get("node");
        return node == null ? null : "node:" + node;
    }

    private void begin(Treatment t, long now) {
        t.step = 0;
        t.stepStartedAt = now;
        if (t.strategy().risky() && t.approvedBy == null) {
            t.phase = Phase.AWAIT_APPROVAL;
            t.dueAt = now + settings.approvalTimeoutMillis();
        } else {
            t.phase = Phase.READY;
        }
    }

    /** Runs the current step, or moves past an exhausted plan; true when the treatment has ended. */
    private boolean runStep(Treatment t, long now) {
        while (true) {
            if (t.step >= t.strategy().plan().size()) {
                library.record(t.strategy().name(), false);
                if (nextStrategy(t, now)) {
                    return true;
                }
                if (t.phase == Phase.AWAIT_APPROVAL) {
                    return false;
                }
                continue;
            }
            Remediation r = t.strategy().step(t.step, t.alert);
            if (r == null) {
                record(t, null, Outcome.REFUSED, now, "the alert names no target for " + t.strategy().plan().get(t.step));
                t.step++;
                continue;
            }
            t.current = r;
            t.stepStartedAt = now;
            Actuator.Actuation done = execute(r);
            if (!done.succeeded()) {
                record(t, r, Outcome.REFUSED, now, done.outcome() + ": " + done.message());
                t.step++;
                continue;
            }
            t.phase = Phase.VERIFYING;
            t.healthySince = -1;
            return false;
        }
    }

    /** Goes on with the next strategy; true when none is left (the incident was escalated). */
    private boolean nextStrategy(Treatment t, long now) {
        t.strategy++;
        t.approvedBy = null;
        if (t.strategy >= t.strategies.size()) {
            t.strategy = t.strategies.size() - 1;
            return escalate(t, "every strategy for " + t.target + " (" + t.alert.rule() + ") was tried; it is still unhealthy", now);
        }
        begin(t, now);
        return false;
    }

    private boolean escalate(Treatment t, String why, long now) {
        record(t, null, Outcome.ESCALATED, now, why);
        escalations.add(why);
        escalation.accept(why);
        return true;
    }

    private Actuator.Actuation execute(Remediation r) {
        CompletableFuture<Actuator.Actuation> f = CompletableFuture.supplyAsync(() -> actuator.execute(r), executor);
        try {
            return f.get(settings.actionTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Actuator.Actuation(r, Actuator.Actuation.Outcome.FAILED,
                    "timed out after " + settings.actionTimeoutMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Actuator.Actuation(r, Actuator.Actuation.Outcome.FAILED, "interrupted");
        } catch (ExecutionException e) {
            return new Actuator.Actuation(r, Actuator.Actuation.Outcome.FAILED, String.valueOf(e.getCause()));
        }
    }

    private void record(Treatment t, Remediation r, Outcome outcome, long now, String detail) {
        history.add(new Record(t.id, t.target, t.alert.rule() + " " + t.alert.labels(), t.strategy().name(),
                r == null ? null : r.label(), t.approvedBy, outcome, t.stepStartedAt, now, detail));
    }
}
