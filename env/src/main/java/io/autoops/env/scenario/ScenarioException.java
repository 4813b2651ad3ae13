package io.autoops.env.scenario;

/** A scenario file is wrong: the message names the file, the line, the field and the value. */
public final class ScenarioException extends RuntimeException {
    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
