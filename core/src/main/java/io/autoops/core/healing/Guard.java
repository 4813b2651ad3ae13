package io.autoops.core.healing;

import io.autoops.core.mdp.ObservationSchema;
import io.autoops.core.ops.Reading;
import io.autoops.core.ops.Remediation;

import java.util.Objects;

/**
 * One safety check between a policy's choice and the system. Guards see the proposed remediation, the
 * reading it was chosen on and what the healer did recently; they never act.
 */
@FunctionalInterface
public interface Guard {

    Verdict check(Proposal proposal);

    /** A remediation a policy chose, with what it was chosen on. */
    record Proposal(Remediation remediation, Reading reading, ObservationSchema schema, ActionHistory history, long now) {
        public Proposal {
            Objects.requireNonNull(remediation, "remediation");
            Objects.requireNonNull(reading, "reading");
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(history, "history");
        }

        /** A feature's value in the reading, NaN when the schema lacks it. */
        public double value(String feature) {
            int i = schema.indexOf(feature);
            return i < 0 ? Double.NaN : reading.values()[i];
        }
    }

    /**
     * A guard's answer.
     *
     * @param decision allow, deny, or wait for an operator's approval
     * @param guard    the guard that decided (empty when every guard allowed)
     * @param reason   why, for the audit log and the operator
     */
    record Verdict(Decision decision, String guard, String reason) {
        public enum Decision { ALLOW, DENY, NEEDS_APPROVAL }

        public static final Verdict ALLOW = new Verdict(Decision.ALLOW, "", "");

        public static Verdict deny(String guard, String reason) {
            return new Verdict(Decision.DENY, guard, reason);
        }

        public boolean allowed() {
            return decision == Decision.ALLOW;
        }
    }
}
