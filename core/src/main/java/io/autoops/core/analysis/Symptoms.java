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

    /** A score from here on counts as anomalous (the guards, the root-cause guard and the symptom gate agree on it). */
    public static final double ANOMALOUS = 0.5;

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
        return propagating(get(schema, obs, s + ".error_rate"), get(schema, obs, s + ".p99_latency_ratio"));
    }

    /** {@link #propagating(ObservationSchema, double[], String)} from the feature values. */
    public static double propagating(double errorRate, double p99LatencyRatio) {
        return Math.max(clamp(errorRate / 0.1), clamp(p99LatencyRatio - 1));
    }

    /** Symptoms of the service itself, whatever its dependencies do: CPU, memory, missing replicas. */
    public static double intrinsic(ObservationSchema schema, double[] obs, String s) {
        return intrinsic(get(schema, obs, s + ".cpu"), get(schema, obs, s + ".memory"),
                get(schema, obs, s + ".ready_replicas"), get(schema, obs, s + ".desired_replicas"));
    }

    /** {@link #intrinsic(ObservationSchema, double[], String)} from the feature values. */
    public static double intrinsic(double cpu, double memory, double ready, double desired) {
        double c = clamp((cpu - 0.85) / 0.15);
        double m = clamp((memory - 0.8) / 0.2);
        double missing = desired > 0 ? clamp((desired - ready) / desired * 2) : 0;
        return Math.max(Math.max(c, m), missing);
    }

    public static Map<String, Double> nodes(ObservationSchema schema, double[] obs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < schema.size(); i++) {
            String name = schema.feature(i).name();
            if (!name.startsWith("node.") || !name.endsWith(".ready")) {
                continue;
            }
            String n = name.substring("node.".length(), name.length() - ".ready".length());
            out.put(n, node(obs[i], get(schema, obs, "node." + n + ".cpu")));
        }
        return out;
    }

    /** A node's score from its readiness flag and CPU share. */
    public static double node(double ready, double cpu) {
        return Math.max(ready < 0.5 ? 1 : 0, clamp((cpu - 0.85) / 0.15));
    }

    private static double get(ObservationSchema schema, double[] obs, String feature) {
        int i = schema.indexOf(feature);
        return i < 0 ? 0 : obs[i];
    }

    private static double clamp(double v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }
}
