package io.autoops.core.healing;

import io.autoops.core.ops.Reading;
import io.autoops.core.ops.Remediation;
import io.autoops.core.ops.Target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The standard guards, in the order they are asked: stale data, action mask, circuit breaker,
 * cool-down, root cause, settle, rate limits, blast radius, approval. The first guard that does not allow
 * decides. The mask, the cool-down and the root-cause guard also shape the policy's action mask, so a
 * policy is not asked to choose what would be refused anyway.
 */
public final class Guards {

    /** Names as they appear in audit records, metrics and messages. */
    public static final String STALE_DATA = "stale-data";
    public static final String MASK = "action-mask";
    public static final String BREAKER = "circuit-breaker";
    public static final String COOLDOWN = "cool-down";
    public static final String ROOT_CAUSE = "root-cause";
    public static final String SETTLE = "settle";
    public static final String RATE_LIMIT = "rate-limit";
    public static final String BLAST_RADIUS = "blast-radius";
    public static final String APPROVAL = "approval";
    /** While an action on a target awaits approval, nothing else is done to that target. */
    public static final String APPROVAL_PENDING = "approval-pending";

    /**
     * What the guards know of the system: where a node's instances are (instances per service on that
     * node; an empty map when it has none; null when unknown), and which services each service calls
     * (empty: unknown, and the root-cause guard is off).
     */
    @FunctionalInterface
    public interface Topology {
        Map<String, Integer> instancesOn(String node);

        default Map<String, List<String>> calls() {
            return Map.of();
        }

        Topology UNKNOWN = node -> null;
    }

    private final HealingSettings settings;
    private final Map<String, Guard> guards = new LinkedHashMap<>();
    private volatile boolean breakerOpen;

    public Guards(HealingSettings settings, Topology topology) {
        this.settings = settings;
        guards.put(STALE_DATA, Guards::staleData);
        guards.put(MASK, p -> masked(p.remediation()) ? Guard.Verdict.deny(MASK, maskReason(p.remediation())) : Guard.Verdict.ALLOW);
        guards.put(BREAKER, this::breaker);
        guards.put(COOLDOWN, this::cooldown);
        guards.put(ROOT_CAUSE, p -> {
            String cause = explainedBy(p.remediation(), p.schema(), p.reading().values(), topology.calls());
            return cause == null ? Guard.Verdict.ALLOW : Guard.Verdict.deny(ROOT_CAUSE, cause);
        });
        guards.put(SETTLE, this::settle);
        guards.put(RATE_LIMIT, this::rateLimit);
        guards.put(BLAST_RADIUS, p -> blastRadius(p, topology));
        guards.put(APPROVAL, p -> settings.approvalKinds().contains(p.remediation().kind())
                ? new Guard.Verdict(Guard.Verdict.Decision.NEEDS_APPROVAL, APPROVAL,
                p.remediation().kind() + " needs an operator's approval")
                : Guard.Verdict.ALLOW);
    }

    public HealingSettings settings() {
        return settings;
    }

    /**
     * Asks every guard in order but those in {@code skip}: {@link #APPROVAL} once an operator said yes,
     * {@link #COOLDOWN} for a fallback, which continues the treatment the cool-down started.
     */
    public Guard.Verdict check(Guard.Proposal proposal, java.util.Set<String> skip) {
        for (Map.Entry<String, Guard> g : guards.entrySet()) {
            if (skip.contains(g.getKey())) {
                continue;
            }
            Guard.Verdict v = g.getValue().check(proposal);
            if (!v.allowed()) {
                return v;
            }
        }
        return Guard.Verdict.ALLOW;
    }

    /**
     * The policy's action mask: false for remediations the mask, a cool-down, the root-cause or the
     * settle guard would refuse now; the no-op (index 0 by the action-space convention) stays valid.
     */
    public boolean[] policyMask(List<Remediation> actions, ActionHistory history, long now,
                                io.autoops.core.mdp.ObservationSchema schema, double[] observation, Topology topology) {
        boolean[] mask = new boolean[actions.size()];
        for (int a = 0; a < mask.length; a++) {
            Remediation r = actions.get(a);
            mask[a] = r instanceof Remediation.NoOp
                    || (!masked(r) && !coolingDown(history, ActionHistory.targetKey(r.target()), now)
                    && explainedBy(r, schema, observation, topology.calls()) == null
                    && unsettled(r, history, now, schema, observation) == null);
        }
        return mask;
    }

    /**
     * The root-cause guard: a service whose only symptoms are the kind that travel up the call graph
     * (errors, latency) while a service it depends on (directly or not) is anomalous too is not the
     * place to act: restarting a caller of a slow service helps nothing. Returns the reason,
     * or null when the action may go ahead. Symptoms of its own (missing replicas, memory, CPU) are
     * never explained away.
     */
    public static String explainedBy(Remediation r, io.autoops.core.mdp.ObservationSchema schema, double[] obs,
                              Map<String, List<String>> calls) {
        String s = r.target().service();
        if (calls.isEmpty() || s.isEmpty() || r instanceof Remediation.ScaleIn) {
            return null;
        }
        if (io.autoops.core.analysis.Symptoms.intrinsic(schema, obs, s) >= io.autoops.core.analysis.Symptoms.ANOMALOUS) {
            return null;
        }
        double own = io.autoops.core.analysis.Symptoms.propagating(schema, obs, s);
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(calls.getOrDefault(s, List.of()));
        java.util.Set<String> seen = new java.util.HashSet<>();
        Map<String, Double> anomaly = io.autoops.core.analysis.Symptoms.services(schema, obs);
        while (!todo.isEmpty()) {
            String d = todo.poll();
            if (!seen.add(d)) {
                continue;
            }
            double a = anomaly.getOrDefault(d, 0.0);
            if (a >= io.autoops.core.analysis.Symptoms.ANOMALOUS) {
                return String.format(Locale.ROOT, "%s's symptoms (%.2f) are explained by its dependency %s (%.2f): act there",
                        s, own, d, a);
            }
            todo.addAll(calls.getOrDefault(d, List.of()));
        }
        return null;
    }

    /** Opens the breaker when the failures in its window reached the limit; true when it just opened. */
    public boolean tripIfNeeded(ActionHistory history, long now) {
        if (breakerOpen || settings.breakerFailures() == 0) {
            return false;
        }
        if (history.failuresSince(now - settings.breakerWindowMillis()) >= settings.breakerFailures()) {
            breakerOpen = true;
            return true;
        }
        return false;
    }

    public boolean breakerOpen() {
        return breakerOpen;
    }

    /** Closes the breaker (an operator resumed healing). */
    public void resetBreaker() {
        breakerOpen = false;
    }

    // --------------------------------------------------------------------------------------- guards

    private static Guard.Verdict staleData(Guard.Proposal p) {
        return staleData(p.reading());
    }

    /** The stale-data guard on its own: no decision at all on an incomplete or stale reading. */
    public static Guard.Verdict staleData(Reading r) {
        if (r.complete()) {
            return Guard.Verdict.ALLOW;
        }
        List<String> said = r.problems().isEmpty() ? List.of("non-finite values") : r.problems();
        return Guard.Verdict.deny(STALE_DATA, "no action on incomplete or stale data: "
                + String.join("; ", said.subList(0, Math.min(3, said.size())))
                + (said.size() > 3 ? "; and " + (said.size() - 3) + " more" : ""));
    }

    private boolean masked(Remediation r) {
        if (r instanceof Remediation.NoOp) {
            return false;
        }
        if (!settings.allowedKinds().isEmpty() && !settings.allowedKinds().contains(r.kind())) {
            return true;
        }
        Target t = r.target();
        return settings.deniedTargets().contains(t.name()) || settings.deniedTargets().contains(t.service());
    }

    private String maskReason(Remediation r) {
        return !settings.allowedKinds().isEmpty() && !settings.allowedKinds().contains(r.kind())
                ? r.kind() + " is not an allowed kind " + new java.util.TreeSet<>(settings.allowedKinds())
                : r.target() + " is a denied target";
    }

    private Guard.Verdict breaker(Guard.Proposal p) {
        return breakerOpen ? Guard.Verdict.deny(BREAKER, "the circuit breaker is open after "
                + settings.breakerFailures() + " failures; an operator must resume healing") : Guard.Verdict.ALLOW;
    }

    private boolean coolingDown(ActionHistory h, String key, long now) {
        long last = h.lastActionAt(key);
        return settings.cooldownMillis() > 0 && last != Long.MIN_VALUE && now - last < settings.cooldownMillis();
    }

    private Guard.Verdict cooldown(Guard.Proposal p) {
        String key = ActionHistory.targetKey(p.remediation().target());
        if (!coolingDown(p.history(), key, p.now())) {
            return Guard.Verdict.ALLOW;
        }
        long left = settings.cooldownMillis() - (p.now() - p.history().lastActionAt(key));
        return Guard.Verdict.deny(COOLDOWN, key + " was acted on " + (p.now() - p.history().lastActionAt(key))
                + " ms ago; cool-down has " + left + " ms left");
    }

    private Guard.Verdict settle(Guard.Proposal p) {
        String why = unsettled(p.remediation(), p.history(), p.now(), p.schema(), p.reading().values());
        return why == null ? Guard.Verdict.ALLOW : Guard.Verdict.deny(SETTLE, why);
    }

    private String unsettled(Remediation r, ActionHistory history, long now, io.autoops.core.mdp.ObservationSchema schema,
                             double[] obs) {
        String key = ActionHistory.targetKey(r.target());
        long last = history.lastActionAt(null);
        long lastHere = history.lastActionAt(key);
        if (settings.settleMillis() == 0 || last == Long.MIN_VALUE || now - last >= settings.settleMillis()
                || (lastHere != Long.MIN_VALUE && lastHere >= history.lastStarted())) {
            return null;
        }
        String s = r.target().service();
        if (s.isEmpty() || io.autoops.core.analysis.Symptoms.intrinsic(schema, obs, s) >= io.autoops.core.analysis.Symptoms.ANOMALOUS) {
            return null; // a node, or a service with symptoms of its own
        }
        return "the last action ended " + (now - last) + " ms ago; " + s + "'s latency or errors may be its after-effect (settle "
                + settings.settleMillis() / 1000 + " s)";
    }

    private Guard.Verdict rateLimit(Guard.Proposal p) {
        long since = p.now() - settings.rateWindowMillis();
        String key = ActionHistory.targetKey(p.remediation().target());
        if (settings.perTargetLimit() > 0 && p.history().actionsSince(since, key) >= settings.perTargetLimit()) {
            return Guard.Verdict.deny(RATE_LIMIT, key + " already had " + settings.perTargetLimit() + " actions in the last "
                    + settings.rateWindowMillis() / 1000 + " s");
        }
        if (settings.globalLimit() > 0 && p.history().actionsSince(since, null) >= settings.globalLimit()) {
            return Guard.Verdict.deny(RATE_LIMIT, settings.globalLimit() + " actions in all in the last "
                    + settings.rateWindowMillis() / 1000 + " s (global limit)");
        }
        return Guard.Verdict.ALLOW;
    }

    /**
     * The most instances of each service the action has down at once: a rolling restart or rollback
     * brings stopped instances back first and then takes one running instance down at a time; an
     * instance restart takes one; a scale-in its replicas; a drain the node's instances.
     */
    private Guard.Verdict blastRadius(Guard.Proposal p, Topology placement) {
        if (settings.maxUnavailableShare() >= 1) {
            return Guard.Verdict.ALLOW;
        }
        Remediation r = p.remediation();
        Map<String, Integer> takes = new LinkedHashMap<>();
        if (r instanceof Remediation.Restart || r instanceof Remediation.Rollback) {
            takes.put(r.target().service(), r.target().kind() == Target.Kind.INSTANCE ? -1 : 0);
        } else if (r instanceof Remediation.ScaleIn s) {
            takes.put(s.target().service(), s.replicas());
        } else if (r instanceof Remediation.DrainNode) {
            Map<String, Integer> on = placement.instancesOn(r.target().name());
            if (on == null) {
                return Guard.Verdict.deny(BLAST_RADIUS, "cannot tell which instances run on " + r.target()
                        + ", so cannot bound the drain's blast radius");
            }
            takes.putAll(on);
        } else {
            return Guard.Verdict.ALLOW; // scale-out and shed-load take nothing down
        }
        List<String> over = new ArrayList<>();
        for (Map.Entry<String, Integer> e : takes.entrySet()) {
            String service = e.getKey();
            double desired = p.value(service + ".desired_replicas");
            double ready = p.value(service + ".ready_replicas");
            if (!(desired > 0) || !Double.isFinite(ready)) {
                return Guard.Verdict.deny(BLAST_RADIUS, "no ready/desired replicas of " + service + " in the reading");
            }
            double down = Math.max(0, desired - ready);
            int n = e.getValue();
            double peak = n == 0 ? (ready > 0 ? Math.max(down, 1) : down) // rolling
                    : n < 0 ? down + 1 : down + n;
            if (peak > down && peak / desired > settings.maxUnavailableShare() + 1e-9) {
                over.add(String.format(Locale.ROOT, "%s would have %.0f of %.0f instances down (%.0f%% > %.0f%%)",
                        service, peak, desired, 100 * peak / desired, 100 * settings.maxUnavailableShare()));
            }
        }
        return over.isEmpty() ? Guard.Verdict.ALLOW : Guard.Verdict.deny(BLAST_RADIUS, String.join("; ", over));
    }
}
