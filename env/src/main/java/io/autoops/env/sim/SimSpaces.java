package io.autoops.env.sim;

import io.autoops.core.mdp.DiscreteSpace;
import io.autoops.core.mdp.Feature;
import io.autoops.core.mdp.ObservationSchema;
import io.autoops.core.ops.Remediation;
import io.autoops.core.ops.Target;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.scenario.ScenarioSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The observation schema and the action space of a simulated system: the contract with policies and
 * with the live side. The PromQL next to each feature is how the live adapter computes the same value
 * from the demo shop's (and common Kubernetes) metrics.
 */
public final class SimSpaces {

    /** Features per service, in order. */
    public static final String[] SERVICE_FEATURES = {
            "request_rate", "p50_latency_ratio", "p99_latency_ratio", "error_rate", "cpu", "memory",
            "ready_replicas", "desired_replicas", "restarts_recent", "time_since_deploy"};
    /** Features per node, in order. */
    public static final String[] NODE_FEATURES = {"cpu", "memory", "ready"};
    /** Remediation kinds per service, in action order. */
    public static final String[] SERVICE_ACTIONS = {"restart", "scale-out", "scale-in", "rollback", "shed-load"};

    public static final int SF = SERVICE_FEATURES.length;
    public static final int NF = NODE_FEATURES.length;
    static final int SA = SERVICE_ACTIONS.length;

    /** Seconds for which {@code restarts_recent} counts restarts (an exponentially decayed count). */
    public static final double RESTART_WINDOW_SECONDS = 300;
    /** {@code time_since_deploy} is capped here. */
    public static final double DEPLOY_AGE_CAP_SECONDS = 3600;

    private SimSpaces() {
    }

    public static ObservationSchema schema(Scenario scenario) {
        List<Feature> f = new ArrayList<>();
        for (String s : scenario.services()) {
            f.add(new Feature(s + ".request_rate", "req/s", 0, 1e6,
                    "sum(rate(http_server_requests_total{service=\"" + s + "\"}[1m]))"));
            f.add(new Feature(s + ".p50_latency_ratio", "ratio", 0, 100,
                    "histogram_quantile(0.5, sum by (le) (rate(http_server_request_duration_seconds_bucket{service=\"" + s
                            + "\"}[1m]))) / SLO"));
            f.add(new Feature(s + ".p99_latency_ratio", "ratio", 0, 100,
                    "histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket{service=\"" + s
                            + "\"}[1m]))) / SLO"));
            f.add(new Feature(s + ".error_rate", "ratio", 0, 1,
                    "sum(rate(http_server_requests_total{service=\"" + s + "\",status=~\"5..\"}[1m])) / sum(rate(http_server_requests_total{service=\""
                            + s + "\"}[1m]))"));
            f.add(new Feature(s + ".cpu", "ratio", 0, 1,
                    "avg(rate(process_cpu_seconds_total{service=\"" + s + "\"}[1m])) / cpu limit"));
            f.add(new Feature(s + ".memory", "ratio", 0, 1,
                    "avg(process_resident_memory_bytes{service=\"" + s + "\"}) / memory limit"));
            f.add(new Feature(s + ".ready_replicas", "count", 0, 16,
                    "count(up{service=\"" + s + "\"} == 1)  |  kube_deployment_status_replicas_ready"));
            f.add(new Feature(s + ".desired_replicas", "count", 0, 16,
                    "autoops_desired_replicas{service=\"" + s + "\"}  |  kube_deployment_spec_replicas"));
            f.add(new Feature(s + ".restarts_recent", "count", 0, 1000,
                    "sum(increase(autoops_instance_starts_total{service=\"" + s + "\"}[5m]))  |  kube_pod_container_status_restarts_total"));
            f.add(new Feature(s + ".time_since_deploy", "s", 0, DEPLOY_AGE_CAP_SECONDS,
                    "clamp_max(time() - max(autoops_deploy_timestamp_seconds{service=\"" + s + "\"}), 3600)"));
        }
        for (String n : scenario.nodes()) {
            f.add(new Feature("node." + n + ".cpu", "ratio", 0, 1,
                    "1 - avg(rate(node_cpu_seconds_total{mode=\"idle\",node=\"" + n + "\"}[1m]))"));
            f.add(new Feature("node." + n + ".memory", "ratio", 0, 1,
                    "1 - node_memory_MemAvailable_bytes{node=\"" + n + "\"} / node_memory_MemTotal_bytes{node=\"" + n + "\"}"));
            f.add(new Feature("node." + n + ".ready", "bool", 0, 1,
                    "kube_node_status_condition{condition=\"Ready\",status=\"true\",node=\"" + n + "\"}"));
        }
        f.add(new Feature("time_of_day", "ratio", 0, 1, "(time() % day) / day"));
        return new ObservationSchema(f);
    }

    /** The remediation behind every action index; index 0 is the no-op. */
    public static List<Remediation> remediations(Scenario scenario) {
        List<Remediation> out = new ArrayList<>();
        out.add(new Remediation.NoOp());
        for (int s = 0; s < scenario.services().size(); s++) {
            ScenarioSpec.ServiceSpec spec = scenario.service(s);
            Target t = Target.service(spec.name());
            Duration startup = Duration.ofMillis((long) (spec.startupSeconds() * 1000));
            out.add(new Remediation.Restart(t, startup, Simulator.COST_RESTART));
            out.add(new Remediation.ScaleOut(t, 1, startup, Simulator.COST_SCALE_OUT));
            out.add(new Remediation.ScaleIn(t, 1, Duration.ZERO, Simulator.COST_SCALE_IN));
            out.add(new Remediation.Rollback(t, startup, Simulator.COST_ROLLBACK));
            out.add(new Remediation.ShedLoad(t, s == 0 ? Simulator.ENTRY_SHED_FRACTION : 1.0,
                    Duration.ZERO, Simulator.COST_SHED));
        }
        for (String n : scenario.nodes()) {
            out.add(new Remediation.DrainNode(Target.node(n), Duration.ofSeconds(0), Simulator.COST_DRAIN));
        }
        return out;
    }

    public static DiscreteSpace actionSpace(Scenario scenario) {
        return new DiscreteSpace(remediations(scenario).stream().map(Remediation::label).toList());
    }

    /** Action index of remediation {@code kind} on service {@code s}. */
    public static int serviceAction(int s, String kind) {
        for (int k = 0; k < SA; k++) {
            if (SERVICE_ACTIONS[k].equals(kind)) {
                return 1 + s * SA + k;
            }
        }
        throw new IllegalArgumentException("unknown service action " + kind);
    }

    /** Action index of draining node {@code n} in a scenario with {@code services} services. */
    /**
     * The global action of a per-service healer's local action: local 0 is the no-op, local k >= 1 is
     * {@code SERVICE_ACTIONS[k - 1]} on service {@code s}.
     */
    public static int globalAction(int s, int local) {
        return local == 0 ? 0 : 1 + s * SA + (local - 1);
    }

    /** A per-service healer's mask (no-op first) cut from the full action mask. */
    static boolean[] localMask(boolean[] full, int s) {
        boolean[] m = new boolean[1 + SA];
        m[0] = true;
        for (int k = 0; k < SA; k++) {
            m[k + 1] = full[globalAction(s, k + 1)];
        }
        return m;
    }

    public static int drainAction(int services, int n) {
        return 1 + services * SA + n;
    }
}
