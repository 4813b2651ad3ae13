package io.autoops.core.healing;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * One line of the audit log. Fields that do not apply to a record's type are null and left out of
 * the JSON.
 *
 * @param seq      position in the log, from 1, never reused
 * @param at       when (ISO-8601)
 * @param type     {@code start}, {@code decision}, {@code skip}, {@code approval-requested}, {@code approved},
 *                 {@code denied}, {@code expired}, {@code intent}, {@code outcome}, {@code interrupted},
 *                 {@code verified}, {@code verification-failed}, {@code escalation}, {@code control}
 * @param decision the decision this record belongs to; also the idempotency key of its action
 * @param policy   the policy that decided
 * @param action   the remediation's label, e.g. {@code restart:payment}
 * @param guard    the guard that denied or holds the action
 * @param reason   why (guard verdict, skip reason, escalation cause)
 * @param outcome  the actuator's outcome: DONE, REFUSED, FAILED, DRY_RUN, or INTERRUPTED
 * @param message  the actuator's or operator's message
 * @param by       who approved, denied, paused or resumed
 * @param inputs   the reading the decision was made on, feature to value (decisions that chose an action)
 * @param evidence root-cause candidates and alerts that were active, for the operator
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditRecord(long seq, String at, String type, String decision, String policy, String action, String guard,
                          String reason, String outcome, String message, String by, Map<String, Double> inputs,
                          List<String> evidence) {

    static AuditRecord of(String type) {
        return new AuditRecord(0, null, type, null, null, null, null, null, null, null, null, null, null);
    }

    AuditRecord decision(String id) {
        return new AuditRecord(seq, at, type, id, policy, action, guard, reason, outcome, message, by, inputs, evidence);
    }

    AuditRecord action(String policyName, String label) {
        return new AuditRecord(seq, at, type, decision, policyName, label, guard, reason, outcome, message, by, inputs, evidence);
    }

    AuditRecord verdict(String guardName, String why) {
        return new AuditRecord(seq, at, type, decision, policy, action, guardName, why, outcome, message, by, inputs, evidence);
    }

    AuditRecord result(String outcomeName, String text) {
        return new AuditRecord(seq, at, type, decision, policy, action, guard, reason, outcomeName, text, by, inputs, evidence);
    }

    AuditRecord by(String who) {
        return new AuditRecord(seq, at, type, decision, policy, action, guard, reason, outcome, message, who, inputs, evidence);
    }

    AuditRecord context(Map<String, Double> in, List<String> ev) {
        return new AuditRecord(seq, at, type, decision, policy, action, guard, reason, outcome, message, by, in, ev);
    }

    AuditRecord stamped(long s, String time) {
        return new AuditRecord(s, time, type, decision, policy, action, guard, reason, outcome, message, by, inputs, evidence);
    }
}
