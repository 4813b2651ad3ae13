package io.autoops.core.healing;

import io.autoops.core.mdp.ObservationSchema;
import io.autoops.core.ops.Reading;
import io.autoops.core.ops.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Verification: is a target healthy in a reading? A service is healthy when its error rate, p99
 * latency over SLO and memory share are within the thresholds and every desired instance is ready;
 * a node when its CPU share is within its threshold.
 */
public final class HealthCheck {

    private final HealingSettings.Health health;

    public HealthCheck(HealingSettings.Health health) {
        this.health = health;
    }

    /** What is still wrong with the target; empty when it is healthy. */
    public List<String> problems(ObservationSchema schema, Reading reading, Target target) {
        List<String> out = new ArrayList<>();
        if (target.kind() == Target.Kind.NODE) {
            over(out, schema, reading, "node." + target.name() + ".cpu", health.nodeCpu());
            return out;
        }
        String s = target.service();
        if (s.isEmpty()) {
            return out;
        }
        over(out, schema, reading, s + ".error_rate", health.errorRate());
        over(out, schema, reading, s + ".p99_latency_ratio", health.p99LatencyRatio());
        over(out, schema, reading, s + ".memory", health.memory());
        double ready = value(schema, reading, s + ".ready_replicas");
        double desired = value(schema, reading, s + ".desired_replicas");
        if (ready < desired) {
            out.add(String.format(Locale.ROOT, "%s has %.0f of %.0f instances ready", s, ready, desired));
        }
        return out;
    }

    private static void over(List<String> out, ObservationSchema schema, Reading r, String feature, double limit) {
        double v = value(schema, r, feature);
        if (Double.isNaN(v)) {
            if (schema.indexOf(feature) >= 0) {
                out.add(feature + " is unknown");
            }
        } else if (v > limit) {
            out.add(String.format(Locale.ROOT, "%s = %.3f > %.3f", feature, v, limit));
        }
    }

    private static double value(ObservationSchema schema, Reading r, String feature) {
        int i = schema.indexOf(feature);
        return i < 0 ? Double.NaN : r.values()[i];
    }
}
