package io.autoops.core.ops;

/**
 * Where remediations go: the simulator, Kubernetes, local processes, or a dry run.
 * Implementations document their thread-safety; live actuators are thread-safe.
 */
public interface Actuator {

    /** Carries out {@code remediation} (or refuses it) and says what happened; never throws for a refusal. */
    Actuation execute(Remediation remediation);

    /**
     * Whether {@code remediation} can be carried out in the system's current state (a rollback needs a
     * previous version, a scale-in more than one instance, ...), so that a policy is not offered what
     * would only be refused. Cheap, no side effects; the default says yes and lets {@link #execute} refuse.
     */
    default boolean possible(Remediation remediation) {
        return true;
    }

    /** The outcome of one remediation. */
    record Actuation(Remediation remediation, Outcome outcome, String message) {
        public enum Outcome { DONE, REFUSED, FAILED, DRY_RUN }

        public Actuation {
            java.util.Objects.requireNonNull(remediation, "remediation");
            java.util.Objects.requireNonNull(outcome, "outcome");
            java.util.Objects.requireNonNull(message, "message");
        }

        public boolean succeeded() {
            return outcome == Outcome.DONE || outcome == Outcome.DRY_RUN;
        }
    }
}
