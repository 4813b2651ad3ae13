package io.autoops.core.alerting;

import java.util.List;
import java.util.Map;

/**
 * An alert as seen from outside: an immutable snapshot of its state.
 *
 * @param id             unique id
 * @param rule           the rule (or {@code anomaly:<detector>}) that raised it
 * @param labels         the series' labels
 * @param severity       current severity (raised when the SLO is hurt, or on escalation)
 * @param state          lifecycle state
 * @param value          the last value seen
 * @param firedAt        when it fired
 * @param acknowledgedBy who acknowledged it, or null
 * @param acknowledgedAt when, or -1
 * @param resolvedAt     when it resolved, or -1
 * @param escalated      whether it was escalated for staying unresolved
 * @param incident       the incident it belongs to
 * @param context        recent values and other context for the operator
 */
public record Alert(String id, String rule, Map<String, String> labels, Severity severity, State state, double value,
                    long firedAt, String acknowledgedBy, long acknowledgedAt, long resolvedAt, boolean escalated,
                    String incident, List<String> context) {

    /** Lifecycle: active, then acknowledged by an operator, then resolved (by itself when the condition clears). */
    public enum State { ACTIVE, ACKNOWLEDGED, RESOLVED }

    public Alert {
        labels = Map.copyOf(labels);
        context = List.copyOf(context);
    }
}
