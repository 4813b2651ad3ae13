package io.autoops.core.ops;

import java.time.Duration;
import java.util.Objects;

/**
 * A remediation: the closed family of things a healer can do to a system. Every remediation names a
 * {@link #target()}, a {@link #delay()} before it takes effect, and a {@link #cost()} in abstract
 * cost units (the simulator's reward documents the scale).
 */
public sealed interface Remediation
        permits Remediation.NoOp, Remediation.Restart, Remediation.ScaleOut, Remediation.ScaleIn,
        Remediation.Rollback, Remediation.DrainNode, Remediation.ShedLoad {

    Target target();

    Duration delay();

    double cost();

    /** Short kind name used in labels, logs and audit records: {@code restart}, {@code scale-out}, ... */
    String kind();

    /** A label such as {@code restart:payment/1}; stable, used as an action label. */
    default String label() {
        return target().kind() == Target.Kind.NONE ? kind() : kind() + ":" + target().name();
    }

    /** Whether operators usually want to approve this kind before it runs (rollback, drain). */
    default boolean risky() {
        return false;
    }

    /** Do nothing. */
    record NoOp() implements Remediation {
        public Target target() {
            return Target.NONE;
        }

        public Duration delay() {
            return Duration.ZERO;
        }

        public double cost() {
            return 0;
        }

        public String kind() {
            return "noop";
        }
    }

    /** Restart an instance, or every instance of a service one by one. */
    record Restart(Target target, Duration delay, double cost) implements Remediation {
        public Restart {
            check(target, delay, cost, Target.Kind.SERVICE, Target.Kind.INSTANCE);
        }

        public String kind() {
            return "restart";
        }
    }

    /** Add {@code replicas} instances to a service. */
    record ScaleOut(Target target, int replicas, Duration delay, double cost) implements Remediation {
        public ScaleOut {
            check(target, delay, cost, Target.Kind.SERVICE);
            if (replicas < 1) {
                throw new IllegalArgumentException("scale-out adds at least one replica, got " + replicas);
            }
        }

        public String kind() {
            return "scale-out";
        }
    }

    /** Remove {@code replicas} instances from a service. */
    record ScaleIn(Target target, int replicas, Duration delay, double cost) implements Remediation {
        public ScaleIn {
            check(target, delay, cost, Target.Kind.SERVICE);
            if (replicas < 1) {
                throw new IllegalArgumentException("scale-in removes at least one replica, got " + replicas);
            }
        }

        public String kind() {
            return "scale-in";
        }
    }

    /** Roll a service back to its previous deployment. */
    record Rollback(Target target, Duration delay, double cost) implements Remediation {
        public Rollback {
            check(target, delay, cost, Target.Kind.SERVICE);
        }

        public String kind() {
            return "rollback";
        }

        @Override
        public boolean risky() {
            return true;
        }
    }

    /** Cordon a node and move its instances elsewhere. */
    record DrainNode(Target target, Duration delay, double cost) implements Remediation {
        public DrainNode {
            check(target, delay, cost, Target.Kind.NODE);
        }

        public String kind() {
            return "drain";
        }

        @Override
        public boolean risky() {
            return true;
        }
    }

    /** Open a circuit breaker in front of a service: shed {@code fraction} of its incoming load. */
    record ShedLoad(Target target, double fraction, Duration delay, double cost) implements Remediation {
        public ShedLoad {
            check(target, delay, cost, Target.Kind.SERVICE);
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("shed fraction must be in (0, 1], got " + fraction);
            }
        }

        public String kind() {
            return "shed-load";
        }
    }

    private static void check(Target target, Duration delay, double cost, Target.Kind... allowed) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + delay);
        }
        if (!(cost >= 0) || Double.isInfinite(cost)) {
            throw new IllegalArgumentException("cost must be finite and >= 0, got " + cost);
        }
        for (Target.Kind k : allowed) {
            if (target.kind() == k) {
                return;
            }
        }
        throw new IllegalArgumentException("target " + target + " of kind " + target.kind() + " is not one of "
                + java.util.Arrays.toString(allowed));
    }
}
