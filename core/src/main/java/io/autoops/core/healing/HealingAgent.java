package io.autoops.core.healing;

import io.autoops.core.mdp.ObservationSchema;
import io.autoops.core.mdp.Policy;
import io.autoops.core.ops.Actuator;
import io.autoops.core.ops.Clock;
import io.autoops.core.ops.MetricSource;
import io.autoops.core.ops.Reading;
import io.autoops.core.ops.Remediation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The decision and healing agents on a live (or simulated) system: each {@link #cycle()} reads the
 * metric source, asks the policy for a remediation (masked by the guards and by what the actuator can
 * do now), puts
 * it through the {@link Guards}, waits for an operator's approval where needed, writes the intent to
 * the {@link AuditLog} (forced to disk) before the actuator runs it with a timeout, records the
 * outcome, verifies after a while that the target is healthy, falls back to the next remediation when
 * it is not, and escalates when nothing helps or the circuit breaker opens.
 *
 * <p>{@link #cycle()} is called by one thread (the daemon's loop); the operator's methods
 * ({@link #approve}, {@link #deny}, {@link #pause}, {@link #resume}, {@link #status}, {@link #pending})
 * may be called from any thread.
 */
public final class HealingAgent implements AutoCloseable {

    /** What the daemon wants to hear about (metrics, notifications). Default methods do nothing. */
    public interface Listener {
        default void decided(String action, long nanos) {
        }

        default void acted(Remediation remediation, Actuator.Actuation.Outcome outcome) {
        }

        default void approvalRequested(Pending pending) {
        }

        default void escalated(String reason) {
        }
    }

    /** An action waiting for an operator. */
    public record Pending(String decision, String action, String reason, long requestedAt, long expiresAt) {
    }

    /** A snapshot for the control API. */
    public record Status(boolean paused, boolean breakerOpen, String policy, long decisions, long actions,
                         Map<String, Map<String, Long>> outcomesByKind, Map<String, long[]> verificationByKind,
                         List<Pending> pending, List<String> escalations, String lastSkip) {
    }

    /** What one cycle did. */
    public record Cycle(String state, String action, Guard.Verdict verdict, Actuator.Actuation actuation) {
    }

    /** A verification due; {@code tried}: the kinds its fallback chain has run, this one included. */
    private record Check(String decision, Remediation remediation, long dueAt, Set<String> tried) {
        boolean fallback() {
            return tried.size() > 1;
        }
    }

    /** An action waiting for approval; {@code triedBefore}: the kinds of the fallback chain it continues. */
    private record Queued(Remediation remediation, Set<String> triedBefore) {
    }

    private final MetricSource source;
    private final ObservationSchema schema;
    private final Actuator actuator;
    private final Policy policy;
    private final String policyName;
    private final List<Remediation> actions;
    private final HealingSettings settings;
    private final Guards guards;
    private final Guards.Topology topology;
    private final HealthCheck health;
    private final AuditLog audit;
    private final Clock clock;
    private final Listener listener;
    private final ActionHistory history;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "healing-action");
        t.setDaemon(true);
        return t;
    });
    private final String idPrefix;
    private volatile Supplier<List<String>> evidence = List::of;

    // guarded by this
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, Queued> pendingActions = new LinkedHashMap<>();
    private final Map<String, String> approvedBy = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> outcomes = new LinkedHashMap<>();
    private final Map<String, long[]> verification = new LinkedHashMap<>(); // kind -> {verified, failed}
    private final List<String> escalations = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private boolean paused;
    private long decisions;
    private long actionsRun;
    private long counter;
    private String lastSkip;

    public HealingAgent(MetricSource source, Actuator actuator, Policy policy, String policyName, List<Remediation> actions,
                        HealingSettings settings, Guards.Topology topology, AuditLog audit, Clock clock, Listener listener) {
        this.source = Objects.requireNonNull(source, "source");
        this.schema = source.schema();
        this.actuator = Objects.requireNonNull(actuator, "actuator");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.policyName = policyName;
        this.actions = List.copyOf(actions);
        this.settings = settings;
        this.guards = new Guards(settings, topology);
        this.topology = topology;
        this.health = new HealthCheck(settings.health());
        this.audit = audit;
        this.clock = clock;
        this.listener = listener == null ? new Listener() { } : listener;
        this.history = new ActionHistory(Math.max(Math.max(settings.rateWindowMillis(), settings.breakerWindowMillis()),
                Math.max(settings.cooldownMillis(), settings.settleMillis())));
        long now = clock.millis();
        this.idPrefix = Long.toString(now, 36);
        audit.append(AuditRecord.of("start").action(policyName, null)
                .result(null, actions.size() + " actions, schema " + schema.hash()), now);
        for (AuditRecord r : audit.interrupted()) {
            String key = r.action() == null ? "" : r.action().substring(r.action().indexOf(':') + 1);
            history.started(key.contains("/") ? key.substring(0, key.indexOf('/')) : key, now);
            audit.append(AuditRecord.of("interrupted").decision(r.decision()).action(r.policy(), r.action())
                    .result("INTERRUPTED", "the healer stopped while this action ran; it is not repeated, and "
                            + (key.isEmpty() ? "its target" : key) + " cools down before any new action"), now);
        }
    }

    /** Extra context for decision records: root-cause candidates, active alerts. */
    public void evidence(Supplier<List<String>> supplier) {
        this.evidence = Objects.requireNonNull(supplier);
    }

    public ObservationSchema schema() {
        return schema;
    }

    // ------------------------------------------------------------------------------------ the loop

    /** One decision: read, decide, guard, act, verify. Called by one thread. */
    public Cycle cycle() {
        long now = clock.millis();
        expireApprovals(now);
        Reading reading = source.read();
        synchronized (this) {
            if (paused) {
                return new Cycle("paused", null, null, null);
            }
        }
        if (!reading.complete()) {
            Guard.Verdict stale = Guards.staleData(reading);
            String reason = stale.reason();
            synchronized (this) {
                if (!reason.equals(lastSkip)) {
                    audit.append(AuditRecord.of("skip").verdict(Guards.STALE_DATA, reason), now);
                }
                lastSkip = reason;
            }
            return new Cycle("skipped", null, stale, null);
        }
        synchronized (this) {
            lastSkip = null;
        }
        verify(reading, now);
        Actuator.Actuation approvedRun = runApproved(reading, now);
        if (approvedRun != null) {
            return new Cycle("approved", approvedRun.remediation().label(), Guard.Verdict.ALLOW, approvedRun);
        }
        if (guards.breakerOpen()) {
            return new Cycle("breaker-open", null, null, null);
        }

        boolean[] mask = guards.policyMask(actions, history, now, schema, reading.values(), topology);
        for (int i = 1; i < mask.length; i++) {
            mask[i] = mask[i] && actuator.possible(actions.get(i)); // not offered what would only be refused
        }
        long t0 = System.nanoTime();
        int a = policy.act(reading.values().clone(), mask);
        long took = System.nanoTime() - t0;
        if (a < 0 || a >= actions.size()) {
            throw new IllegalStateException("policy " + policyName + " chose action " + a + " of " + actions.size());
        }
        Remediation r = actions.get(a);
        String id = nextId();
        listener.decided(r.label(), took);
        synchronized (this) {
            decisions++;
        }
        if (r instanceof Remediation.NoOp) {
            audit.append(AuditRecord.of("decision").decision(id).action(policyName, r.label()), now);
            return new Cycle("noop", r.label(), Guard.Verdict.ALLOW, null);
        }
        Guard.Verdict v = guards.check(new Guard.Proposal(r, reading, schema, history, now), Set.of());
        if (v.decision() != Guard.Verdict.Decision.DENY) {
            v = heldForApproval(r).orElse(v);
        }
        String decider = policy instanceof BackstopPolicy b ? b.lastDecidedBy() : policyName;
        audit.append(AuditRecord.of("decision").decision(id).action(decider, r.label())
                .verdict(v.guard().isEmpty() ? null : v.guard(), v.reason().isEmpty() ? null : v.reason())
                .context(inputs(reading), evidence.get()), now);
        switch (v.decision()) {
            case DENY:
                return new Cycle("denied", r.label(), v, null);
            case NEEDS_APPROVAL:
                requestApproval(id, r, v, now, Set.of());
                return new Cycle("awaiting-approval", r.label(), v, null);
            default:
                Actuator.Actuation done = run(id, r, now, Set.of());
                return new Cycle("acted", r.label(), v, done);
        }
    }

    /** Runs {@code r}; {@code triedBefore}: the kinds of the fallback chain it continues (empty: none). */
    private Actuator.Actuation run(String id, Remediation r, long now, Set<String> triedBefore) {
        audit.append(AuditRecord.of("intent").decision(id).action(policyName, r.label())
                .result(null, triedBefore.isEmpty() ? null : "fallback"), now);
        history.started(r, now);
        Actuator.Actuation result = execute(r);
        long end = clock.millis();
        history.finished(end);
        audit.append(AuditRecord.of("outcome").decision(id).action(policyName, r.label())
                .result(result.outcome().name(), result.message()), end);
        synchronized (this) {
            actionsRun++;
            outcomes.computeIfAbsent(r.kind(), k -> new LinkedHashMap<>()).merge(result.outcome().name(), 1L, Long::sum);
        }
        listener.acted(r, result.outcome());
        switch (result.outcome()) {
            case FAILED -> failure(end, r.label() + " failed: " + result.message());
            case DONE -> {
                if (settings.verifyAfterMillis() > 0) {
                    synchronized (this) {
                        Set<String> tried = new java.util.LinkedHashSet<>(triedBefore);
                        tried.add(r.kind());
                        checks.add(new Check(id, r, end + settings.verifyAfterMillis(), java.util.Collections.unmodifiableSet(tried)));
                    }
                }
            }
            default -> { }
        }
        return result;
    }

    private Actuator.Actuation execute(Remediation r) {
        Future<Actuator.Actuation> f = runner.submit(() -> actuator.execute(r));
        try {
            return f.get(settings.actionTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Actuator.Actuation(r, Actuator.Actuation.Outcome.FAILED,
                    "timed out after " + settings.actionTimeoutMillis() + " ms (it may still complete)");
        } catch (ExecutionException e) {
            return new Actuator.Actuation(r, Actuator.Actuation.Outcome.FAILED,
                    "actuator error: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Actuator.Actuation(r, Actuator.Actuation.Outcome.FAILED, "interrupted");
        }
    }

    private void failure(long now, String why) {
        history.failed(now);
        if (guards.tripIfNeeded(history, now)) {
            escalate(now, null, "circuit breaker opened after " + settings.breakerFailures() + " failures in "
                    + settings.breakerWindowMillis() / 1000 + " s (last: " + why + "); healing stopped until an operator resumes it");
        }
    }

    private void escalate(long now, String decision, String reason) {
        audit.append(AuditRecord.of("escalation").decision(decision).action(policyName, null).verdict(null, reason), now);
        synchronized (this) {
            escalations.add(clock.now() + " " + reason);
            if (escalations.size() > 50) {
                escalations.remove(0);
            }
        }
        listener.escalated(reason);
    }

    private void verify(Reading reading, long now) {
        List<Check> due = new ArrayList<>();
        synchronized (this) {
            for (var it = checks.iterator(); it.hasNext(); ) {
                Check c = it.next();
                if (c.dueAt() <= now) {
                    due.add(c);
                    it.remove();
                }
            }
        }
        for (Check c : due) {
            Remediation r = c.remediation();
            List<String> wrong = health.problems(schema, reading, r.target());
            synchronized (this) {
                verification.computeIfAbsent(r.kind(), k -> new long[2])[wrong.isEmpty() ? 0 : 1]++;
            }
            if (wrong.isEmpty()) {
                audit.append(AuditRecord.of("verified").decision(c.decision()).action(policyName, r.label()), now);
                continue;
            }
            String why = String.join("; ", wrong);
            audit.append(AuditRecord.of("verification-failed").decision(c.decision()).action(policyName, r.label())
                    .verdict(null, why), now);
            failure(now, r.label() + " did not help: " + why);
            // Fallbacks chain (scale-out -> restart -> rollback) until a kind comes round again or none is left.
            String next = settings.fallbacks().get(r.kind());
            boolean exhausted = next != null && c.tried().contains(next);
            Remediation fb = next == null || exhausted ? null : sameTarget(next, r);
            if (fb == null) {
                escalate(now, c.decision(), r.label() + " did not help (" + why + ")"
                        + (exhausted || (next == null && c.fallback()) ? "; its fallbacks are exhausted (tried "
                        + String.join(", ", c.tried()) + ")" : next == null ? "; no fallback for " + r.kind()
                        : "; no " + next + " action for " + r.target()));
                continue;
            }
            String id = nextId();
            Guard.Verdict v = guards.check(new Guard.Proposal(fb, reading, schema, history, now), Set.of(Guards.COOLDOWN, Guards.SETTLE));
            audit.append(AuditRecord.of("decision").decision(id).action(policyName + " (fallback)", fb.label())
                    .verdict(v.guard().isEmpty() ? null : v.guard(), "fallback after " + r.label() + ": " + why
                            + (v.reason().isEmpty() ? "" : "; " + v.reason())).context(inputs(reading), evidence.get()), now);
            switch (v.decision()) {
                case DENY -> escalate(now, id, "fallback " + fb.label() + " refused by " + v.guard() + ": " + v.reason());
                case NEEDS_APPROVAL -> requestApproval(id, fb, v, now, c.tried());
                default -> run(id, fb, now, c.tried());
            }
        }
    }

    private Remediation sameTarget(String kind, Remediation of) {
        String service = of.target().service();
        for (Remediation r : actions) {
            if (r.kind().equals(kind) && (r.target().equals(of.target()) || (!service.isEmpty() && r.target().service().equals(service)))) {
                return r;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------- approvals

    /**
     * Refuses {@code r} while another action on its target awaits approval: the operator decides on the
     * action the policy asked for first, and cheaper tries do not race the decision.
     */
    private synchronized java.util.Optional<Guard.Verdict> heldForApproval(Remediation r) {
        for (Queued q : pendingActions.values()) {
            Remediation waiting = q.remediation();
            boolean sameTarget = waiting.target().equals(r.target())
                    || (!r.target().service().isEmpty() && waiting.target().service().equals(r.target().service()));
            if (sameTarget && !waiting.label().equals(r.label())) {
                return java.util.Optional.of(Guard.Verdict.deny(Guards.APPROVAL_PENDING, waiting.label()
                        + " awaits an operator's approval; nothing else is done to " + r.target().name() + " meanwhile"));
            }
        }
        return java.util.Optional.empty();
    }

    private void requestApproval(String id, Remediation r, Guard.Verdict v, long now, Set<String> triedBefore) {
        Pending p;
        synchronized (this) {
            for (Pending q : pending.values()) {
                if (q.action().equals(r.label())) {
                    return; // already asked; one request per action
                }
            }
            p = new Pending(id, r.label(), v.reason(), now, now + settings.approvalTtlMillis());
            pending.put(id, p);
            pendingActions.put(id, new Queued(r, triedBefore));
        }
        audit.append(AuditRecord.of("approval-requested").decision(id).action(policyName, r.label()).verdict(v.guard(), v.reason()), now);
        listener.approvalRequested(p);
    }

    private Actuator.Actuation runApproved(Reading reading, long now) {
        String id;
        Queued q;
        String by;
        synchronized (this) {
            if (approvedBy.isEmpty()) {
                return null;
            }
            id = approvedBy.keySet().iterator().next();
            by = approvedBy.remove(id);
            q = pendingActions.remove(id);
            pending.remove(id);
        }
        Remediation r = q.remediation();
        // A fallback skips cool-down and settle, as when it needed no approval.
        Set<String> skip = q.triedBefore().isEmpty() ? Set.of(Guards.APPROVAL)
                : Set.of(Guards.APPROVAL, Guards.COOLDOWN, Guards.SETTLE);
        Guard.Verdict v = guards.check(new Guard.Proposal(r, reading, schema, history, now), skip);
        if (!v.allowed()) {
            audit.append(AuditRecord.of("decision").decision(id).action(policyName, r.label()).by(by)
                    .verdict(v.guard(), "approved, but now refused: " + v.reason()), now);
            return new Actuator.Actuation(r, Actuator.Actuation.Outcome.REFUSED, v.guard() + ": " + v.reason());
        }
        return run(id, r, now, q.triedBefore());
    }

    /** Approves a pending action; it runs at the next cycle (guards asked again). False if no such request. */
    public boolean approve(String decision, String by) {
        Pending p;
        synchronized (this) {
            p = pending.get(decision);
            if (p == null || approvedBy.containsKey(decision)) {
                return false;
            }
            approvedBy.put(decision, by);
        }
        audit.append(AuditRecord.of("approved").decision(decision).action(policyName, p.action()).by(by), clock.millis());
        return true;
    }

    public boolean deny(String decision, String by) {
        Pending p;
        synchronized (this) {
            p = pending.remove(decision);
            pendingActions.remove(decision);
            approvedBy.remove(decision);
        }
        if (p == null) {
            return false;
        }
        audit.append(AuditRecord.of("denied").decision(decision).action(policyName, p.action()).by(by), clock.millis());
        return true;
    }

    private void expireApprovals(long now) {
        List<Pending> gone = new ArrayList<>();
        synchronized (this) {
            for (var it = pending.values().iterator(); it.hasNext(); ) {
                Pending p = it.next();
                if (p.expiresAt() <= now && !approvedBy.containsKey(p.decision())) {
                    gone.add(p);
                    it.remove();
                    pendingActions.remove(p.decision());
                }
            }
        }
        for (Pending p : gone) {
            audit.append(AuditRecord.of("expired").decision(p.decision()).action(policyName, p.action())
                    .verdict(Guards.APPROVAL, "no approval within " + settings.approvalTtlMillis() / 1000 + " s"), now);
        }
    }

    public synchronized List<Pending> pending() {
        return List.copyOf(pending.values());
    }

    // ------------------------------------------------------------------------------- operator

    public void pause(String by) {
        synchronized (this) {
            paused = true;
        }
        audit.append(AuditRecord.of("control").by(by).result(null, "paused"), clock.millis());
    }

    /** Resumes healing and closes the circuit breaker. */
    public void resume(String by) {
        synchronized (this) {
            paused = false;
        }
        guards.resetBreaker();
        audit.append(AuditRecord.of("control").by(by).result(null, "resumed"), clock.millis());
    }

    public synchronized Status status() {
        Map<String, Map<String, Long>> o = new LinkedHashMap<>();
        outcomes.forEach((k, v) -> o.put(k, Map.copyOf(v)));
        Map<String, long[]> ver = new LinkedHashMap<>();
        verification.forEach((k, v) -> ver.put(k, v.clone()));
        return new Status(paused, guards.breakerOpen(), policyName, decisions, actionsRun, o, ver,
                List.copyOf(pending.values()), List.copyOf(escalations), lastSkip);
    }

    private Map<String, Double> inputs(Reading reading) {
        Map<String, Double> in = new LinkedHashMap<>();
        for (int i = 0; i < schema.size(); i++) {
            double v = reading.values()[i];
            in.put(schema.feature(i).name(), Math.round(v * 1e4) / 1e4);
        }
        return in;
    }

    private synchronized String nextId() {
        return idPrefix + "-" + (++counter);
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
