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
    private final java.util.function.Predicate<Remediation> possible;

    /** @param wouldUse what the real actuator would have been, e.g. {@code processes of the demo shop} */
    public DryRunActuator(String wouldUse) {
        this(wouldUse, LOG::info, r -> true);
    }

    /** A dry run of {@code real}: it changes nothing, but offers only what {@code real} could do now. */
    public DryRunActuator(String wouldUse, Actuator real) {
        this(wouldUse, LOG::info, real::possible);
    }

    public DryRunActuator(String wouldUse, Consumer<String> log, java.util.function.Predicate<Remediation> possible) {
        this.wouldUse = wouldUse;
        this.log = log;
        this.possible = possible;
    }

    @Override
    public boolean possible(Remediation remediation) {
        return possible.test(remediation);
    }

    @Override
    public Actuation execute(Remediation remediation) {
        String message = "dry run: would " + remediation.label() + " on " + wouldUse;
        log.accept(message);
        return new Actuation(remediation, Actuation.Outcome.DRY_RUN, message);
    }
}
