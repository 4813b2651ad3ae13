package io.autoops.core.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Changes nothing: says what would have been done, and answers {@code DRY_RUN}. Wraps the real
 * actuator only to name it in the message. Thread-safe.
 */
public final class DryRunActuator implements Actuator {

    private static final Logger LOG = LoggerFactory.getLogger(DryRunActuator.class);

    private final String wouldUse;
    private final Consumer<String> log;

    /** @param wouldUse what the real actuator would have been, e.g. {@code processes of the demo shop} */
    public DryRunActuator(String wouldUse) {
        this(wouldUse, LOG::info);
    }

    public DryRunActuator(String wouldUse, Consumer<String> log) {
        this.wouldUse = wouldUse;
        this.log = log;
    }

    @Override
    public Actuation execute(Remediation remediation) {
        String message = "dry run: would " + remediation.label() + " on " + wouldUse;
        log.accept(message);
        return new Actuation(remediation, Actuation.Outcome.DRY_RUN, message);
    }
}
