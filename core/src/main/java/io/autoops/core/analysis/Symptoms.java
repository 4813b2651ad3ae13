package io.autoops.core.analysis;

import io.autoops.core.mdp.ObservationSchema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Anomaly scores in [0, 1] per service and per node, read off an observation with the standard
 * feature names ({@code <service>.error_rate}, {@code node.<node>.ready}, ...), the same in
 * simulation and live. A service is anomalous when it fails requests, answers slower than its SLO,
 * runs out of CPU or memory, or misses replicas; a node when it is not ready or saturated.
 */
public final class Symptoms {

    private Symptoms() {
    }

    public static Map<String, Double> services(ObservationSchema schema, double[] obs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < schema.size(); i++) {
            String name = schema.feature(i).name();
            if (!name.endsWith(".error_rate") || name.startsWith("node.")) {
                continue;
            }
            String s = name.substring(0, name.length() - ".error_rate".length());
            out.put(s, Math.max(propagating(schema, obs, s), intrinsic(schema, obs, s)));
        }
        return out;
    }

    /** Symptoms that travel up the call graph (errors, latency): a caller shows its dependencies' too. */
    public static double propagating(ObservationSchema schema, double[] obs, String s) {
        double err = clamp(get(schema, obs, s + ".error_rate") / 0.1);
        double lat = clamp(get(schema, obs, s + ".p99_latency_ratio") - 1);
        return Math.max(err, lat);
    }

    /** Symptoms of the service itself, whatever its dependencies do: CPU, memory, missing replicas. */
    public static double intrinsic(ObservationSchema schema, double[] obs, String s) {
        double cpu = clamp((get(schema, obs, s + ".cpu") - 0.85) / 0.15);
        double mem = clamp((get(schema, obs, s + ".memory") - 0.8) / 0.2);
        double desired = get(schema, obs, s + ".desired_replicas");
        double missing = desired > 0 ? clamp((desired - get(schema, obs, s + ".ready_replicas")) / desired * 2) : 0;
        return Math.max(Math.max(cpu, mem), missing);
    }

    public static Map<String, Double> nodes(ObservationSchema schema, double[] obs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < schema.size(); i++) {
            String name = schema.feature(i).name();
            if (!name.startsWith("node.") || !name.endsWith(".ready")) {
                continue;
            }
            String n = name.substring("node.".length(), name.length() - ".ready".length());
            double notReady = obs[i] < 0.5 ? 1 : 0;
            double cpu = clamp((get(schema, obs, "node." + n + ".cpu") - 0.85) / 0.15);
            out.put(n, Math.max(notReady, cpu));
        }
        return out;
    }

    private static double get(ObservationSchema schema, double[] obs, String feature) {
        int i = schema.indexOf(feature);
        return i < 0 ? 0 : obs[i];
    }

    private static double clamp(double v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }
}
