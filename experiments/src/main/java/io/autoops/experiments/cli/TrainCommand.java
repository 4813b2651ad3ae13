package io.autoops.experiments.cli;

import io.autoops.core.analysis.SymptomGate;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.scenario.ScenarioLoader;
import io.autoops.env.scenario.Suite;
import io.autoops.experiments.train.MarlTraining;
import io.autoops.experiments.train.Training;
import io.autoops.policies.marl.MarlConfig;
import io.autoops.policies.drl.DqnConfig;
import io.autoops.policies.drl.LearnerConfig;
import io.autoops.policies.drl.PpoConfig;
import io.autoops.policies.rl4j.Rl4jA3cConfig;
import io.autoops.policies.rl4j.Rl4jDqnConfig;
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
        description = "Train a learned healing policy (our DQN or PPO on DL4J, or RL4J's DQN or A3C) on a scenario or suite; "
                + "write a policy bundle.",
        mixinStandardHelpOptions = true)
final class TrainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The learners, by their command-line names. */
    enum Algo {
        DQN("dqn"), PPO("ppo"), RL4J_DQN("rl4j-dqn"), RL4J_A3C("rl4j-a3c"), MARL_IDQN("marl-idqn"), MARL_TEAM("marl-team");

        final String cli;

        Algo(String cli) {
            this.cli = cli;
        }

        @Override
        public String toString() {
            return cli;
        }

        boolean rl4j() {
            return this == RL4J_DQN || this == RL4J_A3C;
        }

        boolean multiAgent() {
            return this == MARL_IDQN || this == MARL_TEAM;
        }
    }

    /** Accepts the command-line names (rl4j-dqn) of {@link Algo}. */
    static final class AlgoConverter implements CommandLine.ITypeConverter<Algo> {
        @Override
        public Algo convert(String value) {
            for (Algo a : Algo.values()) {
                if (a.cli.equals(value)) {
                    return a;
                }
            }
            throw new CommandLine.TypeConversionException("unknown algorithm '" + value + "' (expected one of " + new AlgoCandidates() + ")");
        }
    }

    static final class AlgoCandidates extends java.util.ArrayList<String> {
        AlgoCandidates() {
            super(java.util.Arrays.stream(Algo.values()).map(Algo::toString).toList());
        }
    }

    static final class Source {
        @Option(names = "--scenario", description = "Train on one scenario (bundled name or YAML file).")
        String scenario;

        @Option(names = "--suite", description = "Train on every scenario of a suite (bundled name or YAML file).")
        String suite;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source training;

    @Option(names = "--algo", converter = AlgoConverter.class, completionCandidates = AlgoCandidates.class,
            description = "Algorithm: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). The rl4j-* ones train with "
                    + "RL4J's QLearning (its update rule, replay and network; one update per 16 steps like ours) / A3CDiscreteDense "
                    + "on one environment copy; their --resume refills RL4J's replay memory. The marl-* ones train one healer per service on the "
                    + "multi-agent view: independent DQN learners (marl-idqn) or a shared-reward team by value "
                    + "decomposition (marl-team).",
            defaultValue = "dqn")
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

    @Option(names = "--separate-networks", description = "marl-*: one network per healer instead of one shared network.")
    boolean separateNetworks;

    @Option(names = "--action-penalty", description = "marl-*: subtracted from a healer's reward whenever it acts, "
            + "during training only (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    double actionPenalty;

    @Option(names = "--target-return", description = "Stop early once the validation mean return reaches this.")
    Double targetReturn;

    @Option(names = "--gate", description = "dqn, ppo: train behind an action gate; 'symptoms' offers remediations only "
            + "on services and nodes that show symptoms (errors, latency over SLO, CPU, memory, missing replicas), as "
            + "the seed's healer acts on alerts, and never scale-in; 'symptoms+surplus' also offers scale-in to a service "
            + "without symptoms that wants more replicas than the scenario gives it at rest. The bundle records it; "
            + "wherever it is loaded the gate is put back.")
    String gate;

    @Option(names = "--obs-noise", description = "dqn, ppo: domain randomisation for live use; multiplicative log-normal "
            + "noise of this sigma on the continuous features the learner sees (one factor per feature and episode, "
            + "jitter per step; e.g. 0.3). Validation stays clean (default: ${DEFAULT-VALUE}, none).", defaultValue = "0")
    double obsNoise;

    @Option(names = "--min-std", description = "dqn, ppo, rl4j-*: a floor under the observation normaliser's standard "
            + "deviations, so that a feature the simulator keeps almost constant does not turn a real system's small "
            + "difference into many standard deviations (e.g. 0.05; default: ${DEFAULT-VALUE}, none).", defaultValue = "0")
    double minStd;

    @Option(names = "--action-gap", description = "dqn: advantage learning's alpha in [0, 1) (e.g. 0.9): widens the gap "
            + "between the best action and the others about 1 / (1 - alpha) times without changing which is best, so "
            + "that a choice worth a tick's reward survives the small differences between the simulator's inputs and a "
            + "live system's (default: ${DEFAULT-VALUE}, plain double DQN).", defaultValue = "0")
    double actionGap;

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
        if (algo.rl4j() && envs != 1) {
            System.err.println("autoops: " + algo + " steps one environment copy (RL4J has no vector environments); "
                    + "ignoring --envs " + envs);
            envs = 1;
        }
        if (actionGap != 0 && (algo != Algo.DQN || !(actionGap > 0 && actionGap < 1))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--action-gap: an alpha in [0, 1) for dqn, got "
                    + actionGap + " for " + algo);
        }
        if (algo.multiAgent()) {
            if (!(actionPenalty >= 0)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--action-penalty must be >= 0, got " + actionPenalty);
            }
            if (obsNoise != 0 || minStd != 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), (obsNoise != 0 ? "--obs-noise" : "--min-std")
                        + ": not supported by " + algo);
            }
            if (targetReturn != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--target-return: not supported by " + algo);
            }
            MarlConfig.Mode mode = algo == Algo.MARL_TEAM ? MarlConfig.Mode.TEAM : MarlConfig.Mode.INDEPENDENT;
            System.err.printf("autoops: training %s on %s for %d steps (%d copies, %s, seed %d)%n", algo, name, steps, envs,
                    separateNetworks ? "a network per healer" : "one shared network", seed);
            return report(MarlTraining.run(new MarlTraining.Config(scenarios, name,
                    MarlConfig.defaults(mode, seed).withParameterSharing(!separateNetworks).withActionPenalty(actionPenalty),
                    steps, envs, evalEvery,
                    evalSeeds, out, resume), VersionProvider.version(), System.err));
        }
        if (gate != null && !SymptomGate.NAMES.contains(gate)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--gate: unknown gate '" + gate + "'; known: "
                    + String.join(", ", SymptomGate.NAMES));
        }
        if (gate != null && algo != Algo.DQN && algo != Algo.PPO) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--gate: only for dqn and ppo (" + algo
                    + " does not take action masks this way)");
        }
        if (!(minStd >= 0) || Double.isInfinite(minStd)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--min-std must be >= 0, got " + minStd);
        }
        if (obsNoise != 0 && (algo != Algo.DQN && algo != Algo.PPO || !(obsNoise > 0 && obsNoise <= 2))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--obs-noise: a sigma in (0, 2] for dqn or ppo, got "
                    + obsNoise + " for " + algo);
        }
        if (separateNetworks || actionPenalty != 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), (separateNetworks ? "--separate-networks" : "--action-penalty")
                    + ": only for marl-* algorithms");
        }
        LearnerConfig cfg = switch (algo) {
            case DQN -> DqnConfig.defaults(seed).withActionGap(actionGap);
            case PPO -> PpoConfig.defaults(seed);
            case RL4J_DQN -> new Rl4jDqnConfig(DqnConfig.defaults(seed), true, DqnConfig.defaults(seed).learningStarts());
            case RL4J_A3C -> Rl4jA3cConfig.defaults(seed);
            case MARL_IDQN, MARL_TEAM -> throw new IllegalStateException("unreachable");
        };
        System.err.printf("autoops: training %s on %s for %d steps (%d copies, seed %d)%n", algo, name, steps, envs, seed);
        return report(Training.run(new Training.Config(scenarios, name, cfg, steps, envs, evalEvery,
                evalSeeds, targetReturn, out, resume, gate, obsNoise, minStd), VersionProvider.version(), System.err));
    }

    private int report(Training.Result r) {
        System.out.printf(Locale.ROOT, "trained %s: %d steps at %.0f steps/s, best validation mean return %.2f%s%n", algo,
                r.steps(), r.stepsPerSecond(), r.bestEvalReturn(), r.earlyStopped() ? " (target reached, stopped early)" : "");
        System.out.println("bundle:     " + r.bundle());
        System.out.println("checkpoint: " + r.checkpoint());
        System.out.println("curve:      " + r.curveCsv() + ", " + r.curvePng());
        return 0;
    }
}
