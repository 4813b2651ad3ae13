package io.autoops.env.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The faults the simulator can inject. Each names what it may target, its default severity (the
 * meaning of {@code severity} differs per type), and the remediation kinds that fix it (the first one
 * is what the oracle applies).
 */
public enum FaultType {
    /** One instance's process dies once. Fixed by a restart (or the platform's liveness restart). */
    CRASH("crash", Set.of(TargetKind.SERVICE, TargetKind.INSTANCE), 1, List.of("restart"), "instance dies once"),
    /** A deployment whose instances crash shortly after every start. Restart does not help; rollback does. */
    CRASH_LOOP("crash-loop", Set.of(TargetKind.SERVICE), 1, List.of("rollback"), "deployed version crashes after start"),
    /** A deployment that leaks memory (severity: MB/s per instance) until OOM kills. Rollback fixes; restart buys time. */
    MEMORY_LEAK("memory-leak", Set.of(TargetKind.SERVICE), 4, List.of("rollback", "restart"), "deployed version leaks memory"),
    /** A noisy neighbour steals CPU on a node (severity: cores). Draining the node fixes; scale-out mitigates. */
    CPU_HOG("cpu-hog", Set.of(TargetKind.NODE), 6, List.of("drain", "scale-out"), "noisy neighbour on a node"),
    /** Extra latency on one instance or every instance of a service (severity: ms). Restart fixes. */
    LATENCY("latency", Set.of(TargetKind.SERVICE, TargetKind.INSTANCE), 400, List.of("restart"), "extra latency"),
    /** A deployment that fails a share of requests (severity: error rate) until rolled back. */
    BAD_DEPLOY("bad-deploy", Set.of(TargetKind.SERVICE), 0.3, List.of("rollback"), "deployed version returns errors"),
    /** A node goes down with its instances. Draining reschedules them now; scale-out mitigates. */
    NODE_FAILURE("node-failure", Set.of(TargetKind.NODE), 1, List.of("drain", "scale-out"), "node down"),
    /**
     * An external dependency of a service is down: its calls hang until they time out, holding the
     * callers' capacity. Shedding its load (circuit breaker) turns slow failures into fast ones; the
     * outage itself ends by itself.
     */
    DEPENDENCY_OUTAGE("dependency-outage", Set.of(TargetKind.SERVICE), 1, List.of("shed-load"), "external dependency down"),
    /** A traffic spike at the gateway (severity: load multiplier). Needs capacity: scale out. */
    TRAFFIC_SPIKE("traffic-spike", Set.of(TargetKind.SERVICE), 2.5, List.of("scale-out"), "traffic spike"),
    /**
     * A short slowdown of a service that client retries turn into a self-sustaining overload
     * (severity: retry multiplier). Shedding load breaks the loop; scale-out mitigates.
     */
    RETRY_STORM("retry-storm", Set.of(TargetKind.SERVICE), 8, List.of("shed-load", "scale-out"), "retry storm / cascading failure");

    /** What a fault can be aimed at. */
    public enum TargetKind { SERVICE, INSTANCE, NODE }

    private final String id;
    private final Set<TargetKind> targets;
    private final double defaultSeverity;
    private final List<String> fixes;
    private final String summary;

    FaultType(String id, Set<TargetKind> targets, double defaultSeverity, List<String> fixes, String summary) {
        this.id = id;
        this.targets = targets;
        this.defaultSeverity = defaultSeverity;
        this.fixes = fixes;
        this.summary = summary;
    }

    /** The name used in scenario files, e.g. {@code memory-leak}. */
    public String id() {
        return id;
    }

    public Set<TargetKind> targets() {
        return targets;
    }

    public double defaultSeverity() {
        return defaultSeverity;
    }

    /** Remediation kinds (as in {@code Remediation.kind()}) that fix or mitigate it, best first. */
    public List<String> fixes() {
        return fixes;
    }

    public String summary() {
        return summary;
    }

    public static FaultType byId(String id) {
        for (FaultType t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        return null;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(FaultType::id).toList();
    }
}
