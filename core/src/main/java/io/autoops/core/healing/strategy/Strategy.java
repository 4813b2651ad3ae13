package io.autoops.core.healing.strategy;

import io.autoops.core.alerting.Alert;
import io.autoops.core.ops.Remediation;
import io.autoops.core.ops.Target;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A named healing strategy: the alerts it answers and an ordered plan of remediation kinds, each aimed
 * at what the alert names (its {@code service} label, or its {@code node} label for a drain). The plan
 * is tried step by step until the target is healthy again. A risky strategy runs only once an operator
 * approved it.
 *
 * @param name  unique name, e.g. {@code restart-on-cpu}
 * @param match the alerts it answers
 * @param plan  remediation kinds in order: {@code restart}, {@code scale-out}, {@code scale-in},
 *              {@code rollback}, {@code drain}, {@code shed-load}
 * @param risky whether an operator must approve it before its first step runs
 */
public record Strategy(String name, AlertMatch match, List<String> plan, boolean risky) {

    private static final Set<String> KINDS = Set.of("restart", "scale-out", "scale-in", "rollback", "drain", "shed-load");

    public Strategy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(match, "match");
        plan = List.copyOf(plan);
        if (name.isBlank() || plan.isEmpty()) {
            throw new IllegalArgumentException("strategy needs a name and at least one step, got '" + name + "' " + plan);
        }
        for (String k : plan) {
            if (!KINDS.contains(k)) {
                throw new IllegalArgumentException("strategy " + name + ": unknown remediation kind '" + k + "' (known: "
                        + new java.util.TreeSet<>(KINDS) + ")");
            }
        }
    }

    /**
     * Step {@code i} aimed at what {@code alert} names, or null when the alert does not name the kind
     * of target the step needs (no {@code service} label for a restart, no {@code node} for a drain).
     */
    public Remediation step(int i, Alert alert) {
        String kind = plan.get(i);
        if (kind.equals("drain")) {
            String node = alert.labels().get("node");
            return node == null ? null : new Remediation.DrainNode(Target.node(node), Duration.ZERO, 1);
        }
        String service = alert.labels().get("service");
        if (service == null) {
            return null;
        }
        Target t = Target.service(service);
        return switch (kind) {
            case "restart" -> new Remediation.Restart(t, Duration.ZERO, 1);
            case "scale-out" -> new Remediation.ScaleOut(t, 1, Duration.ZERO, 1);
            case "scale-in" -> new Remediation.ScaleIn(t, 1, Duration.ZERO, 1);
            case "rollback" -> new Remediation.Rollback(t, Duration.ZERO, 1);
            case "shed-load" -> new Remediation.ShedLoad(t, 0.5, Duration.ZERO, 1);
            default -> throw new IllegalStateException("unreachable: " + kind);
        };
    }
}
