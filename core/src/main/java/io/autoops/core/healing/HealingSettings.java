package io.autoops.core.healing;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the healing agent guards and checks its actions. Every guard can be switched off (the value
 * that does so is given per field); {@link #defaults()} are the values an operator starts from.
 *
 * @param allowedKinds         action mask: remediation kinds the healer may use; empty = every kind
 * @param deniedTargets        action mask: services, instances or nodes never touched
 * @param perTargetLimit       rate limit: actions on one target within {@code rateWindowMillis}; 0 = off
 * @param globalLimit          rate limit: actions on all targets within {@code rateWindowMillis}; 0 = off
 * @param rateWindowMillis     the sliding window of both rate limits
 * @param maxUnavailableShare  blast radius: the largest share of a service's instances an action may have down at once; 1 = off
 * @param cooldownMillis       cool-down: no action on a target for this long after the last one; 0 = off
 * @param approvalKinds        kinds that wait for an operator's approval (control API); empty = none
 * @param approvalTtlMillis    how long a request for approval waits before it expires (denied)
 * @param breakerFailures      circuit breaker: after this many failed actions or failed verifications within
 *                             {@code breakerWindowMillis} the healer stops acting and escalates; 0 = off
 * @param breakerWindowMillis  the breaker's window
 * @param actionTimeoutMillis  an action still running after this long counts as failed
 * @param verifyAfterMillis    how long after an action its target is checked; 0 = no verification
 * @param fallbacks            remediation kind to try when verification fails, by kind (e.g. restart -> rollback);
 *                             a fallback that fails falls back in turn, until a kind comes round again or none is left
 * @param health               what "healthy" means for verification
 * @param settleMillis         after any action ends, latency or errors of another target do not start an action
 *                             for this long: the system settles first (a restart's start-up burns CPU its
 *                             neighbours feel); missing replicas, memory and CPU of a service's own, and
 *                             fallbacks, are not held back; the price: an unrelated second fault that only
 *                             slows a service waits up to this long; 0 = off
 */
public record HealingSettings(Set<String> allowedKinds, Set<String> deniedTargets, int perTargetLimit, int globalLimit,
                              long rateWindowMillis, double maxUnavailableShare, long cooldownMillis,
                              Set<String> approvalKinds, long approvalTtlMillis, int breakerFailures,
                              long breakerWindowMillis, long actionTimeoutMillis, long verifyAfterMillis,
                              Map<String, String> fallbacks, Health health, long settleMillis) {

    /** Known remediation kinds (as in {@link io.autoops.core.ops.Remediation#kind()}). */
    public static final Set<String> KINDS = Set.of("restart", "scale-out", "scale-in", "rollback", "drain", "shed-load");

    /**
     * Thresholds of a healthy target, as features of the simulator's schema.
     *
     * @param errorRate       a service's error rate must be at most this
     * @param p99LatencyRatio its p99 latency over its SLO at most this
     * @param memory          its memory share at most this
     * @param nodeCpu         a node's CPU share at most this
     */
    public record Health(double errorRate, double p99LatencyRatio, double memory, double nodeCpu) {
        public static Health defaults() {
            return new Health(0.05, 1.0, 0.9, 0.95);
        }
    }

    public HealingSettings {
        allowedKinds = Set.copyOf(allowedKinds);
        deniedTargets = Set.copyOf(deniedTargets);
        approvalKinds = Set.copyOf(approvalKinds);
        fallbacks = Map.copyOf(fallbacks);
        Objects.requireNonNull(health, "health");
        for (String k : allowedKinds) {
            requireKind("allowedKinds", k);
        }
        for (String k : approvalKinds) {
            requireKind("approvalKinds", k);
        }
        fallbacks.forEach((from, to) -> {
            requireKind("fallbacks", from);
            requireKind("fallbacks", to);
        });
        if (perTargetLimit < 0 || globalLimit < 0 || breakerFailures < 0) {
            throw new IllegalArgumentException("perTargetLimit, globalLimit and breakerFailures must be >= 0");
        }
        if ((perTargetLimit > 0 || globalLimit > 0) && rateWindowMillis <= 0) {
            throw new IllegalArgumentException("rateWindow must be > 0 when a rate limit is set");
        }
        if (breakerFailures > 0 && breakerWindowMillis <= 0) {
            throw new IllegalArgumentException("breakerWindow must be > 0 when the circuit breaker is on");
        }
        if (!(maxUnavailableShare > 0 && maxUnavailableShare <= 1)) {
            throw new IllegalArgumentException("maxUnavailableShare must be in (0, 1], got " + maxUnavailableShare);
        }
        if (cooldownMillis < 0 || approvalTtlMillis <= 0 || actionTimeoutMillis <= 0 || verifyAfterMillis < 0
                || settleMillis < 0) {
            throw new IllegalArgumentException("cooldown, settle and verifyAfter must be >= 0; approvalTtl and actionTimeout > 0");
        }
    }

    private static void requireKind(String field, String kind) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException(field + ": unknown remediation kind '" + kind + "'; known: "
                    + new java.util.TreeSet<>(KINDS));
        }
    }

    /**
     * Every kind allowed; at most 3 actions per target and 10 in all per 10 minutes; at most half of a
     * service's instances down; 30 s cool-down; rollback and drain wait for approval (10 minutes); the
     * breaker opens after 3 failures in 10 minutes; actions time out after 2 minutes; verification 10 s
     * after an action; a restart that did not help falls back to a rollback, a scale-out to a restart;
     * 20 s to settle after an action (a restarted JVM warms up that long on a loaded 2-core machine).
     */
    public static HealingSettings defaults() {
        return new HealingSettings(Set.of(), Set.of(), 3, 10, 600_000, 0.5, 30_000, Set.of("rollback", "drain"),
                600_000, 3, 600_000, 120_000, 10_000, Map.of("restart", "rollback", "scale-out", "restart"),
                Health.defaults(), 20_000);
    }
}
