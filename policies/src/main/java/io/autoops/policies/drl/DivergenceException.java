package io.autoops.policies.drl;

/** Thrown when a loss or a network's outputs become NaN: the run is broken, not silently continued. */
public final class DivergenceException extends RuntimeException {
    public DivergenceException(String message) {
        super(message);
    }
}
