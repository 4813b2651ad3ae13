package io.autoops.experiments.cli;

import io.autoops.core.check.CheckReport;
import io.autoops.core.check.EnvironmentChecker;
import io.autoops.core.toy.ChainEnvironment;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.scenario.ScenarioLoader;
import io.autoops.env.sim.SimEnvironment;
import io.autoops.env.sim.SimParallelEnvironment;
import io.autoops.env.sim.SimVectorEnvironment;
import io.autoops.env.sim.Simulator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** Runs the environment checker on a simulated scenario (all three views) or a toy environment. */
@Command(name = "check-env",
        description = "Run the environment contract checker (determinism, spaces, masks, terminated/truncated).",
        mixinStandardHelpOptions = true)
final class CheckEnvCommand implements Callable<Integer> {

    static final class Target {
        @Option(names = "--scenario", description = "A bundled scenario name or a scenario YAML file: checks the single, vector and parallel views.")
        String scenario;

        @Option(names = "--toy", description = "A built-in toy environment: ${COMPLETION-CANDIDATES}.")
        Toy toy;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--episodes", description = "Episodes per check (default: ${DEFAULT-VALUE}).", defaultValue = "2")
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
        List<CheckReport> reports;
        if (target.scenario != null) {
            Scenario sc = ScenarioLoader.load(target.scenario);
            reports = List.of(
                    EnvironmentChecker.check(sc.name() + " (single-agent view)", () -> new SimEnvironment(sc), options),
                    EnvironmentChecker.checkVector(sc.name() + " (vector view, 4 copies)",
                            () -> new SimVectorEnvironment(List.of(sc), 4, Simulator.Options.SCENARIO), options),
                    EnvironmentChecker.checkParallel(sc.name() + " (multi-agent view)",
                            () -> new SimParallelEnvironment(sc), options));
        } else {
            reports = List.of(EnvironmentChecker.check("toy " + target.toy,
                    () -> new ChainEnvironment(8, 40, 0.01, true), options));
        }
        reports.forEach(r -> System.out.print(r.describe()));
        return reports.stream().allMatch(CheckReport::ok) ? 0 : 1;
    }
}
