package io.autoops.experiments.cli;

import io.autoops.env.scenario.Scenario;
import io.autoops.env.scenario.ScenarioLoader;
import io.autoops.env.scenario.Suite;
import io.autoops.experiments.train.DqnTraining;
import io.autoops.policies.drl.DqnConfig;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Trains a learned healing policy and writes it as a policy bundle. */
@Command(name = "train",
        description = "Train a learned healing policy (DQN on DL4J) on a scenario or suite; write a policy bundle.",
        mixinStandardHelpOptions = true)
final class TrainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    enum Algo { dqn }

    static final class Training {
        @Option(names = "--scenario", description = "Train on one scenario (bundled name or YAML file).")
        String scenario;

        @Option(names = "--suite", description = "Train on every scenario of a suite (bundled name or YAML file).")
        String suite;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Training training;

    @Option(names = "--algo", description = "Algorithm: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).", defaultValue = "dqn")
    Algo algo;

    @Option(names = "--steps", description = "Environment steps in all (default: ${DEFAULT-VALUE}).", defaultValue = "200000")
    long steps;

    @Option(names = "--seed", description = "Seed of the run (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Option(names = "--out", required = true, description = "The policy bundle to write (a .zip).")
    Path out;

    @Option(names = "--resume", description = "Resume from a checkpoint folder (written next to --out as <out>.checkpoint).")
    Path resume;

    @Option(names = "--envs", description = "Vector environment copies (default: ${DEFAULT-VALUE}).", defaultValue = "16")
    int envs;

    @Option(names = "--eval-every", description = "Environment steps between evaluations (default: ${DEFAULT-VALUE}).",
            defaultValue = "20000")
    long evalEvery;

    @Option(names = "--eval-seeds", description = "Validation seeds per scenario at each evaluation (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    int evalSeeds;

    @Option(names = "--target-return", description = "Stop early once the validation mean return reaches this.")
    Double targetReturn;

    @Override
    public Integer call() {
        if (steps < 1 || envs < 1 || evalEvery < 1 || evalSeeds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--steps, --envs, --eval-every and --eval-seeds must be positive");
        }
        if (!out.getFileName().toString().endsWith(".zip")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out must name a .zip file, got " + out);
        }
        if (resume != null && !Files.isDirectory(resume)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--resume: no checkpoint folder " + resume);
        }
        List<Scenario> scenarios;
        String name;
        if (training.scenario != null) {
            scenarios = List.of(ScenarioLoader.load(training.scenario));
            name = scenarios.get(0).name();
        } else {
            Suite s = Suite.load(training.suite);
            scenarios = s.scenarios();
            name = "suite " + s.name();
        }
        DqnConfig cfg = DqnConfig.defaults(seed);
        System.err.printf("autoops: training %s on %s for %d steps (%d copies, seed %d)%n", algo, name, steps, envs, seed);
        DqnTraining.Result r = DqnTraining.run(new DqnTraining.Config(scenarios, name, cfg, steps, envs, evalEvery,
                evalSeeds, targetReturn, out, resume), VersionProvider.version(), System.err);
        System.out.printf(Locale.ROOT, "trained %s: %d steps at %.0f steps/s, best validation mean return %.2f%s%n", algo,
                r.steps(), r.stepsPerSecond(), r.bestEvalReturn(), r.earlyStopped() ? " (target reached, stopped early)" : "");
        System.out.println("bundle:     " + r.bundle());
        System.out.println("checkpoint: " + r.checkpoint());
        System.out.println("curve:      " + r.curveCsv() + ", " + r.curvePng());
        return 0;
    }
}
