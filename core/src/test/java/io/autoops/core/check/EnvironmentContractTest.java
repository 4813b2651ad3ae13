package io.autoops.core.check;

import io.autoops.core.mdp.Environment;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The environment contract every environment's tests inherit (shipped in core's test-jar): extend
 * it, return a fresh environment from {@link #newEnvironment()}, and the {@link EnvironmentChecker}
 * runs on it.
 */
public abstract class EnvironmentContractTest {

    /** A fresh, not yet reset environment; called several times per test. */
    protected abstract Environment<?> newEnvironment();

    /** Episodes and steps to check; override for long episodes. */
    protected EnvironmentChecker.Options checkerOptions() {
        return EnvironmentChecker.Options.defaults();
    }

    @Test
    void environment_keepsTheContract() {
        CheckReport report = EnvironmentChecker.check(getClass().getSimpleName(), this::newEnvironment,
                checkerOptions());
        assertTrue(report.ok(), report.describe());
    }
}
