package io.autoops.core.ops;

import java.time.Instant;

/**
 * Time as agents see it: virtual in simulation, wall time live. Agents never read the system clock
 * directly, so the same code runs deterministically in simulation.
 */
public interface Clock {

    /** Milliseconds since the epoch (or since the simulation's start). */
    long millis();

    default Instant now() {
        return Instant.ofEpochMilli(millis());
    }

    /** Wall time. Thread-safe. */
    static Clock system() {
        return System::currentTimeMillis;
    }
}
