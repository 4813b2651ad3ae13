package io.autoops.experiments.cli;

import io.autoops.core.check.CheckReport;
import io.autoops.core.check.EnvironmentChecker;
import io.autoops.core.toy.ChainEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** Runs the environment checker on an environment and prints its report. */
@Command(name = "check-env",
        description = "Run the environment contract checker (determinism, spaces, masks, terminated/truncated).",
        mixinStandardHelpOptions = true)
final class CheckEnvCommand implements Callable<Integer> {

    @Option(names = "--toy", description = "A built-in toy environment: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            defaultValue = "chain")
    Toy toy;

    @Option(names = "--episodes", description = "Episodes per check (default: ${DEFAULT-VALUE}).", defaultValue = "3")
    int episodes;

    @Option(names = "--max-steps", description = "Steps per episode at most (default: ${DEFAULT-VALUE}).", defaultValue = "500")
    int maxSteps;

    @Option(names = "--seed", description = "Seed of the episodes and of the random policy (default: ${DEFAULT-VALUE}).",
            defaultValue = "12345")
    long seed;

    enum Toy { chain }

    @Override
    public Integer call() {
        EnvironmentChecker.Options options = new EnvironmentChecker.Options(episodes, maxSteps, seed);
        CheckReport report = EnvironmentChecker.check("toy " + toy, () -> new ChainEnvironment(8, 40, 0.01, true), options);
        System.out.print(report.describe());
        return report.ok() ? 0 : 1;
    }
}
