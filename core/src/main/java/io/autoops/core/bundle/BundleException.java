package io.autoops.core.bundle;

/** A policy bundle could not be written, read or used; the message names the file and the problem. */
public final class BundleException extends RuntimeException {
    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
