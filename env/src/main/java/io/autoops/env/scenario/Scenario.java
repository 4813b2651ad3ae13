package io.autoops.env.scenario;

import java.util.List;

/**
 * A validated scenario with names resolved to indices: what the simulator is built from. The first
 * service is the entry point (the gateway) that receives external traffic. Immutable.
 *
 * @param spec        the merged, validated specification
 * @param services    service names, entry first
 * @param nodes       node names
 * @param callOrder   service indices ordered so every caller comes before its callees
 * @param faults      the fixed faults, resolved
 * @param randomTypes fault types random faults are drawn from
 */
public record Scenario(ScenarioSpec spec, List<String> services, List<String> nodes, int[] callOrder,
                       List<Fault> faults, List<FaultType> randomTypes) {

    /**
     * A fault resolved against the topology.
     *
     * @param instance    instance index within the service, or -1 for a service- or node-wide fault
     * @param service     service index, or -1 for node faults
     * @param node        node index, or -1
     * @param onsetTick   tick at which it starts
     * @param durationTicks ticks it lasts by itself; {@code Integer.MAX_VALUE} for "until remediated"
     */
    public record Fault(FaultType type, String target, int service, int instance, int node, int onsetTick,
                        int durationTicks, double severity) {
    }

    public Scenario {
        services = List.copyOf(services);
        nodes = List.copyOf(nodes);
        callOrder = callOrder.clone();
        faults = List.copyOf(faults);
        randomTypes = List.copyOf(randomTypes);
    }

    public String name() {
        return spec.name();
    }

    public int serviceIndex(String name) {
        return services.indexOf(name);
    }

    public int nodeIndex(String name) {
        return nodes.indexOf(name);
    }

    public ScenarioSpec.ServiceSpec service(int i) {
        return spec.topology().services().get(i);
    }

    /** The callees of each service (critical and optional), by name, in the scenario's order. */
    public java.util.Map<String, List<String>> callGraph() {
        java.util.Map<String, List<String>> calls = new java.util.LinkedHashMap<>();
        for (int i = 0; i < services.size(); i++) {
            calls.put(services.get(i), service(i).dependencies().stream().map(ScenarioSpec.DependencySpec::service).toList());
        }
        return calls;
    }

    /** Each service's replicas at rest (its configured count), by name, in the scenario's order. */
    public java.util.Map<String, Integer> baselineReplicas() {
        java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < services.size(); i++) {
            out.put(services.get(i), service(i).replicas());
        }
        return out;
    }

    /** Converts seconds to ticks, rounding to the nearest tick. */
    public int ticks(double seconds) {
        return (int) Math.round(seconds / spec.tickSeconds());
    }

    /** Whether the scenario injects no fault at all (a control episode). */
    public boolean faultFree() {
        return faults.isEmpty() && (spec.randomFaults() == null || spec.randomFaults().count() == 0);
    }
}
