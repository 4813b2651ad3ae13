package io.autoops.core.healing.strategy;

import io.autoops.core.alerting.Alert;
import io.autoops.core.alerting.Severity;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which alerts a strategy answers: by rule name (empty: any rule), minimum severity, and labels the
 * alert must carry with exactly these values (e.g. {@code service=payment}). Exact comparisons only:
 * {@code pay} matches neither {@code payment} nor a rule called {@code payment_errors}.
 *
 * @param rules       rule names, any of which matches (empty: every rule)
 * @param minSeverity the lowest severity answered
 * @param labels      labels the alert must have, with these values
 */
public record AlertMatch(Set<String> rules, Severity minSeverity, Map<String, String> labels) {

    public AlertMatch {
        rules = Set.copyOf(rules);
        Objects.requireNonNull(minSeverity, "minSeverity");
        labels = Map.copyOf(labels);
    }

    /** Alerts of these rules, at any severity, whatever their labels. */
    public static AlertMatch rules(String... rules) {
        return new AlertMatch(Set.of(rules), Severity.INFO, Map.of());
    }

    public AlertMatch atLeast(Severity severity) {
        return new AlertMatch(rules, severity, labels);
    }

    public AlertMatch withLabel(String name, String value) {
        Map<String, String> l = new java.util.HashMap<>(labels);
        l.put(name, value);
        return new AlertMatch(rules, minSeverity, l);
    }

    public boolean matches(Alert alert) {
        if (!rules.isEmpty() && !rules.contains(alert.rule())) {
            return false;
        }
        if (alert.severity().compareTo(minSeverity) < 0) {
            return false;
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!e.getValue().equals(alert.labels().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
